package org.grl4j.models.metrics;

import java.util.Arrays;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;

/**
 * 2-Wasserstein distances between empirical distributions with uniform weights.
 *
 * <p><b>Exact:</b> for two sets of n points, W2(a, b) = sqrt(min over permutations s of (1/n) sum_i
 * ||a_i - b_s(i)||^2); with equal sizes and uniform weights an optimal plan is a permutation
 * (Birkhoff), found by {@link LinearAssignment} on the squared Euclidean cost.
 *
 * <p><b>Sliced:</b> SW2(a, b) = sqrt(E_theta W2^2(theta . a, theta . b)) with theta uniform on the
 * unit sphere, estimated with L seeded directions (normalized standard normal vectors); each 1-D W2
 * is exact through sorted quantile functions, so sizes may differ. For a set shifted by c, SW2^2 =
 * E (theta . c)^2 = |c|^2 / d while W2 = |c|.
 *
 * <p>Empirical W2 is biased upward at small n: compare values computed at the same n.
 */
public final class Wasserstein {

    private Wasserstein() {}

    /**
     * The optimal pairing of equal-size point sets under squared Euclidean cost: point {@code i} of
     * {@code from} goes to point {@code columnOf(i)} of {@code to}.
     */
    public static Assignment optimalAssignment(PointSet from, PointSet to) {
        return LinearAssignment.solve(CostMatrix.squaredEuclidean(from, to));
    }

    /** Exact W2 between two point sets of equal size and dimension. */
    public static double distance(PointSet a, PointSet b) {
        if (a.size() == 0) {
            throw new IllegalArgumentException("W2 of empty point sets is undefined; give points");
        }
        Assignment plan = optimalAssignment(a, b);
        return Math.sqrt(plan.totalCost() / a.size());
    }

    /**
     * Sliced W2 with {@code projections} directions drawn from seed {@code seed}; sizes may differ,
     * dimensions must agree.
     */
    public static double sliced(PointSet a, PointSet b, int projections, long seed) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException(
                    "sliced W2 needs points of one dimension; got "
                            + a.dimension()
                            + " and "
                            + b.dimension());
        }
        if (projections < 1) {
            throw new IllegalArgumentException(
                    "sliced W2 projection count is " + projections + "; it must be at least 1");
        }
        double[][] directions = directions(projections, a.dimension(), seed);
        double sum = 0;
        for (double[] direction : directions) {
            double w = oneDimensional(project(a, direction), project(b, direction));
            sum += w * w;
        }
        return Math.sqrt(sum / projections);
    }

    /**
     * {@code count} unit vectors in {@code dimension} dimensions, uniform on the sphere (normalized
     * N(0, I) draws, from {@link Datasets#standardNormal} with {@code seed}): the directions {@link
     * #sliced} uses.
     */
    public static double[][] directions(int count, int dimension, long seed) {
        double[][] directions = Datasets.standardNormal(count, dimension, seed).toRows();
        for (double[] direction : directions) {
            double norm = 0;
            for (double value : direction) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < dimension; k++) {
                direction[k] /= norm;
            }
        }
        return directions;
    }

    private static double[] project(PointSet points, double[] direction) {
        double[] values = points.toArray();
        int d = direction.length;
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            double dot = 0;
            for (int k = 0; k < d; k++) {
                dot += values[i * d + k] * direction[k];
            }
            out[i] = dot;
        }
        return out;
    }

    /**
     * Exact W2 between two 1-D empirical distributions with uniform weights: sqrt of the integral
     * over q in (0, 1) of (F_a^-1(q) - F_b^-1(q))^2, walking both sorted samples along the merged
     * quantile breakpoints. With equal sizes this is sqrt(mean of (sorted a - sorted b)^2).
     */
    public static double oneDimensional(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException(
                    "1-D W2 needs points on both sides; got " + a.length + " and " + b.length);
        }
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double sum = 0;
        if (x.length == y.length) {
            for (int i = 0; i < x.length; i++) {
                double diff = x[i] - y[i];
                sum += diff * diff;
            }
            return Math.sqrt(sum / x.length);
        }
        return Math.sqrt(mergedQuantiles(x, y));
    }

    /** Integral of the squared quantile difference for sorted samples of different sizes. */
    private static double mergedQuantiles(double[] x, double[] y) {
        long n = x.length;
        long m = y.length;
        int i = 0;
        int j = 0;
        long at = 0;
        double sum = 0;
        // Breakpoints are k/n and l/m; on the common scale 1/(n m) they are k m and l n.
        while (i < n && j < m) {
            long next = Math.min((i + 1) * m, (j + 1) * n);
            double diff = x[i] - y[j];
            sum += diff * diff * (next - at);
            at = next;
            if (next == (i + 1) * m) {
                i++;
            }
            if (next == (j + 1) * n) {
                j++;
            }
        }
        return sum / ((double) n * m);
    }
}
