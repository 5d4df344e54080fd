package org.grl4j.models.metrics;

import java.util.Arrays;

/**
 * Exact minimum-cost perfect matching of an {@code n x n} cost matrix (the linear assignment
 * problem): the shortest augmenting path method of Jonker and Volgenant (Computing 38, 1987),
 * started from column prices found by an epsilon-scaling auction (Bertsekas, Annals of Operations
 * Research 14, 1988).
 *
 * <ol>
 *   <li><b>column minima</b>: each column's price v_j starts at its least cost;
 *   <li><b>auction</b> ({@link AuctionPrices}): rounds of bidding with epsilon shrinking from 1/64
 *       of the cost spread (largest minus least cost) to 5e-4 spread / n lower the prices towards
 *       optimal dual prices; its assignment is discarded and only the prices are kept, unless the
 *       auction ran out of bids or showed an optimum below 2^-19 of the spread, where prices that
 *       coarse would cost precision: then the column minima are kept;
 *   <li><b>augmenting row reduction</b> (two passes, every row free at the start): a free row takes
 *       its cheapest column at reduced cost c(i, j) - v_j, lowering that column's price to the
 *       row's second-best value, and evicts the previous owner, which tries again;
 *   <li><b>augmentation</b>: each row still free finds a shortest alternating path to a free column
 *       by Dijkstra's method on reduced costs, then prices are updated so the dual stays feasible
 *       and the path is flipped.
 * </ol>
 *
 * <p>Steps 3 and 4 keep the invariant of the Jonker-Volgenant method for any starting prices: every
 * assigned row's column minimizes c(i, j) - v_j. When no row is free, these prices with u_i = c(i,
 * s(i)) - v_s(i) are a feasible dual solution equal in value to the assignment, which is therefore
 * optimal: the auction changes how much work steps 3 and 4 do, never the result's optimality. On
 * 2-D point sets the column minima leave most rows free, each needing a Dijkstra search over about
 * 40% of the rows; auction prices leave about one row free at n = 512. Rows are scanned through a
 * {@link RowScanner}, which mostly reads only a few kept columns of a row, since all prices only
 * decrease.
 *
 * <p>Worst case O(n^3) time. Memory: O(n) arrays plus n * {@link RowScanner#CANDIDATES} kept
 * columns and costs (12 n K bytes, 3.8 MB at n = 10 000); rows are requested one at a time ({@link
 * CostMatrix#row}), so the squared Euclidean cost between two point sets of 10 000 points needs no
 * 800 MB matrix.
 */
public final class LinearAssignment {

    /** Passes of augmenting row reduction after the auction. */
    private static final int ROW_REDUCTION_PASSES = 2;

    /**
     * Auction prices are dropped (the column minima kept) when the optimum's mean cost above the
     * least cost is below this fraction of the cost spread; the auction's last epsilon, at most
     * 2^-20 spread, lets its assignment resolve that scale.
     */
    private static final double SCALE_LIMIT = 0x1p-19;

    private LinearAssignment() {}

    /** The minimum-cost assignment of {@code costs} (square, finite). */
    public static Assignment solve(double[][] costs) {
        return solve(CostMatrix.of(costs));
    }

    /** The minimum-cost assignment of {@code costs}. */
    public static Assignment solve(CostMatrix costs) {
        return solve(costs, AuctionPrices.BID_BUDGET_PER_ROW);
    }

    /**
     * The minimum-cost assignment with at most {@code bidsPerRow} auction bids per row (0: no
     * auction); the result is optimal for any budget, only the time changes.
     */
    static Assignment solve(CostMatrix costs, int bidsPerRow) {
        return new Solver(costs).run(bidsPerRow);
    }

    /** One run's state: the partial assignment both ways, column prices, and a row buffer. */
    private static final class Solver {

        private final CostMatrix costs;
        private final int n;
        private final int[] columnOfRow;
        private final int[] rowOfColumn;
        private final double[] price;
        private final double[] rowCosts;
        private RowScanner scanner;

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

        Assignment run(int bidsPerRow) {
            startPrices(bidsPerRow);
            int[] free = new int[n];
            for (int i = 0; i < n; i++) {
                free[i] = i;
            }
            for (int pass = 0; pass < ROW_REDUCTION_PASSES && free.length > 0; pass++) {
                free = reduceFreeRows(free);
            }
            Search search = new Search(n);
            for (int row : free) {
                augment(row, search);
            }
            return result();
        }

        /**
         * Steps 1 and 2: the column minima, then the auction, whose prices are kept only if it
         * finished within {@code bidsPerRow} bids per row and its assignment shows an optimum at
         * least {@link #SCALE_LIMIT} times the cost spread above the least cost.
         *
         * <p>Auction prices spread over about the whole cost range, so with them the exact phase
         * resolves reduced costs to about 2^-52 of the spread; for an optimum below 2^-19 of the
         * spread that is coarser than 2^-33 of the optimum itself. The column minima keep the
         * prices at the optimum's scale, as the Jonker-Volgenant method alone does.
         */
        private void startPrices(int bidsPerRow) {
            double[] range = columnMinima();
            double least = range[0];
            double spread = range[1] - least;
            double[] columnMinima = price.clone();
            scanner = new RowScanner(costs, price, rowCosts, spread);
            double magnitude = Math.max(Math.abs(least), Math.abs(range[1]));
            AuctionPrices auction = new AuctionPrices(price, scanner, bidsPerRow);
            if (auction.run(spread, magnitude)
                    && !(auction.finished()
                            && auction.meanExcess(costs, least) >= spread * SCALE_LIMIT)) {
                System.arraycopy(columnMinima, 0, price, 0, n);
                scanner = new RowScanner(costs, price, rowCosts, spread);
            }
        }

