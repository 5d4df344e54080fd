package org.grl4j.sampler.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.card.TimeConvention;
import org.grl4j.models.network.TangentNetwork;
import org.grl4j.models.param.Parameterization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxNetworkTest {

    /**
     * float32 graphs of a few dozen operations lose a few ulps (6e-8 each) per operation; the
     * inputs are float-exact by construction, so 1e-5 of max(|h|, 1) leaves a wide margin. Below 1
     * the bound is absolute: cancellation in x - s m makes relative error meaningless near h = 0.
     */
    private static final double FLOAT32 = 1e-5;

    /**
     * Central differences of a float32 network with step 1e-2: truncation ~1e-4 |h'''| and rounding
     * ~1e-7 / 1e-2 = 1e-5, so 1e-3 of max(|Jv|, 1).
     */
    private static final double FLOAT32_FINITE_DIFFERENCE = 1e-3;

    private static void assertClose(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double bound = tolerance * Math.max(Math.abs(expected[i]), 1.0);
            if (!(Math.abs(expected[i] - actual[i]) <= bound)) {
                throw new AssertionError(
                        "index " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    private static double[] evaluate(
            OnnxNetwork network, int n, double[] t, double[] x, double[] c) {
        double[] out = new double[n * network.xSize()];
        network.evaluate(n, t, x, c, out);
        return out;
    }

    // ---- values against independent double-precision oracles ----

    @Test
    void gaussianNetworkGivesTheClosedFormNoise() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 500;
        // t >= 0.1: the graph forms sigma = sqrt(1 - s^2) in float32, which loses digits as t -> 0.
        double[] t = Fixtures.floats(random, n, 0.1, 1.0);
        double[] x = Fixtures.floats(random, n * 3, -4, 4);

        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("gaussian_vp.onnx"))) {
            assertClose(Fixtures.gaussianNoise(n, t, x), evaluate(network, n, t, x, null), FLOAT32);
            assertFalse(network instanceof TangentNetwork);
        }
    }

    @Test
    void metadataIsReadIntoTheCard() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("gaussian_vp.onnx"))) {
            var card = network.card();
            assertEquals(ModelKind.DIFFUSION, card.model());
            assertEquals(Parameterization.NOISE_FUNCTION, card.parameterization());
            assertEquals("linear_vp_sde", card.path().type());
            assertEquals(Fixtures.BETA_1, card.path().parameter("beta_1"));
            assertEquals(TimeConvention.DATA_AT_ZERO, card.time());
            assertEquals(3, network.xSize());
            assertEquals(0, network.conditionSize());
            assertTrue(card.normalization().isIdentity());
            assertEquals(ExecutionProvider.CPU, network.executionProvider());
        }
    }

    @Test
    void mlpMatchesTheDoubleImplementation() {
        SplittableRandom random = new SplittableRandom(12);
        int n = 300;
        double[] t = Fixtures.floats(random, n, 0, 1);
        double[] x = Fixtures.floats(random, n * 2, -3, 3);

        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp.onnx"))) {
            assertClose(
                    new Fixtures.Mlp(0).evaluate(n, t, x, null),
                    evaluate(network, n, t, x, null),
                    FLOAT32);
            assertEquals(ModelKind.ICFM, network.card().model());
            assertArrayEquals(new double[] {2.0, 0.25}, network.card().normalization().scale());
        }
    }

    @Test
    void conditionalMlpMatchesTheDoubleImplementation() {
        SplittableRandom random = new SplittableRandom(13);
        int n = 300;
        double[] t = Fixtures.floats(random, n, 0, 1);
        double[] x = Fixtures.floats(random, n * 2, -3, 3);
        double[] c = Fixtures.floats(random, n * 3, -1, 1);

        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp_conditional.onnx"))) {
            assertEquals(3, network.conditionSize());
            assertClose(
                    new Fixtures.Mlp(3).evaluate(n, t, x, c),
                    evaluate(network, n, t, x, c),
                    FLOAT32);
        }
    }

    @Test
    void conditionChangesTheOutput() {
        double[] t = {0.5};
        double[] x = {0.25, -0.5};

        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp_conditional.onnx"))) {
            double[] a = evaluate(network, 1, t, x, new double[] {0, 0, 0});
            double[] b = evaluate(network, 1, t, x, new double[] {1, 0, 0});
            assertTrue(Math.abs(a[0] - b[0]) > 1e-3, "a condition that is ignored is a bug");
        }
    }

    // ---- tangents ----

    @Test
    void gaussianTangentIsTheClosedFormJacobianProduct() {
        SplittableRandom random = new SplittableRandom(14);
        int n = 200;
        double[] t = Fixtures.floats(random, n, 0.1, 1.0);
        double[] x = Fixtures.floats(random, n * 3, -4, 4);
        double[] u = Fixtures.floats(random, n * 3, -1, 1);
        double[] h = new double[n * 3];
        double[] hTangent = new double[n * 3];

        try (OnnxNetwork network =
                OnnxNetwork.load(Fixtures.resource("gaussian_vp_tangent.onnx"))) {
            TangentNetwork tangent = assertInstanceOf(OnnxTangentNetwork.class, network);
            tangent.evaluateWithTangent(n, t, x, null, u, h, hTangent);

            assertClose(Fixtures.gaussianNoise(n, t, x), h, FLOAT32);
            assertClose(Fixtures.gaussianNoiseTangent(n, t, u), hTangent, FLOAT32);
            assertClose(Fixtures.gaussianNoise(n, t, x), evaluate(network, n, t, x, null), FLOAT32);
        }
    }

    @Test
    void mlpTangentMatchesTheDoubleJacobianProductAndFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(15);
        int n = 100;
        double[] t = Fixtures.floats(random, n, 0, 1);
        double[] x = Fixtures.floats(random, n * 2, -2, 2);
        double[] u = Fixtures.floats(random, n * 2, -1, 1);
        double[] h = new double[n * 2];
        double[] hTangent = new double[n * 2];

        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp_tangent.onnx"))) {
            OnnxTangentNetwork tangent = assertInstanceOf(OnnxTangentNetwork.class, network);
            tangent.evaluateWithTangent(n, t, x, null, u, h, hTangent);

            assertClose(new Fixtures.Mlp(0).evaluate(n, t, x, null), h, FLOAT32);
            assertClose(new Fixtures.Mlp(0).tangent(n, t, x, null, u), hTangent, FLOAT32);
            assertClose(
                    centralDifference(network, n, t, x, u), hTangent, FLOAT32_FINITE_DIFFERENCE);
        }
    }

    @Test
    void finiteDifferenceCheckCanFail() {
        // The finite-difference oracle must tell a wrong tangent apart: the Gaussian network's
        // tangent against the MLP's differences differs far beyond the tolerance.
        SplittableRandom random = new SplittableRandom(16);
        int n = 20;
        double[] t = Fixtures.floats(random, n, 0, 1);
        double[] x = Fixtures.floats(random, n * 2, -2, 2);
        double[] u = Fixtures.floats(random, n * 2, -1, 1);
        double[] scaled = u.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 1.01;
        }

        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp_tangent.onnx"))) {
            double[] differences = centralDifference(network, n, t, x, u);
            double[] wrong = new Fixtures.Mlp(0).tangent(n, t, x, null, scaled);
            assertThrows(
                    AssertionError.class,
                    () -> assertClose(differences, wrong, FLOAT32_FINITE_DIFFERENCE * 0.1));
        }
    }

    private static double[] centralDifference(
            OnnxNetwork network, int n, double[] t, double[] x, double[] u) {
        double step = 1e-2;
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int i = 0; i < x.length; i++) {
            plus[i] += step * u[i];
            minus[i] -= step * u[i];
        }
        double[] hPlus = evaluate(network, n, t, plus, null);
        double[] hMinus = evaluate(network, n, t, minus, null);
        double[] jvp = new double[hPlus.length];
        for (int i = 0; i < jvp.length; i++) {
            jvp[i] = (hPlus[i] - hMinus[i]) / (2 * step);
        }
        return jvp;
    }

    // ---- batch sizes and threads ----

    @Test
    void batchOfOneAndBatchOfOneHundredThousandBothWork() {
        SplittableRandom random = new SplittableRandom(17);
        int big = 100_000;
        double[] t = Fixtures.floats(random, big, 0.1, 1.0);
        double[] x = Fixtures.floats(random, big * 3, -4, 4);

        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("gaussian_vp.onnx"))) {
            double[] one =
                    evaluate(
                            network, 1, new double[] {t[0]}, new double[] {x[0], x[1], x[2]}, null);
            double[] all = evaluate(network, big, t, x, null);

            double[] expected = Fixtures.gaussianNoise(big, t, x);
            assertClose(expected, all, FLOAT32);
            assertClose(new double[] {expected[0], expected[1], expected[2]}, one, FLOAT32);
            assertArrayEquals(new double[] {all[0], all[1], all[2]}, one);
        }
    }

    @Test
    void zeroRowsIsANoOp() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp.onnx"))) {
            network.evaluate(0, new double[0], new double[0], null, new double[0]);
        }
    }

    @Test
    void sixteenThreadsSharingOneNetworkMatchOneThread() throws Exception {
        int threads = 16;
        int callsPerThread = 20;
        SplittableRandom random = new SplittableRandom(18);
        List<double[][]> batches = new ArrayList<>();
        for (int k = 0; k < threads * callsPerThread; k++) {
            int n = 1 + random.nextInt(300); // varied sizes exercise the buffer pool's growth
            batches.add(
                    new double[][] {
                        Fixtures.floats(random, n, 0, 1),
                        Fixtures.floats(random, n * 2, -3, 3),
                        Fixtures.floats(random, n * 3, -1, 1)
                    });
        }

        try (OnnxNetwork network =
                OnnxNetwork.load(
                        Fixtures.resource("mlp_conditional.onnx"),
                        OnnxNetworkOptions.cpu().withIntraOpThreads(1))) {
            List<double[]> sequential = new ArrayList<>();
            for (double[][] b : batches) {
                sequential.add(evaluate(network, b[0].length, b[0], b[1], b[2]));
            }

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<double[]>> futures = new ArrayList<>();
                for (double[][] b : batches) {
                    Callable<double[]> call =
                            () -> evaluate(network, b[0].length, b[0], b[1], b[2]);
                    futures.add(pool.submit(call));
                }
                for (int k = 0; k < batches.size(); k++) {
                    assertArrayEquals(sequential.get(k), futures.get(k).get(), "batch " + k);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    // ---- argument errors ----

    @Test
    void wrongStateWidthIsRefusedWithTheSizes() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("gaussian_vp.onnx"))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    network.evaluate(
                                            2, new double[2], new double[4], null, new double[6]));
            assertTrue(e.getMessage().contains("x has 4 values"), e.getMessage());
            assertTrue(e.getMessage().contains("x_size D = 3 need 6"), e.getMessage());
        }
    }

    @Test
    void wrongConditionWidthIsRefusedWithTheSizes() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp_conditional.onnx"))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    network.evaluate(
                                            2,
                                            new double[2],
                                            new double[4],
                                            new double[4],
                                            new double[4]));
            assertTrue(e.getMessage().contains("condition has 4 values"), e.getMessage());
            assertTrue(e.getMessage().contains("condition_size C = 3 need 6"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> network.evaluate(2, new double[2], new double[4], null, new double[4]));
        }
    }

    @Test
    void conditionForAnUnconditionalNetworkIsRefused() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp.onnx"))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    network.evaluate(
                                            1,
                                            new double[1],
                                            new double[2],
                                            new double[1],
                                            new double[2]));
            assertTrue(e.getMessage().contains("unconditional"), e.getMessage());
        }
    }

    @Test
    void nanInputIsRefusedWithItsPosition() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("gaussian_vp.onnx"))) {
            double[] x = new double[6];
            x[4] = Double.NaN;
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    network.evaluate(
                                            2, new double[] {0.5, 0.5}, x, null, new double[6]));
            assertTrue(e.getMessage().contains("x[4] (row 1, column 1) is NaN"), e.getMessage());

            double[] t = {0.5, Double.POSITIVE_INFINITY};
            IllegalArgumentException time =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> network.evaluate(2, t, new double[6], null, new double[6]));
            assertTrue(time.getMessage().contains("t[1] is Infinity"), time.getMessage());

            double[] huge = new double[6];
            huge[0] = 1e300;
            IllegalArgumentException overflow =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> network.evaluate(2, new double[2], huge, null, new double[6]));
            assertTrue(overflow.getMessage().contains("float32 range"), overflow.getMessage());
        }
    }

    @Test
    void wrongOutputLengthIsRefused() {
        try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp.onnx"))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    network.evaluate(
                                            1, new double[1], new double[2], null, new double[3]));
            assertTrue(e.getMessage().startsWith("out has 3 values"), e.getMessage());
        }
    }

    // ---- load errors ----

    @Test
    void unknownFormatVersionIsRefusedNamingWhatIsSupported() {
        OnnxModelException e =
                assertThrows(
                        OnnxModelException.class,
                        () -> OnnxNetwork.load(Fixtures.resource("format_999.onnx")));
        assertTrue(e.getMessage().contains("format_999.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("grl4j.format = \"999\""), e.getMessage());
        assertTrue(e.getMessage().contains("[1]"), e.getMessage());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nothing-here.onnx");
        OnnxModelException e =
                assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(missing));
        assertTrue(e.getMessage().contains("nothing-here.onnx does not exist"), e.getMessage());
    }

    @Test
    void directoryIsNotAModelFile(@TempDir Path dir) {
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(dir));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void fileThatIsNotOnnxIsRefused(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("model.onnx");
        Files.writeString(text, "this is a checkpoint, not an ONNX graph\n");

        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxNetwork.load(text));
        assertTrue(e.getMessage().contains("cannot load"), e.getMessage());
        assertTrue(e.getMessage().contains("is it an ONNX model?"), e.getMessage());
    }

    @Test
    void cudaWithoutTheGpuRuntimeSaysHowToEnableIt() {
        Assumptions.assumeFalse(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this class path has a CUDA-enabled ONNX Runtime");

        OnnxModelException e =
                assertThrows(
                        OnnxModelException.class,
                        () ->
                                OnnxNetwork.load(
                                        Fixtures.resource("mlp.onnx"), OnnxNetworkOptions.cuda(0)));
        assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
        assertTrue(e.getMessage().contains("CUDA 12"), e.getMessage());
        assertTrue(e.getMessage().contains("allowFallbackToCpu"), e.getMessage());
    }

    @Test
    void cudaFallsBackToCpuWhenAllowed() {
        Assumptions.assumeFalse(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this class path has a CUDA-enabled ONNX Runtime");

        try (OnnxNetwork network =
                OnnxNetwork.load(
                        Fixtures.resource("mlp.onnx"),
                        OnnxNetworkOptions.cuda(0).withFallbackToCpu(true))) {
            assertEquals(ExecutionProvider.CPU, network.executionProvider());
            double[] t = {0.25};
            double[] x = {0.5, -0.5};
            assertClose(
                    new Fixtures.Mlp(0).evaluate(1, t, x, null),
                    evaluate(network, 1, t, x, null),
                    FLOAT32);
        }
    }

    // ---- close ----

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp.onnx"));
        network.close();
        network.close();

        assertTrue(network.isClosed());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                network.evaluate(
                                        1, new double[1], new double[2], null, new double[2]));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }
}
