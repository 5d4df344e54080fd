package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grl4j.cli.sampling.Evaluation;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.trainer.train.Checkpoint;
import org.junit.jupiter.api.Test;

class ExportCommandTest {

    @Test
    void exportingACheckpointReproducesTheModelTrainWrote() {
        Path run = TinyModels.diffusionRun();
        Path target = TinyModels.fresh("export").resolve("again.onnx");
        CliRun export = CliRun.of("export", run.toString(), "-o", target.toString());
        assertEquals(0, export.exitCode(), export.describe());
        assertTrue(export.out().contains("exported step 20"), export.out());
        assertTrue(export.out().contains("relative error"), export.out());

        // The same weights and card: the same samples for the same seed.
        try (OnnxModel original = OnnxModel.load(run.resolve("model.onnx"));
                OnnxModel again = OnnxModel.load(target)) {
            assertArrayEquals(original.sample(64, 3), again.sample(64, 3), 0.0);
            assertEquals(original.card().normalization(), again.card().normalization());
        }
    }

    @Test
    void theTangentOptionAddsTheJacobianOutput() {
        Path target = TinyModels.fresh("tangent").resolve("tangent.onnx");
        CliRun export =
                CliRun.of(
                        "export",
                        TinyModels.diffusionRun().resolve(Checkpoint.FILE_NAME).toString(),
                        "-o",
                        target.toString(),
                        "--tangent");
        assertEquals(0, export.exitCode(), export.describe());
        assertTrue(export.out().contains("h_tangent relative error"), export.out());
        try (OnnxModel model = OnnxModel.load(target)) {
            assertTrue(Evaluation.hasTangent(model));
        }
    }

    @Test
    void aDirectoryWithoutACheckpointIsAUsageError() {
        Path empty = TinyModels.fresh("empty");
        CliRun run = CliRun.of("export", empty.toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("checkpoint"), run.err());
    }

    @Test
    void aCorruptCheckpointFailsInOneLineAndWritesNothing() throws IOException {
        Path run = TinyModels.fresh("corrupt");
        Files.copy(TinyModels.diffusionRun().resolve("run.json"), run.resolve("run.json"));
        Files.writeString(run.resolve(Checkpoint.FILE_NAME), "not a checkpoint");
        CliRun export = CliRun.of("export", run.toString());
        assertEquals(1, export.exitCode(), export.describe());
        assertEquals(1, export.errLines().size(), export.err());
        assertFalse(Files.exists(run.resolve("model.onnx")));
    }

    @Test
    void anOutputThatIsNotOnnxIsAUsageError() {
        CliRun run = CliRun.of("export", TinyModels.diffusionRun().toString(), "-o", "model.bin");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(".onnx"), run.err());
    }

    @Test
    void quantizingANetworkWithoutLargeLayersFailsInOneLineAndWritesNothing() {
        Path target = TinyModels.fresh("int8").resolve("int8.onnx");
        CliRun export =
                CliRun.of(
                        "export",
                        TinyModels.diffusionRun().toString(),
                        "-o",
                        target.toString(),
                        "--quantize",
                        "int8_dynamic");
        // The tiny network's largest layer has 16 x 16 weights, below the 4096 threshold.
        assertEquals(1, export.exitCode(), export.describe());
        assertEquals(1, export.errLines().size(), export.err());
        assertTrue(export.err().contains("nothing to quantize"), export.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void anUnknownQuantizationOrOneWithTheTangentIsAUsageError() {
        String run = TinyModels.diffusionRun().toString();
        CliRun unknown = CliRun.of("export", run, "--quantize", "int4");
        CliRun withTangent = CliRun.of("export", run, "--quantize", "int8_dynamic", "--tangent");

        assertEquals(2, unknown.exitCode(), unknown.describe());
        assertTrue(unknown.err().contains("none, int8_dynamic"), unknown.err());
        assertEquals(2, withTangent.exitCode(), withTangent.describe());
        assertTrue(withTangent.err().contains("cannot be combined"), withTangent.err());
    }
}
