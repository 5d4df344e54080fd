package org.grl4j.models.card;

import java.util.Arrays;

/**
 * The per-dimension affine map applied to the data before training: model = (data - mean) / scale,
 * and back: data = mean + scale * model (DESIGN.md section 3.3). The network sees and the sampler
 * produces states in model space; {@link #toDataSpace} maps samples back.
 *
 * <p>Batches are row-major {@code [N * D]} arrays of doubles, D = {@link #dimension()}. Instances
 * are immutable: the accessors return copies.
 *
 * @param mean the per-dimension mean, length D, finite
 * @param scale the per-dimension scale, length D, finite and positive
 */
public record Normalization(double[] mean, double[] scale) {

    public Normalization {
        if (mean == null || scale == null) {
            throw new InvalidModelCardException(
                    "normalization needs both mean and scale arrays; found mean "
                            + Arrays.toString(mean)
                            + ", scale "
                            + Arrays.toString(scale));
        }
        if (mean.length == 0 || mean.length != scale.length) {
            throw new InvalidModelCardException(
                    "normalization mean has "
                            + mean.length
                            + " values and scale "
                            + scale.length
                            + "; both need one value per data dimension");
        }
        mean = mean.clone();
        scale = scale.clone();
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new InvalidModelCardException(
                        "normalization mean[" + j + "] is " + mean[j] + "; it must be finite");
            }
            if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
                throw new InvalidModelCardException(
                        "normalization scale["
                                + j
                                + "] is "
                                + scale[j]
                                + "; it must be finite and positive");
            }
        }
    }

    /** The identity map in {@code dimension} dimensions: mean 0, scale 1. */
    public static Normalization identity(int dimension) {
        double[] ones = new double[dimension];
        Arrays.fill(ones, 1.0);
        return new Normalization(new double[dimension], ones);
    }

    /** D, the number of data dimensions. */
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** Whether this is the identity map (mean 0 and scale 1 in every dimension). */
    public boolean isIdentity() {
        for (int j = 0; j < mean.length; j++) {
            if (mean[j] != 0.0 || scale[j] != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** Maps a row-major batch {@code [N * D]} from data space to model space, in place. */
    public void toModelSpace(double[] batch) {
        checkBatch(batch);
        int d = mean.length;
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (batch[i] - mean[i % d]) / scale[i % d];
        }
    }

    /** Maps a row-major batch {@code [N * D]} from model space back to data space, in place. */
    public void toDataSpace(double[] batch) {
        checkBatch(batch);
        int d = mean.length;
        for (int i = 0; i < batch.length; i++) {
            batch[i] = mean[i % d] + scale[i % d] * batch[i];
        }
    }

    private void checkBatch(double[] batch) {
        if (batch.length % mean.length != 0) {
            throw new IllegalArgumentException(
                    "batch has "
                            + batch.length
                            + " values, not a whole number of rows of D = "
                            + mean.length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization that
                && Arrays.equals(mean, that.mean)
                && Arrays.equals(scale, that.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalization[mean="
                + Arrays.toString(mean)
                + ", scale="
                + Arrays.toString(scale)
                + "]";
    }
}