        /**
         * Step 1: each column's price v_j is its least cost; returns the least and the largest cost
         * of the whole matrix.
         */
        private double[] columnMinima() {
            Arrays.fill(price, Double.POSITIVE_INFINITY);
            double largest = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                costs.row(i, rowCosts);
                for (int j = 0; j < n; j++) {
                    double cost = rowCosts[j];
                    if (cost < price[j]) {
                        price[j] = cost;
                    }
                    if (cost > largest) {
                        largest = cost;
                    }
                }
            }
            double least = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                least = Math.min(least, price[j]);
            }
            return new double[] {least, largest};
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
         * its second cheapest), lowering that column's price so the row's reduced cost there equals
         * its second-best value or the scanner's lower bound on it: either way the column stays a
         * cheapest one for row i. Returns the row that owned the column, or -1.
         */
        private int takeBestColumn(int i) {
            scanner.scan(i);
            double best = scanner.best;
            double second = scanner.second;
            int bestColumn = scanner.bestColumn;
            int secondColumn = scanner.secondColumn;

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
         * nearest unreached column is free, then the path flip and the price update.
         *
         * <p>Distances are {@code d_j = min over scanned rows i of (D_i + c(i, j) - v_j - u_i)},
         * where row i was reached through a column at distance D_i. A finished column leaves the
         * search by taking distance +infinity and, while the search runs, price -infinity: every
         * later relaxation of it is then +infinity, so {@link #relax} needs no test for it.
         * Predecessors are not stored during the search; the path is rebuilt afterwards from the
         * few scanned rows ({@link #flipPath}).
         */
        private void augment(int start, Search search) {
            double[] distance = search.distance;
            Arrays.fill(distance, Double.POSITIVE_INFINITY);
            costs.row(start, rowCosts);
            int nearest = relax(distance, 0);

            int doneCount = 0;
            while (rowOfColumn[nearest] >= 0) {
                int column = nearest;
                int owner = rowOfColumn[column];
                costs.row(owner, rowCosts);
                double offset = rowCosts[column] - price[column] - distance[column];
                search.finish(doneCount++, column, owner, distance[column], price[column], offset);
                distance[column] = Double.POSITIVE_INFINITY;
                price[column] = Double.NEGATIVE_INFINITY;
                nearest = relax(distance, offset);
            }

            double endDistance = distance[nearest];
            for (int k = 0; k < doneCount; k++) {
                price[search.columns[k]] = search.prices[k];
            }
            flipPath(start, nearest, search, doneCount, endDistance);
            for (int k = 0; k < doneCount; k++) {
                price[search.columns[k]] += search.distances[k] - endDistance;
            }
        }

        /**
         * Relaxes every column through the row in {@link #rowCosts}, d_j = min(d_j, c(i, j) - v_j -
         * offset), and returns the nearest unfinished column, a free one among equals so that ties
         * end the search early. Both tests are rarely true once the search is under way, so the
         * branches predict well; a finished column computes +infinity and never passes them.
         */
        private int relax(double[] distance, double offset) {
            double least = Double.POSITIVE_INFINITY;
            int nearest = -1;
            for (int j = 0; j < n; j++) {
                double through = rowCosts[j] - price[j] - offset;
                double d = distance[j];
                if (through < d) {
                    d = through;
                    distance[j] = d;
                }
                if (d <= least && (d < least || rowOfColumn[j] < 0)) {
                    least = d;
                    nearest = j;
                }
            }
            return nearest;
        }

        /**
         * Flips the alternating path from {@code start} to the free column {@code end}. A column's
         * final distance is exactly one of the values the search computed for it, {@code c(i, j) -
         * v_j - offset_i} for a row i scanned before the column was finished (or for the start
         * row); recomputing that expression finds the row, an edge of the shortest-path tree.
         * Walking back, a column finished at position q looks only at rows scanned before q, so the
         * walk cannot cycle; the least value is taken if rounding ever hides the exact match.
         */
        private void flipPath(
                int start, int end, Search search, int doneCount, double endDistance) {
            int column = end;
            int limit = doneCount;
            double target = endDistance;
            while (true) {
                int position = predecessorPosition(start, column, limit, target, search);
                int row = position < 0 ? start : search.rows[position];
                rowOfColumn[column] = row;
                columnOfRow[row] = column;
                if (position < 0) {
                    return;
                }
                column = search.columns[position];
                target = search.distances[position];
                limit = position;
            }
        }

        /** The position (-1 for the start row) of the scanned row that gave column its distance. */
        private int predecessorPosition(
                int start, int column, int limit, double target, Search search) {
            double least = costs.cost(start, column) - price[column];
            if (least == target) {
                return -1;
            }
            int position = -1;
            for (int q = 0; q < limit; q++) {
                double through =
                        costs.cost(search.rows[q], column) - price[column] - search.offsets[q];
                if (through == target) {
                    return q;
                }
                if (through < least) {
                    least = through;
                    position = q;
                }
            }
            return position;
        }

        /**
         * Work arrays of the shortest-path search, reused across augmentations: the distance of
         * every column, and for each finished column in order its index, its owner row (scanned
         * next), its distance, its price and the owner's offset u_i - D_i.
         */
        private static final class Search {
            final double[] distance;
            final int[] columns;
            final int[] rows;
            final double[] distances;
            final double[] prices;
            final double[] offsets;

            Search(int n) {
                distance = new double[n];
                columns = new int[n];
                rows = new int[n];
                distances = new double[n];
                prices = new double[n];
                offsets = new double[n];
            }

            void finish(int k, int column, int row, double distance, double price, double offset) {
                columns[k] = column;
                rows[k] = row;
                distances[k] = distance;
                prices[k] = price;
                offsets[k] = offset;
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
