package org.grl4j.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.grl4j.exporter.block.BlockExporterRegistry;
import org.grl4j.exporter.block.MissingParameterException;
import org.grl4j.exporter.block.UnsupportedBlockException;
import org.grl4j.exporter.onnx.DualValue;
import org.grl4j.exporter.onnx.OnnxModelFiles;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.StringStringEntryProto;
import org.grl4j.exporter.parity.ParityCheck;
import org.grl4j.exporter.parity.ParityException;
import org.grl4j.exporter.parity.ParityOptions;
import org.grl4j.exporter.parity.ParityReport;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.card.PathSpec;
import org.grl4j.models.card.TimeConvention;
import org.grl4j.models.param.Parameterization;
import org.grl4j.trainer.network.Activation;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.GradMode;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole intrinsic model through {@link OnnxExporter}: file, metadata, checks and errors. */
@SuppressWarnings("try") // gradient scopes only close
class OnnxExporterTest {

    private static final int X = 3;
    private static final int C = 2;
    private static final int T = 16;

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

    private IntrinsicModel model(int conditionSize, Block backbone, long seed) {
        Block conditionEncoder =
                conditionSize == 0
                        ? null
                        : new MultiLayerPerceptron(List.of(conditionSize, 5), 4, Activation.MISH);
        IntrinsicModel model =
                new IntrinsicModel(
                        X,
                        conditionSize,
                        new GaussianFourierTimeEncoder(T, 30.0, false),
                        conditionEncoder,
                        backbone);
        Networks.initialize(model, manager, seed, model.inputShapes(4));
        return model;
    }

    private static TemporalSpatialResidualNet residualNet(int conditionWidth) {
        return conditionWidth == 0
                ? new TemporalSpatialResidualNet(List.of(12, 7), X, T)
                : new TemporalSpatialResidualNet(List.of(12, 7), X, T, X, conditionWidth, 6, 0);
    }

