package org.grl4j.trainer.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DjlBatchNetworkTest {

    private static IntrinsicModel conditionalModel() {
        return new IntrinsicModel(
                2,
                3,
                new GaussianFourierTimeEncoder(8, 30.0, false),
                null,
                new TemporalSpatialResidualNet(List.of(16, 8), 2, 8, 2, 3, 4, 0));
    }

    @Test
    void evaluatesLikeTheBlockInChunksAndAcrossThreads() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntrinsicModel model = conditionalModel();
            Networks.initialize(model, manager, 4, model.inputShapes(1));
            int n = 37;
            SplittableRandom random = new SplittableRandom(5);
            double[] t = random.doubles(n).toArray();
            double[] x = random.doubles(2L * n, -2, 2).toArray();
            double[] condition = random.doubles(3L * n, -1, 1).toArray();

            float[] direct;
            try (NDManager scope = manager.newSubManager()) {
                direct =
                        model.forward(
                                        new ParameterStore(scope, false),
                                        scope.create(toFloat(t)),
                                        scope.create(toFloat(x), new Shape(n, 2)),
                                        scope.create(toFloat(condition), new Shape(n, 3)),
                                        false)
                                .toFloatArray();
            }
            double[] expected = new double[direct.length];
            for (int i = 0; i < direct.length; i++) {
                expected[i] = direct[i];
            }

            try (DjlBatchNetwork network = new DjlBatchNetwork(model, manager, 10)) {
                double[] out = new double[2 * n];
                network.evaluate(n, t, x, condition, out);
                assertArrayEquals(expected, out, 1e-6);

                ExecutorService pool = Executors.newFixedThreadPool(3);
                List<Future<double[]>> results = new ArrayList<>();
                for (int k = 0; k < 6; k++) {
                    results.add(
                            pool.submit(
                                    () -> {
                                        double[] o = new double[2 * n];
                                        network.evaluate(n, t, x, condition, o);
                                        return o;
                                    }));
                }
                for (Future<double[]> result : results) {
                    assertArrayEquals(out, result.get());
                }
                pool.shutdown();

                IllegalArgumentException missing =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> network.evaluate(n, t, x, null, new double[2 * n]));
                assertTrue(missing.getMessage().contains("condition"));
            }
        }
    }

    @Test
    void restoresTheCallersGradientMode() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntrinsicModel model = conditionalModel();
            Networks.initialize(model, manager, 4, model.inputShapes(1));
            try (DjlBatchNetwork network = new DjlBatchNetwork(model, manager)) {
                JniUtils.setGradMode(true);
                network.evaluate(
                        1, new double[] {0.5}, new double[2], new double[3], new double[2]);
                assertTrue(JniUtils.isGradMode());
                JniUtils.setGradMode(false);
            }
        }
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
