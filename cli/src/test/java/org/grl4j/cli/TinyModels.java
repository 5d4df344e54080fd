package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointFiles;

/**
 * Tiny trained models shared by the command tests, each trained once per test JVM through the
 * {@code train} command itself, under {@code target/cli-fixtures}.
 */
final class TinyModels {

    private static final Path ROOT = Path.of("target", "cli-fixtures");

    private static Path diffusionRun;
    private static Path flowRun;

    private TinyModels() {}

    /** A run directory of the tiny diffusion configuration, trained 20 steps on 256 points. */
    static synchronized Path diffusionRun() {
        if (diffusionRun == null) {
            Path out = fresh("diffusion");
            CliRun run =
                    CliRun.of(
                            "train",
                            "--config",
                            resource("tiny_diffusion.yaml", out).toString(),
                            "--dataset",
                            "swiss_roll",
                            "--out",
                            out.resolve("run").toString(),
                            "--quiet");
            assertEquals(0, run.exitCode(), run.describe());
            diffusionRun = out.resolve("run");
        }
        return diffusionRun;
    }

    /** A run directory of the tiny OT-CFM configuration (JSON), trained on moons from a CSV. */
    static synchronized Path flowRun() {
        if (flowRun == null) {
            Path out = fresh("flow");
            Path data = out.resolve("moons.csv");
            PointFiles.write(data, Datasets.moons(128, 3));
            CliRun run =
                    CliRun.of(
                            "train",
                            "--config",
                            resource("tiny_otcfm.json", out).toString(),
                            "--data",
                            data.toString(),
                            "--out",
                            out.resolve("run").toString(),
                            "--quiet");
            assertEquals(0, run.exitCode(), run.describe());
            flowRun = out.resolve("run");
        }
        return flowRun;
    }

    /** The model file of {@link #diffusionRun()}. */
    static Path diffusionModel() {
        return diffusionRun().resolve("model.onnx");
    }

    /** A fresh directory for one test's files. */
    static Path fresh(String name) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a test resource into {@code directory} and returns its path. */
    static Path resource(String name, Path directory) {
        try (InputStream in = TinyModels.class.getClassLoader().getResourceAsStream(name)) {
            Path file = directory.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
