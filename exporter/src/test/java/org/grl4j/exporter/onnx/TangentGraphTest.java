package org.grl4j.exporter.onnx;

import static org.grl4j.exporter.OrtTestRunner.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;
import org.grl4j.exporter.ExportTolerances;
import org.grl4j.exporter.OrtTestRunner;
import org.grl4j.exporter.OrtTestRunner.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TangentGraphTest {

    private static final int ROWS = 6;
    private static final int WIDTH = 5;

    /** Central-difference step: truncation ~1e-12, rounding ~1e-10 relative (double). */
    private static final double STEP = 1e-6;

    /** Independent double formulas for each activation (not the graph's own composition). */
    static DoubleUnaryOperator reference(Activation activation) {
        return switch (activation) {
            case IDENTITY -> z -> z;
            case RELU -> z -> Math.max(z, 0);
            case TANH -> Math::tanh;
            case SIGMOID -> z -> 1 / (1 + Math.exp(-z));
            case SILU -> z -> z / (1 + Math.exp(-z));
            case SOFTPLUS -> OnnxGraphBuilderTest::softplus;
            case MISH -> z -> z * Math.tanh(OnnxGraphBuilderTest.softplus(z));
            case ELU -> z -> z > 0 ? z : Math.expm1(z);
            case SELU ->
                    z ->
                            OnnxGraphBuilderTest.SELU_GAMMA
                                    * (z > 0 ? z : OnnxGraphBuilderTest.SELU_ALPHA * Math.expm1(z));
            case GELU -> z -> z * 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
            case SQUARE -> z -> z * z;
        };
    }

    // Inputs are Gaussian with scale 2; a central difference straddles a kink (ReLU, ELU, SELU
    // at 0) only if |z| < 1e-6 for one of 30 draws: probability ~1e-5, and the seed is fixed.
    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationTangentMatchesFiniteDifferenceOfTheDoubleFormula(Activation activation)
            throws OrtException {
        SplittableRandom random = new SplittableRandom(21);
        float[] z = OnnxGraphBuilderTest.gaussians(random, ROWS * WIDTH, 2.0);
        float[] dz = OnnxGraphBuilderTest.gaussians(random, ROWS * WIDTH, 1.0);
        OnnxGraphBuilder g = new OnnxGraphBuilder("activation");
        TangentGraph tg = new TangentGraph(g);
        DualValue in =
                new DualValue(g.input("z", Value.BATCH, WIDTH), g.input("dz", Value.BATCH, WIDTH));
        DualValue out = tg.activation(in, activation);
        g.output("y", out.primal());
        g.output("dy", out.tangent());

        Map<String, float[]> result =
                OrtTestRunner.run(
                        g.build(Map.of()).toByteArray(),
                        Map.of(
                                "z", new Tensor(z, ROWS, WIDTH),
                                "dz", new Tensor(dz, ROWS, WIDTH)));

        DoubleUnaryOperator a = reference(activation);
        double[] y = new double[z.length];
        double[] dy = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            y[i] = a.applyAsDouble(z[i]);
            double plus = a.applyAsDouble(z[i] + STEP * dz[i]);
            double minus = a.applyAsDouble(z[i] - STEP * dz[i]);
            dy[i] = (plus - minus) / (2 * STEP);
        }
        assertTrue(relativeError(y, result.get("y")) <= ExportTolerances.PARITY, "value");
        double error = relativeError(dy, result.get("dy"));
        assertTrue(error <= ExportTolerances.TANGENT, activation + " tangent error " + error);
    }

    @Test
    void activationWithoutTangentEmitsOnlyTheValueNodes() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("plain");
        DualValue out =
                new TangentGraph(g)
                        .activation(
                                DualValue.constant(g.input("z", Value.BATCH, 3)), Activation.SILU);
        assertFalse(out.hasTangent());
        assertEquals(2, g.nodeCount()); // Sigmoid, Mul
    }

    /**
     * A small residual network with a time branch, checked against an independent double
     * implementation: h = tanh(W2 [silu(W1 x + b1), sin(t w), cos(t w)] + b2) + P x.
     */
    @Test
    void networkTangentMatchesFiniteDifferenceJvpInDouble() throws OrtException {
        SplittableRandom random = new SplittableRandom(22);
        int hidden = 7;
        int frequencies = 3;
        float[] w1 = OnnxGraphBuilderTest.gaussians(random, hidden * WIDTH, 0.5);
        float[] b1 = OnnxGraphBuilderTest.gaussians(random, hidden, 0.5);
        float[] freq = OnnxGraphBuilderTest.gaussians(random, frequencies, 3.0);
        int mixed = hidden + 2 * frequencies;
        float[] w2 = OnnxGraphBuilderTest.gaussians(random, WIDTH * mixed, 0.5);
        float[] b2 = OnnxGraphBuilderTest.gaussians(random, WIDTH, 0.5);
        float[] p = OnnxGraphBuilderTest.gaussians(random, WIDTH * WIDTH, 0.5);
        Network net = new Network(hidden, frequencies, w1, b1, freq, w2, b2, p);

        float[] t = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            t[r] = (float) random.nextDouble();
        }
        float[] x = OnnxGraphBuilderTest.gaussians(random, ROWS * WIDTH, 1.0);
        float[] dx = OnnxGraphBuilderTest.gaussians(random, ROWS * WIDTH, 1.0);

        Map<String, float[]> result =
                OrtTestRunner.run(
                        net.graph().toByteArray(),
                        Map.of(
                                "t", new Tensor(t, ROWS),
                                "x", new Tensor(x, ROWS, WIDTH),
                                "x_tangent", new Tensor(dx, ROWS, WIDTH)));

        double[] h = new double[ROWS * WIDTH];
        double[] jvp = new double[ROWS * WIDTH];
        for (int r = 0; r < ROWS; r++) {
            double[] row = new double[WIDTH];
            double[] plus = new double[WIDTH];
            double[] minus = new double[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                row[i] = x[r * WIDTH + i];
                plus[i] = row[i] + STEP * dx[r * WIDTH + i];
                minus[i] = row[i] - STEP * dx[r * WIDTH + i];
            }
            double[] hr = net.evaluate(t[r], row);
            double[] hp = net.evaluate(t[r], plus);
            double[] hm = net.evaluate(t[r], minus);
            for (int i = 0; i < WIDTH; i++) {
                h[r * WIDTH + i] = hr[i];
                jvp[r * WIDTH + i] = (hp[i] - hm[i]) / (2 * STEP);
            }
        }
        assertTrue(relativeError(h, result.get("h")) <= ExportTolerances.PARITY, "value");
        double error = relativeError(jvp, result.get("h_tangent"));
        assertTrue(error <= ExportTolerances.TANGENT, "tangent error " + error);
    }

    private record Network(
            int hidden,
            int frequencies,
            float[] w1,
            float[] b1,
            float[] freq,
            float[] w2,
            float[] b2,
            float[] p) {

        org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto graph() {
            OnnxGraphBuilder g = new OnnxGraphBuilder("residual");
            TangentGraph tg = new TangentGraph(g);
            Value t = g.input("t", Value.BATCH);
            DualValue x =
                    new DualValue(
                            g.input("x", Value.BATCH, WIDTH),
                            g.input("x_tangent", Value.BATCH, WIDTH));
            Value angles = g.mul(g.unsqueeze(t, 1), g.initializer("freq", freq, frequencies));
            DualValue time = DualValue.constant(g.concat(1, g.sin(angles), g.cos(angles)));
            DualValue first =
                    tg.activation(
                            tg.linear(
                                    x,
                                    g.initializer("w1", w1, hidden, WIDTH),
                                    g.initializer("b1", b1, hidden)),
                            Activation.SILU);
            DualValue mixed = tg.concat(1, first, time);
            DualValue second =
                    tg.activation(
                            tg.linear(
                                    mixed,
                                    g.initializer("w2", w2, WIDTH, hidden + 2 * frequencies),
                                    g.initializer("b2", b2, WIDTH)),
                            Activation.TANH);
            DualValue h = tg.add(second, tg.linear(x, g.initializer("p", p, WIDTH, WIDTH), null));
            g.output("h", h.primal());
            g.output("h_tangent", h.tangent());
            return g.build(Map.of());
        }

        double[] evaluate(double t, double[] x) {
            int mixedWidth = hidden + 2 * frequencies;
            double[] mixed = new double[mixedWidth];
            for (int j = 0; j < hidden; j++) {
                double z = b1[j];
                for (int i = 0; i < WIDTH; i++) {
                    z += w1[j * WIDTH + i] * x[i];
                }
                mixed[j] = z / (1 + Math.exp(-z));
            }
            for (int k = 0; k < frequencies; k++) {
                double angle = (double) (float) (t * freq[k]);
                mixed[hidden + k] = Math.sin(angle);
                mixed[hidden + frequencies + k] = Math.cos(angle);
            }
            double[] h = new double[WIDTH];
            for (int o = 0; o < WIDTH; o++) {
                double z = b2[o];
                for (int j = 0; j < mixedWidth; j++) {
                    z += w2[o * mixedWidth + j] * mixed[j];
                }
                double skip = 0;
                for (int i = 0; i < WIDTH; i++) {
                    skip += p[o * WIDTH + i] * x[i];
                }
                h[o] = Math.tanh(z) + skip;
            }
            return h;
        }
    }
}
