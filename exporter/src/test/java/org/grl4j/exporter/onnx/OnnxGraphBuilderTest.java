package org.grl4j.exporter.onnx;

import static org.grl4j.exporter.OrtTestRunner.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Erf;
import org.grl4j.exporter.ExportTolerances;
import org.grl4j.exporter.OrtTestRunner;
import org.grl4j.exporter.OrtTestRunner.Tensor;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.TensorShapeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@SuppressWarnings("try") // naming scopes only close
class OnnxGraphBuilderTest {

    private static final int ROWS = 5;
    private static final int WIDTH = 4;

    static final double SELU_ALPHA = 1.6732632423543772;
    static final double SELU_GAMMA = 1.0507009873554805;

    static Stream<Arguments> unaryOperators() {
        return Stream.of(
                unary("identity", OnnxGraphBuilder::identity, x -> x),
                unary("sigmoid", OnnxGraphBuilder::sigmoid, x -> 1 / (1 + Math.exp(-x))),
                unary("tanh", OnnxGraphBuilder::tanh, Math::tanh),
                unary("relu", OnnxGraphBuilder::relu, x -> Math.max(x, 0)),
                unary("softplus", OnnxGraphBuilder::softplus, OnnxGraphBuilderTest::softplus),
                unary("sin", OnnxGraphBuilder::sin, Math::sin),
                unary("cos", OnnxGraphBuilder::cos, Math::cos),
                unary("exp", OnnxGraphBuilder::exp, Math::exp),
                unary("neg", OnnxGraphBuilder::neg, x -> -x),
                unary("erf", OnnxGraphBuilder::erf, Erf::erf),
                unary(
                        "gelu",
                        OnnxGraphBuilder::gelu,
                        x -> x * 0.5 * (1 + Erf.erf(x / Math.sqrt(2)))),
                unary("silu", OnnxGraphBuilder::silu, x -> x / (1 + Math.exp(-x))),
                unary("mish", OnnxGraphBuilder::mish, x -> x * Math.tanh(softplus(x))),
                unary("elu(0.7)", (g, x) -> g.elu(x, 0.7f), x -> x > 0 ? x : 0.7 * Math.expm1(x)),
                unary(
                        "selu",
                        (g, x) -> g.selu(x, (float) SELU_ALPHA, (float) SELU_GAMMA),
                        x -> SELU_GAMMA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x))),
                unary("zerosLike", OnnxGraphBuilder::zerosLike, x -> 0),
                unary(
                        "where(x > 0.5, x, -1)",
                        (g, x) -> g.where(g.greater(x, g.scalar(0.5f)), x, g.scalar(-1f)),
                        x -> x > 0.5 ? x : -1));
    }

    private static Arguments unary(
            String name, BiFunction<OnnxGraphBuilder, Value, Value> op, DoubleUnaryOperator ref) {
        return Arguments.of(name, op, ref);
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOperators")
    void elementwiseOperatorMatchesDoubleFormulaInOnnxRuntime(
            String name,
            BiFunction<OnnxGraphBuilder, Value, Value> op,
            DoubleUnaryOperator reference)
            throws OrtException {
        OnnxGraphBuilder g = new OnnxGraphBuilder("unary");
        Value x = g.input("x", Value.BATCH, WIDTH);
        g.output("y", op.apply(g, x));

        float[] input = gaussians(new SplittableRandom(11), ROWS * WIDTH, 2.0);
        float[] y = run(g, Map.of("x", new Tensor(input, ROWS, WIDTH))).get("y");

        double[] expected = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            expected[i] = reference.applyAsDouble(input[i]);
        }
        if (maxAbs(expected) == 0) {
            assertArrayEquals(new float[input.length], y, name);
        } else {
            double error = relativeError(expected, y);
            assertTrue(error <= ExportTolerances.PARITY, name + ": relative error " + error);
        }
    }

    static Stream<Arguments> binaryOperators() {
        return Stream.of(
                binary("add", (g, v) -> g.add(v[0], v[1]), Double::sum),
                binary("sub", (g, v) -> g.sub(v[0], v[1]), (a, b) -> a - b),
                binary("mul", (g, v) -> g.mul(v[0], v[1]), (a, b) -> a * b),
                binary("div", (g, v) -> g.div(v[0], v[1]), (a, b) -> a / b));
    }

    private static Arguments binary(
            String name,
            BiFunction<OnnxGraphBuilder, Value[], Value> op,
            DoubleBinaryOperator reference) {
        return Arguments.of(name, op, reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOperators")
    void binaryOperatorBroadcastsARowVectorAndMatchesDoubleFormula(
            String name, BiFunction<OnnxGraphBuilder, Value[], Value> op, DoubleBinaryOperator ref)
            throws OrtException {
        SplittableRandom random = new SplittableRandom(12);
        float[] a = gaussians(random, ROWS * WIDTH, 1.0);
        float[] b = new float[WIDTH];
        for (int j = 0; j < WIDTH; j++) {
            b[j] = (float) (1.5 + random.nextDouble()); // away from 0 so that Div is tame
        }
        OnnxGraphBuilder g = new OnnxGraphBuilder("binary");
        Value x = g.input("a", Value.BATCH, WIDTH);
        Value row = g.initializer("b", b, WIDTH);
        g.output("y", op.apply(g, new Value[] {x, row}));

        float[] y = run(g, Map.of("a", new Tensor(a, ROWS, WIDTH))).get("y");

        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = ref.applyAsDouble(a[i], b[i % WIDTH]);
        }
        assertTrue(relativeError(expected, y) <= ExportTolerances.PARITY, name);
    }

    @Test
    void gemmWithTransposedWeightComputesALinearLayer() throws OrtException {
        SplittableRandom random = new SplittableRandom(13);
        int out = 3;
        float[] x = gaussians(random, ROWS * WIDTH, 1.0);
        float[] weight = gaussians(random, out * WIDTH, 1.0); // [out, in], as DJL stores it
        float[] bias = gaussians(random, out, 1.0);
        OnnxGraphBuilder g = new OnnxGraphBuilder("gemm");
        Value in = g.input("x", Value.BATCH, WIDTH);
        Value w = g.initializer("weight", weight, out, WIDTH);
        Value b = g.initializer("bias", bias, out);
        Value y = g.gemm(in, w, b, true);
        assertEquals(List.of(Value.BATCH, (long) out), y.shape());
        g.output("y", y);

        float[] actual = run(g, Map.of("x", new Tensor(x, ROWS, WIDTH))).get("y");

        double[] expected = new double[ROWS * out];
        for (int r = 0; r < ROWS; r++) {
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                for (int i = 0; i < WIDTH; i++) {
                    sum += (double) x[r * WIDTH + i] * weight[o * WIDTH + i];
                }
                expected[r * out + o] = sum;
            }
        }
        assertTrue(relativeError(expected, actual) <= ExportTolerances.PARITY);
    }

    @Test
    void matMulMultipliesByAnInOutMatrix() throws OrtException {
        SplittableRandom random = new SplittableRandom(14);
        int out = 2;
        float[] x = gaussians(random, ROWS * WIDTH, 1.0);
        float[] matrix = gaussians(random, WIDTH * out, 1.0); // [in, out]
        OnnxGraphBuilder g = new OnnxGraphBuilder("matmul");
        Value in = g.input("x", Value.BATCH, WIDTH);
        g.output("y", g.matMul(in, g.initializer("m", matrix, WIDTH, out)));

        float[] actual = run(g, Map.of("x", new Tensor(x, ROWS, WIDTH))).get("y");

        double[] expected = new double[ROWS * out];
        for (int r = 0; r < ROWS; r++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < WIDTH; i++) {
                    expected[r * out + o] += (double) x[r * WIDTH + i] * matrix[i * out + o];
                }
            }
        }
        assertTrue(relativeError(expected, actual) <= ExportTolerances.PARITY);
    }

    @Test
    void concatOfUnsqueezedTimeAndStatePutsTimeInTheFirstColumn() throws OrtException {
        SplittableRandom random = new SplittableRandom(15);
        float[] t = gaussians(random, ROWS, 1.0);
        float[] x = gaussians(random, ROWS * WIDTH, 1.0);
        OnnxGraphBuilder g = new OnnxGraphBuilder("concat");
        Value tIn = g.input("t", Value.BATCH);
        Value xIn = g.input("x", Value.BATCH, WIDTH);
        Value column = g.unsqueeze(tIn, 1);
        assertEquals(List.of(Value.BATCH, 1L), column.shape());
        Value joined = g.concat(1, column, xIn);
        assertEquals(List.of(Value.BATCH, (long) WIDTH + 1), joined.shape());
        g.output("y", joined);

        float[] y =
                run(g, Map.of("t", new Tensor(t, ROWS), "x", new Tensor(x, ROWS, WIDTH))).get("y");

        for (int r = 0; r < ROWS; r++) {
            assertEquals(t[r], y[r * (WIDTH + 1)]);
            for (int i = 0; i < WIDTH; i++) {
                assertEquals(x[r * WIDTH + i], y[r * (WIDTH + 1) + 1 + i]);
            }
        }
    }

    @Test
    void oneModelServesAnyBatchSizeThroughTheSymbolicDimension() throws OrtException {
        OnnxGraphBuilder g = new OnnxGraphBuilder("batch");
        g.output("y", g.tanh(g.input("x", Value.BATCH, WIDTH)));
        ModelProto model = g.build(Map.of());

        TensorShapeProto.Dimension batch =
                model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0);
        assertEquals(OnnxGraphBuilder.BATCH_DIM, batch.getDimParam());
        for (int rows : new int[] {1, 17}) {
            float[] x = gaussians(new SplittableRandom(rows), rows * WIDTH, 1.0);
            float[] y =
                    OrtTestRunner.run(model.toByteArray(), Map.of("x", new Tensor(x, rows, WIDTH)))
                            .get("y");
            assertEquals(rows * WIDTH, y.length);
        }
    }

    @Test
    void modelCarriesIrVersionOpsetProducerAndMetadataInOrder() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("meta");
        g.output("y", g.relu(g.input("x", Value.BATCH, 2)));
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        metadata.put("grl4j.format", "1");
        metadata.put("grl4j.x_size", "2");

        ModelProto model = g.build(metadata);

        assertEquals(8, model.getIrVersion());
        assertEquals(17, model.getOpsetImport(0).getVersion());
        assertEquals("", model.getOpsetImport(0).getDomain());
        assertEquals("grl4j", model.getProducerName());
        assertEquals("grl4j.format", model.getMetadataProps(0).getKey());
        assertEquals("2", model.getMetadataProps(1).getValue());
    }

    @Test
    void scopesPrefixNamesAndRepeatedHintsStayUnique() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("names");
        Value x = g.input("x", Value.BATCH, 2);
        Value a;
        Value b;
        try (OnnxGraphBuilder.Scope s = g.scope("down0")) {
            a = g.relu(x);
            b = g.relu(a);
        }
        Value c = g.relu(b);
        assertEquals("down0/Relu", a.name());
        assertEquals("down0/Relu_1", b.name());
        assertEquals("Relu", c.name());
    }

    @Test
    void wrongWiringFailsWhileBuildingWithTheValueNames() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("bad");
        Value x = g.input("x", Value.BATCH, 3);
        Value w = g.initializer("w", new float[8], 2, 4);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> g.gemm(x, w, null, true));
        assertTrue(e.getMessage().contains("'x' has 3 columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.initializer("v", new float[3], 2));
        assertThrows(IllegalArgumentException.class, () -> g.input("x", Value.BATCH, 3));
        assertThrows(IllegalStateException.class, () -> g.build(Map.of()));
    }

    private static Map<String, float[]> run(OnnxGraphBuilder g, Map<String, Tensor> inputs)
            throws OrtException {
        return OrtTestRunner.run(g.build(Map.of()).toByteArray(), inputs);
    }

    static float[] gaussians(SplittableRandom random, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            out[i] = (float) (scale * Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v));
        }
        return out;
    }

    private static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
