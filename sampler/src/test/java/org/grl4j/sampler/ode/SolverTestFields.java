package org.grl4j.sampler.ode;

import java.util.ArrayList;
import java.util.List;

/** Small closed-form fields for the solver tests. */
final class SolverTestFields {

    private SolverTestFields() {}

    /**
     * dx/dt = rate x on every coordinate, recording each evaluation time; x(t) = e^(rate t) x(0).
     */
    static final class Exponential implements VectorField {
        final double rate;
        final int dimension;
        final List<Double> times = new ArrayList<>();

        Exponential(double rate, int dimension) {
            this.rate = rate;
            this.dimension = dimension;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            times.add(t);
            for (int i = 0; i < n * dimension; i++) {
                out[i] = rate * x[i];
            }
        }
    }

    /** dx/dt = cos(t) on every coordinate; x(t) = x(0) + sin(t) - sin(t0). */
    static final class Cosine implements VectorField {
        int evaluations;

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            evaluations++;
            for (int i = 0; i < n; i++) {
                out[i] = Math.cos(t);
            }
        }
    }
}
