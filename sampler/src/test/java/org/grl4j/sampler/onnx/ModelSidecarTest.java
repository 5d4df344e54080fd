package org.grl4j.sampler.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.card.PathSpec;
import org.grl4j.models.card.TimeConvention;
import org.grl4j.models.param.Parameterization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Networks made elsewhere: ONNX files without grl4j metadata, described by a sidecar. */
class ModelSidecarTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** See OnnxNetworkTest.FLOAT32. */
    private static final double FLOAT32 = 1e-5;

    @TempDir Path dir;

    /** Copies foreign.onnx into the temporary folder with an edited copy of its sidecar. */
    private Path foreignWithSidecar(Consumer<ObjectNode> edit) throws IOException {
        Path model = dir.resolve("foreign.onnx");
        Files.copy(Fixtures.resource("foreign.onnx"), model);
        ObjectNode sidecar =
                (ObjectNode)
                        MAPPER.readTree(Files.readString(Fixtures.resource("foreign.grl4j.json")));
        edit.accept(sidecar);
        Files.writeString(dir.resolve("foreign.grl4j.json"), sidecar.toString());
        return model;
    }

    private static void assertMatchesMlp(OnnxNetwork network) {
        SplittableRandom random = new SplittableRandom(21);
        int n = 50;
        double[] t = Fixtures.floats(random, n, 0, 1);
        double[] x = Fixtures.floats(random, n * 2, -3, 3);
        double[] out = new double[n * 2];
        network.evaluate(n, t, x, null, out);
        double[] expected = new Fixtures.Mlp(0).evaluate(n, t, x, null);
        for (int i = 0; i < out.length; i++) {
            assertEquals(expected[i], out[i], FLOAT32 * Math.max(1, Math.abs(expected[i])));
        }
    }

    @Test
    void foreignModelLoadsWithTheSidecarBesideIt() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("foreign.onnx"))) {
            assertEquals("time", network.tensorNames().t());
            assertEquals("state", network.tensorNames().x());
            assertEquals("velocity", network.tensorNames().h());
            assertEquals(ModelKind.ICFM, network.card().model());
            assertEquals(TimeConvention.DATA_AT_ONE, network.card().time());
            assertMatchesMlp(network);
        }
    }

    @Test
    void foreignModelLoadsWithADescriptionGivenInCode() {
        ModelCard card =
                ModelCard.of(
                        ModelKind.ICFM,
                        Parameterization.VELOCITY_FUNCTION,
                        new PathSpec("icfm", Map.of("sigma", 0.0)),
                        TimeConvention.DATA_AT_ONE,
                        2,
                        0);
        TensorNames names =
                new TensorNames("time", "state", "condition", "velocity", "x_tangent", "h_tangent");

        try (OnnxNetwork network =
                OnnxNetwork.load(
                        Fixtures.resource("foreign.onnx"),
                        new ModelSidecar(card, names),
                        OnnxNetworkOptions.cpu())) {
            assertMatchesMlp(network);
        }
    }

    @Test
    void foreignModelWithoutSidecarSaysWhereToPutOne() throws IOException {
        Path model = dir.resolve("lonely.onnx");
        Files.copy(Fixtures.resource("foreign.onnx"), model);

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("no grl4j metadata"), e.getMessage());
        assertTrue(e.getMessage().contains("lonely.grl4j.json"), e.getMessage());
    }

    @Test
    void missingSidecarFieldIsNamed() throws IOException {
        Path model = foreignWithSidecar(json -> json.remove("x_size"));

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("foreign.grl4j.json"), e.getMessage());
        assertTrue(e.getMessage().contains("lacks the required keys [x_size]"), e.getMessage());
    }

    @Test
    void sidecarWithoutFormatIsRefused() throws IOException {
        Path model = foreignWithSidecar(json -> json.remove("format"));

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("has no format"), e.getMessage());
    }

    @Test
    void unknownTensorNameKeyIsRefused() throws IOException {
        Path model =
                foreignWithSidecar(
                        json -> ((ObjectNode) json.get("tensor_names")).put("time", "t"));

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("unknown key \"time\""), e.getMessage());
    }

    @Test
    void sidecarThatIsNotJsonIsNamed() throws IOException {
        Path model = dir.resolve("foreign.onnx");
        Files.copy(Fixtures.resource("foreign.onnx"), model);
        Files.writeString(dir.resolve("foreign.grl4j.json"), "{\"format\": \"1\",");

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("foreign.grl4j.json is not valid JSON"), e.getMessage());
    }

    @Test
    void graphNamesThatDoNotMatchAreListedWithTheGraphsOwn() throws IOException {
        Path model = foreignWithSidecar(json -> json.remove("tensor_names"));

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("no input named \"t\""), e.getMessage());
        assertTrue(e.getMessage().contains("no output named \"h\""), e.getMessage());
        assertTrue(e.getMessage().contains("graph inputs: "), e.getMessage());
        assertTrue(e.getMessage().contains("state [N, 2] FLOAT"), e.getMessage());
    }

    @Test
    void stateWidthThatDisagreesWithTheGraphIsRefused() throws IOException {
        Path model =
                foreignWithSidecar(
                        json -> {
                            json.put("x_size", 3);
                        });

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("input state has shape [N, 2]"), e.getMessage());
        assertTrue(e.getMessage().contains("card needs [N, 3]"), e.getMessage());
    }

    @Test
    void conditionSizeThatTheGraphDoesNotTakeIsRefused() throws IOException {
        Path model = foreignWithSidecar(json -> json.put("condition_size", 4));

        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(model));
        assertTrue(e.getMessage().contains("no input named \"condition\""), e.getMessage());
    }

    @Test
    void conditionalGraphDescribedAsUnconditionalIsRefused() {
        ModelCard card =
                ModelCard.of(
                        ModelKind.ICFM,
                        Parameterization.VELOCITY_FUNCTION,
                        PathSpec.of("icfm"),
                        TimeConvention.DATA_AT_ONE,
                        2,
                        0);

        OnnxModelException e =
                assertThrows(
                        OnnxModelException.class,
                        () ->
                                OnnxNetwork.load(
                                        Fixtures.resource("mlp_conditional.onnx"),
                                        new ModelSidecar(card, null),
                                        OnnxNetworkOptions.cpu()));
        assertTrue(e.getMessage().contains("condition_size = 0"), e.getMessage());
        assertTrue(e.getMessage().contains("condition [N, 3] FLOAT"), e.getMessage());
    }

    @Test
    void sidecarRoundTripsThroughJson() {
        ModelCard card =
                ModelCard.of(
                        ModelKind.DIFFUSION,
                        Parameterization.DATA_PREDICTION_FUNCTION,
                        PathSpec.of("gvp"),
                        TimeConvention.DATA_AT_ZERO,
                        5,
                        2);
        ModelSidecar sidecar =
                new ModelSidecar(card, new TensorNames("a", "b", "c", "d", "e", "f"));

        ModelSidecar back = ModelSidecar.parse(sidecar.toJson(), "test");

        assertEquals(sidecar, back);
    }

    @Test
    void defaultSidecarLocationReplacesTheOnnxExtension() {
        assertEquals(
                Path.of("models", "net.grl4j.json"),
                ModelSidecar.locationFor(Path.of("models", "net.onnx")));
    }
}
