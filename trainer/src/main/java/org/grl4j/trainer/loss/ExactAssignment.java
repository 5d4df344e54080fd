package org.grl4j.trainer.loss;

import java.util.Arrays;

/**
 * Exact minimum-cost perfect matching between two equal-size point sets on squared Euclidean cost:
 * the optimal transport plan between two uniform empirical measures of n points each, which is a
 * permutation (Birkhoff). Shortest augmenting paths with dual potentials (Hungarian algorithm, Kuhn
 * 1955 / Munkres 1957, in the O(n^3) form of Jonker and Volgenant 1987).
 *
 * <p>Hand-written because the trainer must not pull an LP solver for one n^3 routine; TODO(#4):
 * switch to the models module's assignment solver once it is available.
 */
final class ExactAssignment {

    private ExactAssignment() {}

    /**
     * The permutation p minimizing sum_j ||a[p[j]] - b[j]||^2.
     *
     * @param a n rows of width d, row-major {@code [n * d]}
     * @param b n rows of width d, row-major {@code [n * d]}
     * @return p with p[j] the row of a paired with row j of b
     */
    static int[] pairing(float[] a, float[] b, int n, int d) {
        double[][] cost = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double diff = (double) a[i * d + k] - b[j * d + k];
                    sum += diff * diff;
                }
                cost[j][i] = sum;
            }
        }
        return solve(cost);
    }

    /** The assignment row j -> column p[j] minimizing sum_j cost[j][p[j]] for a square matrix. */
    static int[] solve(double[][] cost) {
        int n = cost.length;
        // 1-based arrays; column 0 is a virtual start. u, v: dual potentials of rows and columns;
        // owner[c]: the row matched to column c.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] owner = new int[n + 1];
        int[] way = new int[n + 1];
        double[] minSlack = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int row = 1; row <= n; row++) {
            owner[0] = row;
            int column = 0;
            Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[column] = true;
                int current = owner[column];
                double delta = Double.POSITIVE_INFINITY;
                int next = 0;
                for (int c = 1; c <= n; c++) {
                    if (!used[c]) {
                        double slack = cost[current - 1][c - 1] - u[current] - v[c];
                        if (slack < minSlack[c]) {
                            minSlack[c] = slack;
                            way[c] = column;
                        }
                        if (minSlack[c] < delta) {
                            delta = minSlack[c];
                            next = c;
                        }
                    }
                }
                for (int c = 0; c <= n; c++) {
                    if (used[c]) {
                        u[owner[c]] += delta;
                        v[c] -= delta;
                    } else {
                        minSlack[c] -= delta;
                    }
                }
                column = next;
            } while (owner[column] != 0);
            do {
                int previous = way[column];
                owner[column] = owner[previous];
                column = previous;
            } while (column != 0);
        }
        int[] assignment = new int[n];
        for (int c = 1; c <= n; c++) {
            assignment[owner[c] - 1] = c - 1;
        }
        return assignment;
    }
}
