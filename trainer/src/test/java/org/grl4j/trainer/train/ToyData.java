package org.grl4j.trainer.train;

import java.util.SplittableRandom;

/** Two-dimensional toy data sets for training tests, row-major float32 [n, 2]. */
final class ToyData {

    private ToyData() {}

    /** Eight Gaussians of standard deviation 0.1 centred on a circle of radius 2. */
    static float[] eightGaussians(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * random.nextInt(8) / 8;
            out[2 * i] = (float) (2 * Math.cos(angle) + 0.1 * random.nextGaussian());
            out[2 * i + 1] = (float) (2 * Math.sin(angle) + 0.1 * random.nextGaussian());
        }
        return out;
    }

    /**
     * Two interleaved half circles (scikit-learn's make_moons with noise 0.05), centred and scaled
     * by 1.5 so that the data spans about [-2.3, 2.3] x [-1.1, 1.1].
     */
    static float[] twoMoons(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double angle = Math.PI * random.nextDouble();
            boolean upper = random.nextBoolean();
            double x = upper ? Math.cos(angle) : 1 - Math.cos(angle);
            double y = upper ? Math.sin(angle) : 0.5 - Math.sin(angle);
            out[2 * i] = (float) (1.5 * (x - 0.5 + 0.05 * random.nextGaussian()));
            out[2 * i + 1] = (float) (1.5 * (y - 0.25 + 0.05 * random.nextGaussian()));
        }
        return out;
    }

    static float[] gaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[2 * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
