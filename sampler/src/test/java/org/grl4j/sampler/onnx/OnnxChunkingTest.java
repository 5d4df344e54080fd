package org.grl4j.sampler.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Batches split into chunks, sequentially or on several threads, and the session settings. */
class OnnxChunkingTest {

    /** As in OnnxNetworkTest: float32 graphs of a few dozen operations, 1e-5 of max(|h|, 1). */
    private static final double FLOAT32 = 1e-5;

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double bound = FLOAT32 * Math.max(Math.abs(expected[i]), 1.0);
            if (!(Math.abs(expected[i] - actual[i]) <= bound)) {
                throw new AssertionError(
                        "index " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    private static double[] evaluate(OnnxNetwork network, double[] t, double[] x, double[] c) {
        double[] out = new double[t.length * network.xSize()];
        network.evaluate(t.length, t, x, c, out);
        return out;
    }

    private static List<OnnxNetworkOptions> chunkedSettings() {
        OnnxNetworkOptions single = OnnxNetworkOptions.cpu().withIntraOpThreads(1);
        return List.of(
                single.withChunkRows(64),
                single.withChunkRows(64).withParallelChunks(2),
                single.withChunkRows(100).withParallelChunks(3),
                OnnxNetworkOptions.throughput(2),
                OnnxNetworkOptions.latency(2));
    }

    @Test
    void everyChunkingGivesEveryRowTheValueOfTheDoubleOracle() {
        SplittableRandom random = new SplittableRandom(31);
        int n = 1001; // not a multiple of any chunk size: chunks differ by one row
        double[] t = Fixtures.floats(random, n, 0, 1);
        double[] x = Fixtures.floats(random, n * 2, -3, 3);
        double[] c = Fixtures.floats(random, n * 3, -1, 1);
        double[] expected = new Fixtures.Mlp(3).evaluate(n, t, x, c);

        for (OnnxNetworkOptions options : chunkedSettings()) {
            try (OnnxNetwork network =
                    OnnxNetwork.load(Fixtures.resource("mlp_conditional.onnx"), options)) {
                assertClose(expected, evaluate(network, t, x, c));
                // A chunked batch must not spill into rows beyond n: a short call still works.
                double[] first =
                        evaluate(
                                network,
                                new double[] {t[0]},
                                new double[] {x[0], x[1]},
                                new double[] {c[0], c[1], c[2]});
                assertClose(new double[] {expected[0], expected[1]}, first);
            }
        }
    }

    @Test
    void chunkedTangentsMatchTheClosedFormJacobianProduct() {
        SplittableRandom random = new SplittableRandom(32);
        int n = 777;
        double[] t = Fixtures.floats(random, n, 0.1, 1.0);
        double[] x = Fixtures.floats(random, n * 3, -4, 4);
        double[] u = Fixtures.floats(random, n * 3, -1, 1);
        double[] h = new double[n * 3];
        double[] hTangent = new double[n * 3];

        try (OnnxNetwork network =
                OnnxNetwork.load(
                        Fixtures.resource("gaussian_vp_tangent.onnx"),
                        OnnxNetworkOptions.throughput(2).withChunkRows(50))) {
            ((OnnxTangentNetwork) network).evaluateWithTangent(n, t, x, null, u, h, hTangent);
            assertClose(Fixtures.gaussianNoise(n, t, x), h);
            assertClose(Fixtures.gaussianNoiseTangent(n, t, u), hTangent);
        }
    }

    @Test
    void aBadValueInAnyChunkIsReportedAtItsPositionInTheWholeBatch() {
        int n = 1000;
        double[] x = new double[n * 3];
        x[3 * 700 + 2] = Double.NaN;

        try (OnnxNetwork network =
                OnnxNetwork.load(
                        Fixtures.resource("gaussian_vp.onnx"),
                        OnnxNetworkOptions.throughput(2).withChunkRows(64))) {
            double[] t = new double[n];
            java.util.Arrays.fill(t, 0.5);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> network.evaluate(n, t, x, null, new double[n * 3]));
            assertTrue(
                    e.getMessage().contains("x[2102] (row 700, column 2) is NaN"), e.getMessage());
        }
    }

    @Test
    void manyCallersSharingAParallelChunkedNetworkMatchOneCaller() throws Exception {
        SplittableRandom random = new SplittableRandom(33);
        List<double[][]> batches = new ArrayList<>();
        for (int k = 0; k < 64; k++) {
            int n = 1 + random.nextInt(600);
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
                        OnnxNetworkOptions.throughput(2).withChunkRows(50))) {
            List<double[]> sequential = new ArrayList<>();
            for (double[][] b : batches) {
                sequential.add(evaluate(network, b[0], b[1], b[2]));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<double[]>> futures = new ArrayList<>();
                for (double[][] b : batches) {
                    futures.add(pool.submit(() -> evaluate(network, b[0], b[1], b[2])));
                }
                for (int k = 0; k < batches.size(); k++) {
                    assertArrayEquals(sequential.get(k), futures.get(k).get(), "batch " + k);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void everyOptimizationLevelAndMemorySettingComputesTheSameNetwork() {
        SplittableRandom random = new SplittableRandom(34);
        int n = 50;
        double[] t = Fixtures.floats(random, n, 0, 1);
        double[] x = Fixtures.floats(random, n * 2, -3, 3);
        double[] expected = new Fixtures.Mlp(0).evaluate(n, t, x, null);

        for (OptLevel level : OptLevel.values()) {
            OnnxNetworkOptions options =
                    OnnxNetworkOptions.cpu()
                            .withOptimizationLevel(level)
                            .withMemory(false, false)
                            .withSpinning(false);
            try (OnnxNetwork network = OnnxNetwork.load(Fixtures.resource("mlp.onnx"), options)) {
                assertClose(expected, evaluate(network, t, x, null));
            }
        }
    }

    @Test
    void impossibleSettingsAreRefusedWithTheirNames() {
        IllegalArgumentException chunks =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxNetworkOptions.cpu().withChunkRows(-1));
        assertTrue(chunks.getMessage().contains("chunkRows is -1"), chunks.getMessage());
        IllegalArgumentException threads =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxNetworkOptions.cpu().withParallelChunks(0));
        assertTrue(threads.getMessage().contains("parallelChunks is 0"), threads.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> OnnxNetworkOptions.cpu().withOptimizationLevel(null));
    }
}
