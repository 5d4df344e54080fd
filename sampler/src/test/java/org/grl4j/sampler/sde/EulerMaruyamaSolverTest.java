package org.grl4j.sampler.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.grl4j.sampler.ode.EulerSolver;
import org.junit.jupiter.api.Test;

class EulerMaruyamaSolverTest {

    /** dx = rate x dt + scale dW on every coordinate. */
    private record LinearSde(double rate, double scale, int dimension) implements StochasticField {
        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            for (int i = 0; i < n * dimension; i++) {
                out[i] = rate * x[i];
            }
        }

        @Override
        public void diffusion(int n, double t, double[] x, double[] out) {
            java.util.Arrays.fill(out, 0, n * dimension, scale);
        }
    }

    @Test
    void withoutNoiseItIsTheEulerMethod() {
        LinearSde field = new LinearSde(-0.8, 0.0, 2);
        double[] x0 = {1, -1, 0.5, 2};

        double[] sde = new EulerMaruyamaSolver(7).solve(field, 2, x0, 1, 0, new RowNoise(1, 2)).x();
        double[] ode = new EulerSolver(7).solve(field, 2, x0, 1, 0).x();

        assertArrayEquals(ode, sde, 0.0);
    }

    @Test
    void addsScaledIncrementsFromEachRowsStreamInStepOrder() {
        // Pure noise: x_N = x_0 + scale sqrt(|h|) sum_k z_k, with z_k the row's k-th pair of draws.
        int steps = 5;
        double scale = 0.3;
        double[] x0 = {0.1, 0.2, 0.3, 0.4};

        double[] x =
                new EulerMaruyamaSolver(steps)
                        .solve(new LinearSde(0, scale, 2), 2, x0, 1, 0, new RowNoise(9, 2))
                        .x();

        RowNoise replay = new RowNoise(9, 2);
        double[] expected = x0.clone();
        double[] z = new double[4];
        for (int k = 0; k < steps; k++) {
            replay.fill(z, 2);
            for (int i = 0; i < 4; i++) {
                expected[i] += scale * Math.sqrt(1.0 / steps) * z[i];
            }
        }
        assertArrayEquals(expected, x, 1e-15);
    }

    @Test
    void reportsOneEvaluationPerStep() {
        assertEquals(
                11,
                new EulerMaruyamaSolver(11)
                        .solve(new LinearSde(1, 1, 1), 3, new double[3], 0, 1, new RowNoise(0, 3))
                        .evaluations());
    }

    @Test
    void rejectsANonPositiveStepCount() {
        assertThrows(IllegalArgumentException.class, () -> new EulerMaruyamaSolver(0));
    }
}