    private static ModelCard card(int conditionSize) {
        return ModelCard.of(
                ModelKind.DIFFUSION,
                Parameterization.NOISE_FUNCTION,
                new PathSpec("linear_vp_sde", Map.of("beta_0", 0.1, "beta_1", 20.0)),
                TimeConvention.DATA_AT_ZERO,
                X,
                conditionSize);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.toList();
        }
    }

    @Test
    void unconditionalModelExportsWithPassingParityAndItsCardAsMetadata() throws IOException {
        IntrinsicModel model = model(0, residualNet(0), 1);
        Path file = directory.resolve("model.onnx");

        ExportReport report =
                new OnnxExporter().export(model, card(0), file, ExportOptions.defaults());

        assertTrue(report.parity().passed(), report.parity().summary());
        assertTrue(report.parity().valueError() <= ExportTolerances.PARITY);
        assertFalse(report.parity().checkedTangent());
        assertEquals(List.of(file), files());
        ModelProto written = OnnxModelFiles.read(file);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto entry : written.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        assertEquals(card(0).toMetadata(), metadata);
        assertEquals(card(0).toMetadata(), ModelCard.fromMetadata(metadata).toMetadata());
        assertEquals(
                List.of("t", "x"),
                written.getGraph().getInputList().stream().map(v -> v.getName()).toList());
    }

    @Test
    void conditionalModelWithConditionEncoderPassesParity() {
        IntrinsicModel model = model(C, residualNet(4), 2);
        ExportReport report =
                new OnnxExporter()
                        .export(
                                model,
                                card(C),
                                directory.resolve("c.onnx"),
                                ExportOptions.defaults());
        assertTrue(report.parity().valueError() <= ExportTolerances.PARITY);
    }

    @Test
    void tangentModelPassesTheExportTimeDifferenceCheck() {
        IntrinsicModel model = model(C, residualNet(4), 3);
        ExportReport report =
                new OnnxExporter()
                        .export(
                                model,
                                card(C),
                                directory.resolve("tangent.onnx"),
                                ExportOptions.defaults().withTangent(true));
        assertTrue(report.parity().checkedTangent());
        assertTrue(report.parity().passed(), report.parity().summary());
    }

    @Test
    void parityCheckRunsOnItsOwnAgainstAWrittenFile() {
        IntrinsicModel model = model(0, residualNet(0), 4);
        Path file = directory.resolve("model.onnx");
        new OnnxExporter()
                .export(model, card(0), file, ExportOptions.defaults().withParityCheck(false));

        ParityReport report =
                ParityCheck.check(model, file, ParityOptions.defaults().withRows(200).withSeed(9));

        assertEquals(200, report.rows());
        assertTrue(report.passed(), report.summary());
    }

    @Test
    void parityCheckFailsForAnotherNetworkOfTheSameShape() {
        Path file = directory.resolve("model.onnx");
        new OnnxExporter()
                .export(
                        model(0, residualNet(0), 5),
                        card(0),
                        file,
                        ExportOptions.defaults().withParityCheck(false));

        ParityReport report =
                ParityCheck.check(model(0, residualNet(0), 6), file, ParityOptions.defaults());

        assertFalse(report.passed());
        assertThrows(ParityException.class, () -> ParityCheck.requirePassed(report));
    }

    @Test
    void unknownBlockIsNamedWithItsPlaceAndTheFixAndNoFileIsWritten() throws IOException {
        IntrinsicModel model = model(0, new ShiftBlock(X), 7);
        UnsupportedBlockException e =
                assertThrows(
                        UnsupportedBlockException.class,
                        () ->
                                new OnnxExporter()
                                        .export(
                                                model,
                                                card(0),
                                                directory.resolve("m.onnx"),
                                                ExportOptions.defaults()));
        assertTrue(e.getMessage().contains(ShiftBlock.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("network/backbone"), e.getMessage());
        assertTrue(e.getMessage().contains("BlockExporterRegistry.register"), e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void userRegisteredExporterMakesTheirBlockExportable() {
        IntrinsicModel model = model(0, new ShiftBlock(X), 8);
        BlockExporterRegistry registry =
                BlockExporterRegistry.withBuiltIns()
                        .register(
                                ShiftBlock.class,
                                (block, inputs, context) -> {
                                    DualValue shift =
                                            context.linear(
                                                    block.projection(),
                                                    "projection",
                                                    inputs.get(0));
                                    return List.of(context.tangents().add(inputs.get(1), shift));
                                });
        ExportReport report =
                new OnnxExporter(registry)
                        .export(
                                model,
                                card(0),
                                directory.resolve("m.onnx"),
                                ExportOptions.defaults().withTangent(true));
        assertTrue(report.parity().passed(), report.parity().summary());
    }

    @Test
    void blockThatExportsItselfNeedsNoRegistration() {
        IntrinsicModel model = model(0, new SelfExportingShiftBlock(X), 9);
        ExportReport report =
                new OnnxExporter()
                        .export(
                                model,
                                card(0),
                                directory.resolve("m.onnx"),
                                ExportOptions.defaults());
        assertTrue(report.parity().passed(), report.parity().summary());
    }

    @Test
    void wrongUserExporterFailsParityLoudlyAndNoFileIsWritten() throws IOException {
        IntrinsicModel model = model(0, new ShiftBlock(X), 10);
        BlockExporterRegistry registry =
                BlockExporterRegistry.withBuiltIns()
                        .register(
                                ShiftBlock.class,
                                (block, inputs, context) -> List.of(inputs.get(1))); // drops shift
        ParityException e =
                assertThrows(
                        ParityException.class,
                        () ->
                                new OnnxExporter(registry)
                                        .export(
                                                model,
                                                card(0),
                                                directory.resolve("m.onnx"),
                                                ExportOptions.defaults()));
        assertTrue(e.getMessage().contains("h relative error"), e.getMessage());
        assertTrue(e.report().valueError() > 1e-3);
        assertEquals(List.of(), files());
    }

    @Test
    void uninitializedNetworkNamesTheParameterAndNoFileIsWritten() throws IOException {
        IntrinsicModel model =
                new IntrinsicModel(
                        X, 0, new GaussianFourierTimeEncoder(T, 30, false), null, residualNet(0));
        MissingParameterException e =
                assertThrows(
                        MissingParameterException.class,
                        () ->
                                new OnnxExporter()
                                        .export(
                                                model,
                                                card(0),
                                                directory.resolve("m.onnx"),
                                                ExportOptions.defaults()));
        assertTrue(e.getMessage().contains("'W'"), e.getMessage());
        assertTrue(e.getMessage().contains("network/t_encoder"), e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void unwritablePathFailsWithThePathAndLeavesNoFile() {
        Path readOnly = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(readOnly));
        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class,
                        () ->
                                new OnnxExporter()
                                        .export(
                                                model(0, residualNet(0), 11),
                                                card(0),
                                                readOnly.resolve("m.onnx"),
                                                ExportOptions.defaults()));
        assertTrue(e.getMessage().contains("/proc"), e.getMessage());
        assertFalse(Files.exists(readOnly.resolve("m.onnx")));
    }

    @Test
    void cardThatDoesNotMatchTheNetworkIsRefused() {
        IntrinsicModel model = model(0, residualNet(0), 12);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new OnnxExporter().toModel(model, card(C), false));
        assertTrue(e.getMessage().contains("condition_size"), e.getMessage());
    }

    /**
     * The file runs in a JVM whose class path holds only ONNX Runtime and a class that uses its
     * API, and gives DJL's output there.
     */
    @Test
    void exportedFileRunsWithOnlyTheOnnxRuntimeApi() throws Exception {
        IntrinsicModel model = model(C, residualNet(4), 13);
        Path file = directory.resolve("plain.onnx");
        new OnnxExporter().export(model, card(C), file, ExportOptions.defaults());

        List<String> lines = PlainOrtProcess.run(file, directory.resolve("classes"));

        assertTrue(lines.contains("input t [-1]"), lines.toString());
        assertTrue(lines.contains("input x [-1, 3]"), lines.toString());
        assertTrue(lines.contains("input condition [-1, 2]"), lines.toString());
        assertTrue(lines.contains("meta grl4j.format=1"), lines.toString());
        String hLine = lines.stream().filter(l -> l.startsWith("h ")).findFirst().orElseThrow();
        String[] parts = hLine.substring(2).split(" ");
        float[] h = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            h[i] = Float.parseFloat(parts[i]);
        }
        double[] reference = djlOnFixedBatch(model);
        assertTrue(OrtTestRunner.relativeError(reference, h) <= ExportTolerances.PARITY);
    }

    private double[] djlOnFixedBatch(IntrinsicModel model) {
        int rows = 3;
        float[] t = new float[rows];
        float[] x = new float[rows * X];
        float[] c = new float[rows * C];
        for (int r = 0; r < rows; r++) {
            t[r] = plainort.PlainOrtRun.value("t", r, 0);
            for (int j = 0; j < X; j++) {
                x[r * X + j] = plainort.PlainOrtRun.value("x", r, j);
            }
            for (int j = 0; j < C; j++) {
                c[r * C + j] = plainort.PlainOrtRun.value("condition", r, j);
            }
        }
        try (NDManager scope = manager.newSubManager();
                GradMode.Scope noGradients = GradMode.disabled()) {
            NDList inputs =
                    new NDList(
                            scope.create(t),
                            scope.create(x, new Shape(rows, X)),
                            scope.create(c, new Shape(rows, C)));
            float[] h =
                    model.forward(new ParameterStore(scope, false), inputs, false)
                            .head()
                            .toFloatArray();
            double[] out = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                out[i] = h[i];
            }
            return out;
        }
    }

    /** Starts the separate JVM for {@link plainort.PlainOrtRun}. */
    static final class PlainOrtProcess {
        static List<String> run(Path model, Path classDirectory) throws Exception {
            Path packageDirectory = Files.createDirectories(classDirectory.resolve("plainort"));
            Path compiled =
                    Path.of(
                                    plainort.PlainOrtRun.class
                                            .getProtectionDomain()
                                            .getCodeSource()
                                            .getLocation()
                                            .toURI())
                            .resolve("plainort");
            try (Stream<Path> classes = Files.list(compiled)) {
                for (Path c :
                        classes.filter(p -> p.getFileName().toString().startsWith("PlainOrtRun."))
                                .toList()) {
                    Files.copy(c, packageDirectory.resolve(c.getFileName()));
                }
            }
            String ortJar =
                    Path.of(
                                    ai.onnxruntime.OrtEnvironment.class
                                            .getProtectionDomain()
                                            .getCodeSource()
                                            .getLocation()
                                            .toURI())
                            .toString();
            String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    javaBinary,
                                    "-cp",
                                    ortJar + File.pathSeparator + classDirectory,
                                    "plainort.PlainOrtRun",
                                    model.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines;
            try (var reader = process.inputReader()) {
                lines = reader.lines().toList();
            }
            assertEquals(0, process.waitFor(), String.join("\n", lines));
            return lines;
        }
    }
}
