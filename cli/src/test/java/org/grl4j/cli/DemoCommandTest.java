package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.grl4j.cli.io.JsonOutput;
import org.grl4j.cli.plot.Plots;
import org.grl4j.models.data.PointFiles;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Wasserstein;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void aShortDemoWritesEveryPictureTheMetricsAndTheModel() throws IOException {
        Path out = TinyModels.fresh("demo");
        CliRun run =
                CliRun.of(
                        "demo",
                        "--out",
                        out.toString(),
                        "--iterations",
                        "30",
                        "--eval-points",
                        "100",
                        "--euler-steps",
                        "10",
                        "--dpm-steps",
                        "6",
                        "--quiet");
        assertEquals(0, run.exitCode(), run.describe());

        for (String name :
                List.of(
                        "samples.png",
                        "loss.png",
                        "trajectory.png",
                        "trajectory.gif",
                        "metrics.json",
                        "model.onnx",
                        "config.yaml",
                        "run.json",
                        "loss.csv",
                        "held_out.csv",
                        "checkpoint.grl4j")) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        BufferedImage samples = ImageIO.read(out.resolve("samples.png").toFile());
        assertEquals(3 * Plots.PANEL_SIZE, samples.getWidth(), "data, Euler and DPM-Solver++");
        assertEquals(1, ImageIO.getImageReadersByFormatName("gif").hasNext() ? 1 : 0);
        assertTrue(ImageIO.read(out.resolve("trajectory.gif").toFile()).getWidth() > 0);

        JsonNode metrics =
                JsonOutput.MAPPER.readTree(Files.readString(out.resolve("metrics.json")));
        assertEquals(30, metrics.at("/training/iterations").asInt());
        assertEquals(10, metrics.at("/trained/euler/nfe").asInt());
        assertEquals(6, metrics.at("/trained/dpm_solver_plus_plus/nfe").asInt());
        double untrained = metrics.at("/untrained/euler/w2").asDouble();
        double trained = metrics.at("/trained/euler/w2").asDouble();
        assertTrue(Double.isFinite(trained) && Double.isFinite(untrained), metrics.toString());
        assertEquals(
                untrained / trained,
                metrics.get("w2_ratio_untrained_over_trained_euler").asDouble(),
                1e-12);

        // The reported W2 is that of the held-out file against samples of the exported model.
        PointSet heldOut = PointFiles.read(out.resolve("held_out.csv"));
        assertEquals(100, heldOut.size());
        CliRun sample =
                CliRun.of(
                        "sample",
                        out.resolve("model.onnx").toString(),
                        "-n",
                        "100",
                        "--threads",
                        "1",
                        "--steps",
                        "10",
                        "-o",
                        out.resolve("again.npy").toString());
        assertEquals(0, sample.exitCode(), sample.describe());
        assertEquals(
                Wasserstein.distance(PointFiles.read(out.resolve("again.npy")), heldOut),
                trained,
                1e-9);
        assertTrue(run.out().contains("W2 to 100 held-out points"), run.out());
    }
}
