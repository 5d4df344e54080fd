package org.grl4j.exporter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.exporter.onnx.OnnxModelFiles;
import org.grl4j.exporter.parity.ParityCheck;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.card.PathSpec;
import org.grl4j.models.card.Quantization;
import org.grl4j.models.card.TimeConvention;
import org.grl4j.models.param.Parameterization;
import org.grl4j.sampler.onnx.OnnxNetwork;
import org.grl4j.sampler.onnx.OnnxNetworkOptions;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Int8 export end to end: parity against DJL, the card, the file size and the sampler's view. */
class QuantizedExportTest {

    private static final int X = 2;

    @TempDir Path directory;

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** The standard layout at a quarter of the width: [128, 64, 32], Fourier 32. */
    private IntrinsicModel network(long seed) {
        IntrinsicModel model =
                new IntrinsicModel(
                        X,
                        0,
                        new GaussianFourierTimeEncoder(32, 30.0, false),
                        null,
                        new TemporalSpatialResidualNet(List.of(128, 64, 32), X, 32));
        Networks.initialize(model, manager, seed, model.inputShapes(4));
        return model;
    }

    private static ModelCard card() {
        return ModelCard.of(
                ModelKind.DIFFUSION,
                Parameterization.NOISE_FUNCTION,
                new PathSpec("linear_vp_sde", Map.of("beta_0", 0.1, "beta_1", 20.0)),
                TimeConvention.DATA_AT_ZERO,
                X,
                0);
    }

    @Test
    void int8ExportPassesItsParityCheckAndIsSmaller() throws IOException {
        IntrinsicModel model = network(21);
        Path plain = directory.resolve("plain.onnx");
        Path int8 = directory.resolve("int8.onnx");

        new OnnxExporter().export(model, card(), plain, ExportOptions.defaults());
        ExportReport report =
                new OnnxExporter()
                        .export(
                                model,
                                card(),
                                int8,
                                ExportOptions.defaults()
                                        .withQuantization(Quantization.INT8_DYNAMIC));

        double error = report.parity().valueError();
        // Measured 0.5-0.9% on this shape; a float graph is at 1e-7, a broken one at order 1.
        assertTrue(error < ExportOptions.INT8_PARITY_TOLERANCE, report.parity().summary());
        assertTrue(error > 1e-4, "int8 output equals float output: " + error);
        // 10 layers (344 064 bytes of float weights) are quantized; the small ones stay float.
        assertTrue(
                Files.size(int8) < 0.5 * Files.size(plain),
                Files.size(int8) + " vs " + Files.size(plain) + " bytes, parity " + error);
        try (OnnxNetwork network = OnnxNetwork.load(int8)) {
            assertEquals(Quantization.INT8_DYNAMIC, network.card().quantization());
        }
    }

    @Test
    void samplerEvaluatesQuantizedRowsIndependently() {
        IntrinsicModel model = network(22);
        Path int8 = directory.resolve("int8.onnx");
        new OnnxExporter()
                .export(
                        model,
                        card(),
                        int8,
                        ExportOptions.defaults().withQuantization(Quantization.INT8_DYNAMIC));
        SplittableRandom random = new SplittableRandom(5);
        int rows = 7;
        double[] t = new double[rows];
        double[] x = new double[rows * X];
        for (int i = 0; i < rows; i++) {
            t[i] = random.nextDouble();
            // Rows of very different sizes: one shared input scale would change small rows.
            x[i * X] = (i + 1) * (i + 1) * (random.nextDouble() - 0.5);
            x[i * X + 1] = random.nextDouble() - 0.5;
        }

        double[] together = new double[rows * X];
        double[] alone = new double[rows * X];
        try (OnnxNetwork network =
                OnnxNetwork.load(int8, OnnxNetworkOptions.cpu().withChunkRows(0))) {
            network.evaluate(rows, t, x, null, together);
            for (int i = 0; i < rows; i++) {
                double[] out = new double[X];
                network.evaluate(
                        1, new double[] {t[i]}, new double[] {x[i * X], x[i * X + 1]}, null, out);
                System.arraycopy(out, 0, alone, i * X, X);
            }
        }

        assertArrayEquals(alone, together, 0.0);
    }

    @Test
    void parityCheckRecognizesAQuantizedFileByItsCard() {
        IntrinsicModel model = network(23);
        Path int8 = directory.resolve("int8.onnx");
        new OnnxExporter()
                .export(
                        model,
                        card(),
                        int8,
                        ExportOptions.defaults().withQuantization(Quantization.INT8_DYNAMIC));

        // A quantized file is checked one row per call, as the sampler runs it.
        assertTrue(ParityCheck.isQuantized(OnnxModelFiles.read(int8)));
        assertFalse(ParityCheck.isQuantized(new OnnxExporter().toModel(model, card(), false)));
    }

    @Test
    void tangentAndQuantizationTogetherAreRefused() {
        String message =
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        ExportOptions.defaults()
                                                .withTangent(true)
                                                .withQuantization(Quantization.INT8_DYNAMIC))
                        .getMessage();

        assertTrue(message.contains("tangent"), message);
        assertTrue(message.contains("int8_dynamic"), message);
    }
}
