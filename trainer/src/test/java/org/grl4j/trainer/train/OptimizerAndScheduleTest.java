package org.grl4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OptimizerAndScheduleTest {

    /**
     * Five float32 Adam updates against the same recursion in double: each update is a few float
     * operations on values of size ~1, so the two agree to ~1e-6 relative of the step size.
     */
    @ParameterizedTest
    @EnumSource(OptimizerConfig.Type.class)
    void adamUpdatesMatchADoublePrecisionRecursion(OptimizerConfig.Type type) {
        OptimizerConfig config = new OptimizerConfig(type, 0.05, 0.8, 0.95, 1e-3, 0.1);
        float[] initial = {0.5f, -1.25f, 2f};
        float[][] gradients = {
            {1, -2, 0.5f}, {0.3f, 0.1f, -1}, {-0.7f, 1.5f, 0.2f}, {2, 0, 0}, {0.1f, -0.1f, 3}
        };
        double[] scales = {1, 0.5, 1, 1, 0.25};
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter parameter =
                    Parameter.builder()
                            .setName("p")
                            .setType(Parameter.Type.WEIGHT)
                            .optShape(new Shape(3))
                            .optInitializer(Initializer.ZEROS)
                            .build();
            parameter.initialize(manager, DataType.FLOAT32);
            parameter.getArray().set(initial);
            Map<String, Parameter> parameters = new LinkedHashMap<>(Map.of("p", parameter));
            try (AdamOptimizer optimizer = new AdamOptimizer(config, parameters, manager)) {
                for (int k = 0; k < gradients.length; k++) {
                    NDArray gradient = manager.create(gradients[k]);
                    optimizer.update(Map.of("p", gradient), 0.05 * (k + 1) / 5, scales[k]);
                }
            }
            double[] expected = reference(config, initial, gradients, scales);
            float[] actual = parameter.getArray().toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], actual[i], 1e-6, type + " component " + i);
            }
        }
    }

    private static double[] reference(
            OptimizerConfig config, float[] initial, float[][] gradients, double[] scales) {
        double[] p = new double[initial.length];
        double[] m = new double[initial.length];
        double[] v = new double[initial.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = initial[i];
        }
        for (int k = 1; k <= gradients.length; k++) {
            double lr = 0.05 * k / 5;
            for (int i = 0; i < p.length; i++) {
                double g = gradients[k - 1][i] * scales[k - 1];
                if (config.type() == OptimizerConfig.Type.ADAM) {
                    g += config.weightDecay() * p[i];
                } else {
                    p[i] *= 1 - lr * config.weightDecay();
                }
                m[i] = config.beta1() * m[i] + (1 - config.beta1()) * g;
                v[i] = config.beta2() * v[i] + (1 - config.beta2()) * g * g;
                double mHat = m[i] / (1 - Math.pow(config.beta1(), k));
                double vHat = v[i] / (1 - Math.pow(config.beta2(), k));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + config.epsilon());
            }
        }
        return p;
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(0.1, LearningRateSchedule.constant().rate(0.1, 12345), 0);
        LearningRateSchedule warmup = LearningRateSchedule.warmup(10);
        assertEquals(0.01, warmup.rate(0.1, 0), 1e-15);
        assertEquals(0.1, warmup.rate(0.1, 9), 1e-15);
        assertEquals(0.1, warmup.rate(0.1, 500), 1e-15);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(10, 110, 0.1);
        assertEquals(0.05, cosine.rate(0.1, 4), 1e-15);
        assertEquals(0.1, cosine.rate(0.1, 10), 1e-15);
        assertEquals(0.1 * (0.1 + 0.9 * 0.5), cosine.rate(0.1, 60), 1e-15);
        assertEquals(0.01, cosine.rate(0.1, 110), 1e-15);
        assertEquals(0.01, cosine.rate(0.1, 1000), 1e-15);
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LearningRateSchedule.cosine(10, 10, 0));
        assertEquals(true, error.getMessage().contains("total_steps"));
    }
}
