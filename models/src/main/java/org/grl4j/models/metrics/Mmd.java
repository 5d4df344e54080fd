package org.grl4j.models.metrics;

import java.util.Arrays;
import org.grl4j.models.data.PointSet;

/**
 * Maximum mean discrepancy (Gretton et al., JMLR 2012) with the Gaussian RBF kernel k(x, y) =
 * exp(-||x - y||^2 / (2 h^2)), bandwidth h.
 *
 * <pre>
 *   biased:   MMD_b^2 = 1/n^2 sum_ij k(a_i, a_j) + 1/m^2 sum_ij k(b_i, b_j)
 *                       - 2/(n m) sum_ij k(a_i, b_j)
 *   unbiased: MMD_u^2 = 1/(n(n-1)) sum_{i!=j} k(a_i, a_j) + 1/(m(m-1)) sum_{i!=j} k(b_i, b_j)
 *                       - 2/(n m) sum_ij k(a_i, b_j)
 * </pre>
 *
 * The biased estimate is never negative and is exactly 0 for identical sets; the unbiased one has
 * expectation MMD^2 and can be negative. The median heuristic sets h to the median distance between
 * distinct pooled points. Cost O((n + m)^2 d).
 */
public final class Mmd {

    /** Pooled points beyond this are thinned (evenly, deterministically) for the median. */
    public static final int MEDIAN_SAMPLE = 2000;

    private Mmd() {}

    /** Biased MMD^2 with bandwidth {@code bandwidth}. */
    public static double biasedSquared(PointSet a, PointSet b, double bandwidth) {
        check(a, b, bandwidth, 1);
        double n = a.size();
        double m = b.size();
        return (withinSum(a, bandwidth) + n) / (n * n)
                + (withinSum(b, bandwidth) + m) / (m * m)
                - 2 * crossSum(a, b, bandwidth) / (n * m);
    }

    /** Unbiased MMD^2 with bandwidth {@code bandwidth}; each set needs at least 2 points. */
    public static double unbiasedSquared(PointSet a, PointSet b, double bandwidth) {
        check(a, b, bandwidth, 2);
        double n = a.size();
        double m = b.size();
        return withinSum(a, bandwidth) / (n * (n - 1))
                + withinSum(b, bandwidth) / (m * (m - 1))
                - 2 * crossSum(a, b, bandwidth) / (n * m);
    }

    /** sqrt of the biased MMD^2 with the median-heuristic bandwidth. */
    public static double biasedWithMedianBandwidth(PointSet a, PointSet b) {
        return Math.sqrt(Math.max(0, biasedSquared(a, b, medianBandwidth(a, b))));
    }

    /**
     * The median heuristic: the median Euclidean distance over pairs of distinct points of the
     * pooled set a + b (at most {@link #MEDIAN_SAMPLE} pooled points, taken at an even stride).
     *
     * @throws IllegalArgumentException if that median is 0 (most points coincide)
     */
    public static double medianBandwidth(PointSet a, PointSet b) {
        double[] pooled = pool(a, b);
        int d = a.dimension();
        int total = pooled.length / d;
        int count = Math.min(total, MEDIAN_SAMPLE);
        double[] distances = new double[count * (count - 1) / 2];
        int p = 0;
        for (int s = 0; s < count; s++) {
            int i = (int) ((long) s * total / count);
            for (int t = s + 1; t < count; t++) {
                int j = (int) ((long) t * total / count);
                distances[p++] = Math.sqrt(squaredDistance(pooled, i, pooled, j, d));
            }
        }
        if (distances.length == 0) {
            throw new IllegalArgumentException("the median heuristic needs at least 2 points");
        }
        Arrays.sort(distances);
        int half = distances.length / 2;
        double median =
                distances.length % 2 == 1
                        ? distances[half]
                        : 0.5 * (distances[half - 1] + distances[half]);
        if (!(median > 0)) {
            throw new IllegalArgumentException(
                    "median pairwise distance is "
                            + median
                            + " (most points coincide); give an explicit bandwidth");
        }
        return median;
    }

    private static double[] pool(PointSet a, PointSet b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException(
                    "MMD needs points of one dimension; got "
                            + a.dimension()
                            + " and "
                            + b.dimension());
        }
        double[] pooled = Arrays.copyOf(a.toArray(), (a.size() + b.size()) * a.dimension());
        System.arraycopy(
                b.toArray(), 0, pooled, a.size() * a.dimension(), b.size() * b.dimension());
        return pooled;
    }

    /** sum over i != j of k(x_i, x_j) = 2 sum over i < j. */
    private static double withinSum(PointSet points, double bandwidth) {
        double[] x = points.toArray();
        int d = points.dimension();
        int n = points.size();
        double factor = -0.5 / (bandwidth * bandwidth);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = i + 1; j < n; j++) {
                row += Math.exp(factor * squaredDistance(x, i, x, j, d));
            }
            sum += row;
        }
        return 2 * sum;
    }

    private static double crossSum(PointSet a, PointSet b, double bandwidth) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        int d = a.dimension();
        double factor = -0.5 / (bandwidth * bandwidth);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double row = 0;
            for (int j = 0; j < b.size(); j++) {
                row += Math.exp(factor * squaredDistance(x, i, y, j, d));
            }
            sum += row;
        }
        return sum;
    }

    private static double squaredDistance(double[] x, int i, double[] y, int j, int d) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double diff = x[i * d + k] - y[j * d + k];
            sum += diff * diff;
        }
        return sum;
    }

    private static void check(PointSet a, PointSet b, double bandwidth, int minimumSize) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException(
                    "MMD needs points of one dimension; got "
                            + a.dimension()
                            + " and "
                            + b.dimension());
        }
        if (a.size() < minimumSize || b.size() < minimumSize) {
            throw new IllegalArgumentException(
                    "this MMD estimate needs at least "
                            + minimumSize
                            + " points per set; got "
                            + a.size()
                            + " and "
                            + b.size());
        }
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException(
                    "MMD bandwidth is " + bandwidth + "; it must be finite and positive");
        }
    }
}
