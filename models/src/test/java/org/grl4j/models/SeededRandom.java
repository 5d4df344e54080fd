package org.grl4j.models;

import java.util.SplittableRandom;

/** The one source of randomness in tests: fixed seeds, so every run sees the same numbers. */
public final class SeededRandom {

    private final SplittableRandom random;

    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform on [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** A standard normal draw (Marsaglia polar method). */
    public double gaussian() {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double r = u * u + v * v;
            if (r > 0 && r < 1) {
                return u * Math.sqrt(-2 * Math.log(r) / r);
            }
        }
    }

    /** {@code n} independent standard normal draws. */
    public double[] gaussians(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = gaussian();
        }
        return out;
    }

    /** {@code n} independent draws uniform on [lo, hi). */
    public double[] uniforms(int n, double lo, double hi) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = uniform(lo, hi);
        }
        return out;
    }
}
