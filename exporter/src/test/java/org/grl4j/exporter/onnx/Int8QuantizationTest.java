package org.grl4j.exporter.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.grl4j.exporter.OrtTestRunner;
import org.grl4j.exporter.OrtTestRunner.Tensor;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.NodeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.TensorProto;
import org.junit.jupiter.api.Test;

/**
 * {@link Int8Quantization} against an independent implementation of the quantized arithmetic
 * (ONNX's DynamicQuantizeLinear and MatMulInteger written out in double), and the graph it leaves.
 */
class Int8QuantizationTest {

    private static final int IN = 96;
    private static final int OUT = 80;

    /** x [N, IN] -> Gemm(W [OUT, IN], b) -> SiLU -> Gemm(V [3, OUT], c) -> y [N, 3]. */
    private static ModelProto twoLayers(float[] w, float[] b, float[] v, float[] c) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("two_layers");
        Value x = graph.input("x", Value.BATCH, IN);
        Value hidden =
                graph.silu(
                        graph.gemm(
                                x,
                                graph.initializer("w", w, OUT, IN),
                                graph.initializer("b", b, OUT),
                                true));
        Value y =
                graph.gemm(
                        hidden,
                        graph.initializer("v", v, 3, OUT),
                        graph.initializer("c", c, 3),
                        true);
        graph.output("y", y);
        return graph.build(Map.of());
    }

    private static float[] normals(int n, double scale, SplittableRandom random) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - random.nextDouble();
            values[i] =
                    (float)
                            (scale
                                    * Math.sqrt(-2 * Math.log(u))
                                    * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return values;
    }

    /**
     * The quantized layer y = x Wᵀ + b for one row, in double, from the definitions: a = (max(0,
     * max x) - min(0, min x)) / 255, z = round(-min(0, min x) / a), x_q = clamp(round(x / a) + z,
     * 0, 255), y_j = a s_j sum_i (x_q,i - z) Q_ij + b_j.
     */
    private static double[] quantizedLayer(float[] x, float[] w, float[] b, int in, int out) {
        double max = 0;
        double min = 0;
        for (float value : x) {
            max = Math.max(max, value);
            min = Math.min(min, value);
        }
        float a = (float) ((max - min) / 255);
        double z = Math.max(0, Math.min(255, Math.rint(-min / a)));
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            float s = Int8Quantization.channelScale(w, j, in);
            long sum = 0;
            for (int i = 0; i < in; i++) {
                double xq = Math.max(0, Math.min(255, Math.rint(x[i] / a) + z));
                sum += (long) (xq - z) * Int8Quantization.quantize(w[j * in + i], s);
            }
            y[j] = (double) (a * s) * sum + b[j];
        }
        return y;
    }

    private static double silu(double z) {
        return z / (1 + Math.exp(-z));
    }

    @Test
    void quantizedGraphComputesTheDefinedArithmetic() throws OrtException {
        SplittableRandom random = new SplittableRandom(11);
        float[] w = normals(OUT * IN, 0.1, random);
        float[] b = normals(OUT, 0.1, random);
        float[] v = normals(3 * OUT, 0.1, random);
        float[] c = normals(3, 0.1, random);
        ModelProto quantized = Int8Quantization.apply(twoLayers(w, b, v, c), 1).model();
        try {
            java.nio.file.Files.write(
                    java.nio.file.Path.of("/tmp/lat/q2.onnx"), quantized.toByteArray());
        } catch (Exception e) {
        }

        for (int row = 0; row < 5; row++) {
            float[] x = normals(IN, 1.0, random);
            double[] hidden = quantizedLayer(x, w, b, IN, OUT);
            float[] activated = new float[OUT];
            for (int j = 0; j < OUT; j++) {
                activated[j] = (float) silu(hidden[j]);
            }
            double[] expected = quantizedLayer(activated, v, c, OUT, 3);

            float[] actual =
                    OrtTestRunner.run(quantized.toByteArray(), Map.of("x", new Tensor(x, 1, IN)))
                            .get("y");

            // Only float rounding separates the two (the float SiLU can move a hidden value
            // across a rounding boundary of the second layer's input, one code of a / 255).
            assertTrue(
                    OrtTestRunner.relativeError(expected, actual) < 2e-3,
                    () ->
                            "quantized arithmetic differs: "
                                    + java.util.Arrays.toString(expected)
                                    + " vs "
                                    + java.util.Arrays.toString(actual));
        }
    }

    @Test
    void quantizedGraphStaysCloseToTheFloatGraph() throws OrtException {
        SplittableRandom random = new SplittableRandom(12);
        float[] w = normals(OUT * IN, 0.1, random);
        float[] b = normals(OUT, 0.1, random);
        float[] v = normals(3 * OUT, 0.1, random);
        float[] c = normals(3, 0.1, random);
        ModelProto plain = twoLayers(w, b, v, c);
        ModelProto quantized = Int8Quantization.apply(plain, 1).model();

        double worst = 0;
        for (int row = 0; row < 20; row++) {
            float[] x = normals(IN, 1.0, random);
            Map<String, Tensor> feed = Map.of("x", new Tensor(x, 1, IN));
            float[] exact = OrtTestRunner.run(plain.toByteArray(), feed).get("y");
            float[] approximate = OrtTestRunner.run(quantized.toByteArray(), feed).get("y");
            double[] reference = new double[exact.length];
            for (int k = 0; k < exact.length; k++) {
                reference[k] = exact[k];
            }
            worst = Math.max(worst, OrtTestRunner.relativeError(reference, approximate));
        }
        // 8-bit codes: about 1% of the output's size, far from a wrong graph's order 1.
        assertTrue(worst < 0.03, "worst relative error " + worst);
        assertTrue(worst > 1e-5, "the graph did not change: " + worst);
    }

    @Test
    void floatWeightsAreReplacedAndNamesStayUnique() {
        SplittableRandom random = new SplittableRandom(13);
        ModelProto plain =
                twoLayers(
                        normals(OUT * IN, 0.1, random),
                        normals(OUT, 0.1, random),
                        normals(3 * OUT, 0.1, random),
                        normals(3, 0.1, random));

        Int8Quantization.Result result = Int8Quantization.apply(plain, 1000);

        // Only w (7 680 elements) reaches the threshold; v (240) stays float.
        assertEquals(1, result.quantizedLayers());
        assertEquals(4L * OUT * IN, result.floatBytesRemoved());
        Set<String> initializers = new HashSet<>();
        for (TensorProto tensor : result.model().getGraph().getInitializerList()) {
            assertTrue(initializers.add(tensor.getName()), tensor.getName());
        }
        assertFalse(initializers.contains("w"));
        assertTrue(initializers.contains("v"));
        Set<String> outputs = new HashSet<>();
        for (NodeProto node : result.model().getGraph().getNodeList()) {
            for (String output : node.getOutputList()) {
                assertTrue(outputs.add(output), "two nodes write " + output);
            }
        }
        List<String> ops =
                result.model().getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(1, ops.stream().filter("MatMulInteger"::equals).count());
        assertEquals(1, ops.stream().filter("Gemm"::equals).count());
    }

    @Test
    void channelScaleAndCodesFollowTheDefinition() {
        float[] w = {0.5f, -1.27f, 0.01f, 0f, 0f, 0f};

        float scale = Int8Quantization.channelScale(w, 0, 3);

        assertEquals(0.01f, scale, 1e-9f);
        assertEquals(50, Int8Quantization.quantize(0.5f, scale));
        assertEquals(-127, Int8Quantization.quantize(-1.27f, scale));
        assertEquals(1, Int8Quantization.quantize(0.01f, scale));
        assertEquals(-127, Int8Quantization.quantize(-5f, scale));
        assertEquals(1f, Int8Quantization.channelScale(w, 1, 3));
    }

    @Test
    void badThresholdsAndModelsWithoutLayersAreRefused() {
        SplittableRandom random = new SplittableRandom(14);
        ModelProto plain =
                twoLayers(
                        normals(OUT * IN, 0.1, random),
                        normals(OUT, 0.1, random),
                        normals(3 * OUT, 0.1, random),
                        normals(3, 0.1, random));

        String zero =
                assertThrows(IllegalArgumentException.class, () -> Int8Quantization.apply(plain, 0))
                        .getMessage();
        String none =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Int8Quantization.apply(plain, 1_000_000))
                        .getMessage();

        assertTrue(zero.contains("minElements is 0"), zero);
        assertTrue(none.contains("nothing to quantize"), none);
    }
}
