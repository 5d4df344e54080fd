package org.grl4j.trainer;

/** Named tolerances for the trainer tests, each with the basis for its size. */
public final class TrainerTolerances {

    /**
     * A float32 network against a double-precision evaluation of the same weights: dot products of
     * up to ~1000 terms accumulate a few float32 ulps (6e-8) each in random directions, relative to
     * the largest output; 1e-5 of the largest magnitude leaves a margin of about ten.
     */
    public static final double FLOAT32_NETWORK = 1e-5;

    private TrainerTolerances() {}

    /** max |actual - expected| / max |expected|: the error relative to the output's scale. */
    public static double relativeError(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError(
                    "length " + actual.length + " != expected length " + expected.length);
        }
        double error = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            error = Math.max(error, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return scale == 0 ? error : error / scale;
    }
}
