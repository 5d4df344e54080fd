package org.grl4j.models.metrics;

import org.grl4j.models.data.PointSet;

/**
 * A square {@code n x n} matrix of finite costs {@code c(i, j)}, read by rows. The assignment
 * solver asks for whole rows, so an implementation may compute them on the fly (as {@link
 * #squaredEuclidean} does: no {@code n^2} storage) or read them from memory.
 */
public interface CostMatrix {

    /** The number of rows (and of columns) {@code n}. */
    int size();

    /** The cost of pairing row {@code row} with column {@code column}. */
    double cost(int row, int column);

    /** Writes {@code c(row, j)} for {@code j = 0 .. n-1} into {@code out[0 .. n)}. */
    default void row(int row, double[] out) {
        int n = size();
        for (int j = 0; j < n; j++) {
            out[j] = cost(row, j);
        }
    }

    /**
     * A cost matrix over a copy of {@code costs}, which must be square with finite entries.
     *
     * @throws IllegalArgumentException naming the first bad row or entry
     */
    static CostMatrix of(double[][] costs) {
        return new DenseCostMatrix(costs);
    }

    /**
     * The squared Euclidean cost {@code c(i, j) = ||from_i - to_j||^2} between two point sets of
     * equal size and dimension, computed on the fly from the points.
     */
    static CostMatrix squaredEuclidean(PointSet from, PointSet to) {
        return new SquaredEuclideanCost(from, to);
    }
}
