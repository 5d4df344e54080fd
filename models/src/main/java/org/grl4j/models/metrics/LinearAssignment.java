package org.grl4j.models.metrics;

import java.util.Arrays;

/**
 * Exact minimum-cost perfect matching of an {@code n x n} cost matrix (the linear assignment
 * problem), by the shortest augmenting path method of Jonker and Volgenant (Computing 38, 1987):
 *
 * <ol>
 *   <li><b>column reduction</b>: each column's price v_j is its minimum cost, and each column is
 *       given to its cheapest row if that row is still free;
 *   <li><b>reduction transfer</b>: a row that got exactly one column moves the slack to its
 *       second-best choice into that column's price;
 *   <li><b>augmenting row reduction</b> (two passes): a free row takes its cheapest column at
 *       reduced cost, lowering that column's price to the row's second-best value, and evicts the
 *       previous owner, which tries again;
 *   <li><b>augmentation</b>: each row still free finds a shortest alternating path to a free column
 *       by Dijkstra's method on reduced costs c(i, j) - v_j, then prices are updated so the dual
 *       stays feasible and the path is flipped.
 * </ol>
 *
 * <p>The dual prices certify optimality: at the end every row's assigned column minimizes c(i, j) -
 * v_j. Worst case O(n^3) time; O(n) memory beyond what the cost matrix holds, because rows are
 * requested one at a time ({@link CostMatrix#row}), so the squared Euclidean cost between two point
 * sets of 10 000 points needs no 800 MB matrix.
 */
public final class LinearAssignment {

    private LinearAssignment() {}

    /** The minimum-cost assignment of {@code costs} (square, finite). */
    public static Assignment solve(double[][] costs) {
        return solve(CostMatrix.of(costs));
    }

    /** The minimum-cost assignment of {@code costs}. */
    public static Assignment solve(CostMatrix costs) {
        return new Solver(costs).run();
    }

    /** One run's state: the partial assignment both ways, column prices, and a row buffer. */
    private static final class Solver {

        private final CostMatrix costs;
        private final int n;
        private final int[] columnOfRow;
        private final int[] rowOfColumn;
        private final double[] price;
        private final double[] rowCosts;

        /**
         * Whether the last {@link #takeBestColumn} lowered a price (then the evicted row retries).
         */
        private boolean lastTakeLoweredPrice;

        Solver(CostMatrix costs) {
            this.costs = costs;
            this.n = costs.size();
            this.columnOfRow = new int[n];
            this.rowOfColumn = new int[n];
            this.price = new double[n];
            this.rowCosts = new double[n];
            Arrays.fill(columnOfRow, -1);
            Arrays.fill(rowOfColumn, -1);
        }

        Assignment run() {
            int[] free = reduceColumns();
            for (int pass = 0; pass < 2 && free.length > 0; pass++) {
                free = reduceFreeRows(free);
            }
            Search search = new Search(n);
            for (int row : free) {
                augment(row, search);
            }
            return result();
        }

        /** Steps 1 and 2: column reduction and reduction transfer; returns the free rows. */
        private int[] reduceColumns() {
            int[] cheapestRow = new int[n];
            Arrays.fill(price, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                costs.row(i, rowCosts);
                for (int j = 0; j < n; j++) {
                    if (rowCosts[j] < price[j]) {
                        price[j] = rowCosts[j];
                        cheapestRow[j] = i;
                    }
                }
            }

            int[] matches = new int[n];
            for (int j = n - 1; j >= 0; j--) {
                int i = cheapestRow[j];
                if (matches[i]++ == 0) {
                    columnOfRow[i] = j;
                    rowOfColumn[j] = i;
                }
            }

            int freeCount = 0;
            int[] free = new int[n];
            for (int i = 0; i < n; i++) {
                if (matches[i] == 0) {
                    free[freeCount++] = i;
                } else if (matches[i] == 1) {
                    transferReduction(i);
                }
            }
            return Arrays.copyOf(free, freeCount);
        }

