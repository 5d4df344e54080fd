package org.grl4j.models.metrics;

import org.grl4j.models.data.PointSet;

/**
 * {@code c(i, j) = sum_k (from[i, k] - to[j, k])^2}, computed on demand. The target points are kept
 * column by column ({@code [d][n]}) so that a whole row is a few passes over contiguous arrays,
 * which the JIT vectorizes: for small d this is faster than reading a precomputed {@code n x n}
 * matrix from memory, and it needs none of that matrix's {@code 8 n^2} bytes.
 */
final class SquaredEuclideanCost implements CostMatrix {

    private final int n;
    private final int d;
    private final double[] from;
    private final double[][] toColumns;

    SquaredEuclideanCost(PointSet from, PointSet to) {
        if (from.size() != to.size() || from.dimension() != to.dimension()) {
            throw new IllegalArgumentException(
                    "an assignment needs two point sets of the same size and dimension; got "
                            + from.size()
                            + " x "
                            + from.dimension()
                            + " and "
                            + to.size()
                            + " x "
                            + to.dimension()
                            + " (subsample the larger set to the size of the smaller)");
        }
        n = from.size();
        d = from.dimension();
        this.from = from.toArray();
        toColumns = new double[d][];
        for (int k = 0; k < d; k++) {
            toColumns[k] = to.column(k);
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double cost(int row, int column) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double diff = from[row * d + k] - toColumns[k][column];
            sum += diff * diff;
        }
        return sum;
    }

    @Override
    public void row(int row, double[] out) {
        double a = from[row * d];
        double[] column = toColumns[0];
        for (int j = 0; j < n; j++) {
            double diff = a - column[j];
            out[j] = diff * diff;
        }
        for (int k = 1; k < d; k++) {
            a = from[row * d + k];
            column = toColumns[k];
            for (int j = 0; j < n; j++) {
                double diff = a - column[j];
                out[j] += diff * diff;
            }
        }
    }
}
