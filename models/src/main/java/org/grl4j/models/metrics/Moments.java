package org.grl4j.models.metrics;

import org.grl4j.models.data.PointSet;

/**
 * First and second moments of a point set {@code [n, d]}: the mean m_j = (1/n) sum_i x_ij and the
 * sample covariance S_jk = (1/(n-1)) sum_i (x_ij - m_j)(x_ik - m_k) (divisor n - 1, as {@code
 * numpy.cov}), both by two passes over the data.
 */
public final class Moments {

    private Moments() {}

    /** The mean of each coordinate, length d. */
    public static double[] mean(PointSet points) {
        if (points.size() == 0) {
            throw new IllegalArgumentException("the mean of an empty point set is undefined");
        }
        int d = points.dimension();
        double[] values = points.toArray();
        double[] mean = new double[d];
        for (int k = 0; k < values.length; k++) {
            mean[k % d] += values[k];
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= points.size();
        }
        return mean;
    }

    /** The sample covariance {@code [d][d]} (divisor n - 1); needs at least 2 points. */
    public static double[][] covariance(PointSet points) {
        int n = points.size();
        if (n < 2) {
            throw new IllegalArgumentException(
                    "a sample covariance needs at least 2 points; got " + n);
        }
        int d = points.dimension();
        double[] mean = mean(points);
        double[] values = points.toArray();
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[j] = values[i * d + j] - mean[j];
            }
            for (int j = 0; j < d; j++) {
                for (int k = j; k < d; k++) {
                    covariance[j][k] += centred[j] * centred[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                covariance[j][k] /= n - 1;
                covariance[k][j] = covariance[j][k];
            }
        }
        return covariance;
    }
}
