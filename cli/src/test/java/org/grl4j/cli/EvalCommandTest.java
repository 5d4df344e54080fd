package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grl4j.cli.io.JsonOutput;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointFiles;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Mmd;
import org.grl4j.models.metrics.Wasserstein;
import org.junit.jupiter.api.Test;

class EvalCommandTest {

    @Test
    void w2AndMmdAreThoseOfTheSampleCommandsOutput() throws IOException {
        Path dir = TinyModels.fresh("eval");
        Path data = dir.resolve("held_out.csv");
        PointSet heldOut = Datasets.swissRoll(150, 42);
        PointFiles.write(data, heldOut);
        Path json = dir.resolve("metrics.json");
        String model = TinyModels.diffusionModel().toString();

        CliRun eval =
                CliRun.of(
                        "eval",
                        model,
                        "--data",
                        data.toString(),
                        "--seed",
                        "5",
                        "--steps",
                        "10",
                        "--json",
                        json.toString());
        assertEquals(0, eval.exitCode(), eval.describe());
        assertTrue(eval.out().contains("W2, exact (n = 150)"), eval.out());
        assertTrue(eval.out().contains("n/a (export with --tangent)"), eval.out());

        // The independent route: the sample command with the same seed, then the metrics.
        Path samples = dir.resolve("samples.npy");
        CliRun sample =
                CliRun.of(
                        "sample",
                        model,
                        "-n",
                        "150",
                        "--seed",
                        "5",
                        "--steps",
                        "10",
                        "-o",
                        samples.toString());
        assertEquals(0, sample.exitCode(), sample.describe());
        PointSet drawn = PointFiles.read(samples);
        JsonNode metrics = JsonOutput.MAPPER.readTree(Files.readString(json));
        assertEquals(Wasserstein.distance(drawn, heldOut), metrics.get("w2").asDouble(), 1e-12);
        assertEquals(
                Mmd.biasedWithMedianBandwidth(drawn, heldOut),
                metrics.get("mmd").asDouble(),
                1e-12);
        assertEquals(10, metrics.get("nfe").asInt());
    }

    @Test
    void aTangentModelAddsTheLikelihood() throws IOException {
        Path dir = TinyModels.fresh("likelihood");
        Path tangent = dir.resolve("tangent.onnx");
        CliRun export =
                CliRun.of(
                        "export",
                        TinyModels.diffusionRun().toString(),
                        "-o",
                        tangent.toString(),
                        "--tangent");
        assertEquals(0, export.exitCode(), export.describe());
        Path data = dir.resolve("x.npy");
        PointFiles.write(data, Datasets.swissRoll(40, 1));
        Path json = dir.resolve("m.json");
        CliRun eval =
                CliRun.of(
                        "eval",
                        tangent.toString(),
                        "--data",
                        data.toString(),
                        "--likelihood-rows",
                        "8",
                        "--json",
                        json.toString());
        assertEquals(0, eval.exitCode(), eval.describe());
        JsonNode metrics = JsonOutput.MAPPER.readTree(Files.readString(json));
        double logLikelihood = metrics.get("log_likelihood").asDouble();
        assertTrue(Double.isFinite(logLikelihood), eval.out());
        assertEquals(8, metrics.get("likelihood_rows").asInt());
        assertEquals(
                -logLikelihood / (2 * Math.log(2)),
                metrics.get("bits_per_dimension").asDouble(),
                1e-12);
    }

    @Test
    void dataOfAnotherWidthIsAUsageError() throws IOException {
        Path data = TinyModels.fresh("width").resolve("three.csv");
        Files.writeString(data, "1,2,3\n4,5,6\n");
        CliRun run =
                CliRun.of(
                        "eval", TinyModels.diffusionModel().toString(), "--data", data.toString());
        assertEquals(2, run.exitCode(), run.describe());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("3 columns"), run.err());
    }

    @Test
    void aDataFileWithNanFailsInOneLine() throws IOException {
        Path data = TinyModels.fresh("nan").resolve("nan.csv");
        Files.writeString(data, "1,2\nNaN,5\n");
        CliRun run =
                CliRun.of(
                        "eval", TinyModels.diffusionModel().toString(), "--data", data.toString());
        assertEquals(1, run.exitCode(), run.describe());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("nan.csv"), run.err());
    }
}