        /** Lowers the price of row i's only column by the row's slack to its next best column. */
        private void transferReduction(int i) {
            int assigned = columnOfRow[i];
            costs.row(i, rowCosts);
            double slack = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != assigned) {
                    slack = Math.min(slack, rowCosts[j] - price[j]);
                }
            }
            if (slack < Double.POSITIVE_INFINITY) {
                price[assigned] -= slack;
            }
        }

        /**
         * Step 3, one pass of augmenting row reduction over {@code free}; returns the rows still
         * free. An evicted row whose new column got strictly cheaper is retried at once, at most
         * {@code n} times per pass so that rounding cannot make the pass loop for long.
         */
        private int[] reduceFreeRows(int[] free) {
            int[] stillFree = new int[n];
            int stillFreeCount = 0;
            int retries = 0;
            for (int k = 0; k < free.length; k++) {
                int i = free[k];
                while (i >= 0) {
                    int evicted = takeBestColumn(i);
                    if (evicted >= 0 && lastTakeLoweredPrice && retries++ < n) {
                        i = evicted;
                    } else {
                        if (evicted >= 0) {
                            stillFree[stillFreeCount++] = evicted;
                        }
                        i = -1;
                    }
                }
            }
            return Arrays.copyOf(stillFree, stillFreeCount);
        }

        /**
         * Gives free row i its cheapest column at reduced cost (or, on a tie with an owned column,
         * its second cheapest), lowering that column's price so the row's reduced cost equals its
         * second-best value. Returns the row that owned the column, or -1.
         */
        private int takeBestColumn(int i) {
            costs.row(i, rowCosts);
            double best = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            int bestColumn = -1;
            int secondColumn = -1;
            for (int j = 0; j < n; j++) {
                double reduced = rowCosts[j] - price[j];
                if (reduced < second) {
                    if (reduced >= best) {
                        second = reduced;
                        secondColumn = j;
                    } else {
                        second = best;
                        secondColumn = bestColumn;
                        best = reduced;
                        bestColumn = j;
                    }
                }
            }

            int column = bestColumn;
            lastTakeLoweredPrice = best < second && second < Double.POSITIVE_INFINITY;
            if (lastTakeLoweredPrice) {
                price[column] -= second - best;
            } else if (rowOfColumn[column] >= 0 && secondColumn >= 0) {
                column = secondColumn;
            }
            int evicted = rowOfColumn[column];
            columnOfRow[i] = column;
            rowOfColumn[column] = i;
            if (evicted >= 0) {
                columnOfRow[evicted] = -1;
            }
            return evicted;
        }

        /**
         * Step 4 for free row {@code start}: Dijkstra over columns on reduced costs until the
         * nearest column is free, then the price update and the flip of the alternating path.
         *
         * <p>Each step finalizes the unreached column of least distance; if it is owned, its owner
         * row relaxes every unreached column in one sequential pass that also finds the next least
         * one (ties go to a free column, which ends the search sooner).
         */
        private void augment(int start, Search search) {
            double[] distance = search.distance;
            int[] predecessor = search.predecessor;
            boolean[] done = search.done;
            int[] doneColumns = search.doneColumns;

            costs.row(start, rowCosts);
            int nearest = -1;
            double nearestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double d = rowCosts[j] - price[j];
                distance[j] = d;
                predecessor[j] = start;
                if (d < nearestDistance || (d == nearestDistance && rowOfColumn[j] < 0)) {
                    nearestDistance = d;
                    nearest = j;
                }
            }

            int doneCount = 0;
            while (rowOfColumn[nearest] >= 0) {
                int column = nearest;
                double minimum = nearestDistance;
                done[column] = true;
                doneColumns[doneCount++] = column;

                int i = rowOfColumn[column];
                costs.row(i, rowCosts);
                double offset = rowCosts[column] - price[column] - minimum;
                nearest = -1;
                nearestDistance = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (done[j]) {
                        continue;
                    }
                    double through = rowCosts[j] - price[j] - offset;
                    double d = distance[j];
                    if (through < d) {
                        d = through;
                        distance[j] = through;
                        predecessor[j] = i;
                    }
                    if (d < nearestDistance || (d == nearestDistance && rowOfColumn[j] < 0)) {
                        nearestDistance = d;
                        nearest = j;
                    }
                }
            }

            for (int k = 0; k < doneCount; k++) {
                int j = doneColumns[k];
                price[j] += distance[j] - nearestDistance;
                done[j] = false;
            }
            flipPath(start, nearest, predecessor);
        }

        /** Flips the alternating path ending at free column {@code end} back to row start. */
        private void flipPath(int start, int end, int[] predecessor) {
            int column = end;
            while (true) {
                int i = predecessor[column];
                rowOfColumn[column] = i;
                int previous = columnOfRow[i];
                columnOfRow[i] = column;
                if (i == start) {
                    return;
                }
                column = previous;
            }
        }

        /** Work arrays of the shortest-path search, reused across augmentations. */
        private static final class Search {
            final double[] distance;
            final int[] predecessor;
            final boolean[] done;
            final int[] doneColumns;

            Search(int n) {
                distance = new double[n];
                predecessor = new int[n];
                done = new boolean[n];
                doneColumns = new int[n];
            }
        }

        /** The pairing, its cost, and the potentials u_i = c(i, s(i)) - v_s(i) and v = prices. */
        private Assignment result() {
            double total = 0;
            double[] rowPotential = new double[n];
            for (int i = 0; i < n; i++) {
                double cost = costs.cost(i, columnOfRow[i]);
                total += cost;
                rowPotential[i] = cost - price[columnOfRow[i]];
            }
            return new Assignment(columnOfRow, total, rowPotential, price);
        }
    }
}
