package org.grl4j.trainer.loss;

/**
 * The random part of a Gaussian-path loss for one minibatch: the time of each row {@code t[B]}
 * (float32 values held in doubles) and the noise {@code noise[B * D]} row-major.
 */
public record GaussianDraw(double[] t, float[] noise) {

    /** Checks that the noise has a whole number of rows of the batch size. */
    public GaussianDraw {
        if (t.length == 0 || noise.length % t.length != 0) {
            throw new IllegalArgumentException(
                    "GaussianDraw needs B times and B * D noise values, got "
                            + t.length
                            + " times and "
                            + noise.length
                            + " noise values");
        }
    }
}
