package org.grl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Column means, variances and the covariance of columns 0 and 1 of a row-major {@code [n * d]}
 * sample, with the standard errors used by the statistical tests.
 */
public record Moments(int n, double[] mean, double[] variance, double covariance01) {

    /** The moments of {@code x} with rows of width {@code d} (d >= 2). */
    public static Moments of(double[] x, int d) {
        int n = x.length / d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] variance = new double[d];
        double covariance = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double r = x[i * d + j] - mean[j];
                variance[j] += r * r;
            }
            covariance += (x[i * d] - mean[0]) * (x[i * d + 1] - mean[1]);
        }
        for (int j = 0; j < d; j++) {
            variance[j] /= n - 1;
        }
        return new Moments(n, mean, variance, covariance / (n - 1));
    }

    /** sqrt(V / n), the standard error of a sample mean of a Gaussian with variance V. */
    public static double meanError(double variance, int n) {
        return Math.sqrt(variance / n);
    }

    /** V sqrt(2 / (n - 1)), the standard error of a Gaussian sample variance. */
    public static double varianceError(double variance, int n) {
        return variance * Math.sqrt(2.0 / (n - 1));
    }

    /** sqrt(V0 V1 / n), the standard error of the sample covariance of independent columns. */
    public static double covarianceError(double variance0, double variance1, int n) {
        return Math.sqrt(variance0 * variance1 / n);
    }

    /**
     * Asserts that the sample has per-dimension mean {@code mean} and standard deviation {@code sd}
     * (and zero covariance) within {@link Tolerances#STANDARD_ERRORS} standard errors plus a solver
     * bias bound {@code bias} on the offset and slope of the solver's map: mean error <= k SE + B,
     * variance error <= k SE + 2 sd B + B^2.
     */
    public static void assertMatch(
            Samples samples, double[] mean, double[] sd, double bias, String what) {
        Moments moments = Moments.of(samples.x(), 2);
        int n = samples.rows();
        double k = Tolerances.STANDARD_ERRORS;
        StringBuilder report = new StringBuilder(what);
        boolean ok = true;
        for (int j = 0; j < 2; j++) {
            double variance = sd[j] * sd[j];
            double meanError = Math.abs(moments.mean()[j] - mean[j]);
            double meanTolerance = k * Moments.meanError(variance, n) + bias;
            double varianceError = Math.abs(moments.variance()[j] - variance);
            double varianceTolerance =
                    k * Moments.varianceError(variance, n) + 2 * sd[j] * bias + bias * bias;
            ok &= meanError <= meanTolerance && varianceError <= varianceTolerance;
            report.append(
                    String.format(
                            " | dim %d mean err %.2e (tol %.2e) var err %.2e (tol %.2e)",
                            j, meanError, meanTolerance, varianceError, varianceTolerance));
        }
        double covarianceTolerance = k * Moments.covarianceError(sd[0] * sd[0], sd[1] * sd[1], n);
        ok &= Math.abs(moments.covariance01()) <= covarianceTolerance;
        report.append(
                String.format(
                        " | cov %.2e (tol %.2e)", moments.covariance01(), covarianceTolerance));
        assertTrue(ok, report.toString());
    }
}
