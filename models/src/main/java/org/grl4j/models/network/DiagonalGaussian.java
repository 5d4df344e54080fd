package org.grl4j.models.network;

/**
 * Validated mean and variance of a diagonal Gaussian N(m, diag(v)), and the batch-argument checks
 * shared by the exact networks.
 */
final class DiagonalGaussian {

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final double[] mean;
    private final double[] variance;

    DiagonalGaussian(String owner, double[] mean, double[] variance) {
        if (mean == null || variance == null || mean.length == 0) {
            throw new IllegalArgumentException(
                    owner
                            + ": mean and variance must be non-empty arrays, one entry per"
                            + " dimension");
        }
        if (mean.length != variance.length) {
            throw new IllegalArgumentException(
                    owner
                            + ": mean has "
                            + mean.length
                            + " entries but variance has "
                            + variance.length
                            + "; give one variance per dimension of the mean");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException(
                        owner + ": mean[" + j + "] must be finite, but was " + mean[j]);
            }
            if (!Double.isFinite(variance[j]) || variance[j] <= 0) {
                throw new IllegalArgumentException(
                        owner
                                + ": variance["
                                + j
                                + "] must be finite and > 0, but was "
                                + variance[j]
                                + "; give every dimension a positive variance");
            }
        }
        this.mean = mean.clone();
        this.variance = variance.clone();
    }

    int size() {
        return mean.length;
    }

    double mean(int j) {
        return mean[j];
    }

    double variance(int j) {
        return variance[j];
    }

    double[] meanCopy() {
        return mean.clone();
    }

    double[] varianceCopy() {
        return variance.clone();
    }

    /** log N(x; mu, diag(var)) for one row. */
    static double logDensity(double[] x, double[] mu, double[] var) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double r = x[j] - mu[j];
            sum += LOG_TWO_PI + Math.log(var[j]) + r * r / var[j];
        }
        return -0.5 * sum;
    }

    /** Throws unless {@code row} has exactly {@code d} entries. */
    static void checkRow(String owner, double[] row, int d) {
        if (row == null || row.length != d) {
            throw new IllegalArgumentException(
                    owner
                            + ": x must be one row of "
                            + d
                            + " values, but had "
                            + (row == null ? "null" : row.length + " values"));
        }
    }

    /** Throws unless {@code x} holds a whole number of rows of width {@code d}. */
    static int rowCount(String owner, double[] x, int d) {
        if (x == null || x.length % d != 0) {
            throw new IllegalArgumentException(
                    owner
                            + ": x must hold rows of "
                            + d
                            + " values (length a multiple of "
                            + d
                            + "), but had "
                            + (x == null ? "null" : x.length + " values"));
        }
        return x.length / d;
    }

    /** Checks the array lengths of a {@link BatchNetwork#evaluate} call. */
    static void checkBatch(
            String owner,
            int n,
            int d,
            int c,
            double[] t,
            double[] x,
            double[] condition,
            double[]... outputs) {
        if (n < 0) {
            throw new IllegalArgumentException(owner + ": row count n must be >= 0, but was " + n);
        }
        checkLength(owner, "t", t, n);
        checkLength(owner, "x", x, n * d);
        for (double[] out : outputs) {
            checkLength(owner, "output", out, n * d);
        }
        if (c > 0) {
            checkLength(owner, "condition", condition, n * c);
        }
    }

    private static void checkLength(String owner, String name, double[] array, int needed) {
        if (array == null || array.length < needed) {
            throw new IllegalArgumentException(
                    owner
                            + ": "
                            + name
                            + " must have at least "
                            + needed
                            + " values for this batch, but had "
                            + (array == null ? "null" : array.length));
        }
    }

    static int checkConditionSize(String owner, int conditionSize) {
        if (conditionSize < 0) {
            throw new IllegalArgumentException(
                    owner + ": conditionSize must be >= 0, but was " + conditionSize);
        }
        return conditionSize;
    }
}
