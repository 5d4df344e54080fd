package org.grl4j.sampler.likelihood;

/**
 * Log-densities of a batch computed by {@link PfOdeLikelihood}.
 *
 * @param logDensity log p(x_i) in nats, one per row
 * @param xSize D, the width of one row
 * @param velocityEvaluations the number of evaluations of the augmented ODE right-hand side
 * @param networkEvaluations the number of tangent evaluations of the network on the whole batch
 *     (velocityEvaluations times D for the exact trace, times 1 for Hutchinson)
 */
public record LikelihoodResult(
        double[] logDensity, int xSize, long velocityEvaluations, long networkEvaluations) {

    private static final double LN2 = Math.log(2);

    /** Bits per dimension of each row: -log p(x_i) / (D ln 2). */
    public double[] bitsPerDimension() {
        double[] bits = new double[logDensity.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = -logDensity[i] / (xSize * LN2);
        }
        return bits;
    }

    /** The batch mean of log p(x_i), in nats. */
    public double meanLogDensity() {
        double sum = 0;
        for (double value : logDensity) {
            sum += value;
        }
        return sum / logDensity.length;
    }

    /** The batch mean of the bits per dimension, -mean log p / (D ln 2). */
    public double meanBitsPerDimension() {
        return -meanLogDensity() / (xSize * LN2);
    }

    /**
     * log |det dz/dx| = -sum_j log scale_j for the normalization z_j = (x_j - mean_j) / scale_j;
     * add it to a log-density of z to get the log-density of x.
     */
    public static double normalizationLogDeterminant(double[] scales) {
        double sum = 0;
        for (int j = 0; j < scales.length; j++) {
            if (!(scales[j] > 0) || !Double.isFinite(scales[j])) {
                throw new IllegalArgumentException(
                        "normalization scale["
                                + j
                                + "] = "
                                + scales[j]
                                + "; scales must be finite and positive");
            }
            sum -= Math.log(scales[j]);
        }
        return sum;
    }

    /**
     * These log-densities moved from the normalized space z = (x - mean) / scale, where the model
     * lives, to the data space x: log p_x(x) = log p_z(z) - sum_j log scale_j.
     */
    public LikelihoodResult toDataSpace(double[] scales) {
        if (scales == null || scales.length != xSize) {
            throw new IllegalArgumentException(
                    "normalization scales have length "
                            + (scales == null ? "null" : scales.length)
                            + "; expected one per dimension, D = "
                            + xSize);
        }
        double shift = normalizationLogDeterminant(scales);
        double[] shifted = new double[logDensity.length];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = logDensity[i] + shift;
        }
        return new LikelihoodResult(shifted, xSize, velocityEvaluations, networkEvaluations);
    }
}
