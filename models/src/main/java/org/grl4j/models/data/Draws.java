package org.grl4j.models.data;

import java.util.SplittableRandom;

/**
 * The seeded random source behind every built-in dataset: {@link SplittableRandom}, whose algorithm
 * is fixed by its specification, with Gaussians from the Marsaglia polar method written here, so
 * the same seed gives the same points on every JDK.
 */
final class Draws {

    private final SplittableRandom random;

    Draws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform on [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform on {0, ..., bound - 1}. */
    int index(int bound) {
        return random.nextInt(bound);
    }

    /**
     * A standard normal draw (Marsaglia polar method; the second value of each pair is dropped).
     */
    double gaussian() {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double r = u * u + v * v;
            if (r > 0 && r < 1) {
                return u * Math.sqrt(-2 * Math.log(r) / r);
            }
        }
    }
}
