package org.grl4j.models.metrics;

import java.util.Arrays;

/**
 * Column prices for {@link LinearAssignment} from the forward auction of Bertsekas (Annals of
 * Operations Research 14, 1988) with epsilon scaling.
 *
 * <p>In cost form, with reduced costs r(i, j) = c(i, j) - v_j: a free row i finds its least reduced
 * cost r(i, j1) and its second least r(i, j2), takes column j1 (evicting the owner, which becomes
 * free) and lowers its price by r(i, j2) - r(i, j1) + epsilon, so that afterwards i pays epsilon
 * more at j1 than at its best alternative. (When the {@link RowScanner} answers from kept columns,
 * r(i, j2) may be replaced by a lower bound on it: the price then drops by less, and i pays at most
 * epsilon more.) Each round starts with every row free and ends when all are assigned; the
 * assignment then satisfies epsilon-complementary slackness, r(i, s(i)) <= min_j r(i, j) + epsilon
 * for every row, so it costs at most n epsilon more than the optimum. The first round uses epsilon
 * = spread / {@link #FIRST_DIVISOR} (spread: largest minus least cost), each next one divides it by
 * {@link #SCALE_FACTOR}, down to n epsilon = {@link #FINAL_GAP} * spread or epsilon = {@link
 * #FINEST_FRACTION} * spread, whichever is smaller; prices carry over from round to round and only
 * ever decrease.
 *
 * <p>Only the prices are kept: the exact solver starts from them and restores exact optimality. Any
 * prices are a valid start for it, so this phase is a warm start whose quality decides only the
 * speed. It stops early when its bid budget runs out (the solver then starts from the column minima
 * instead), which bounds its time on adversarial or badly scaled costs.
 */
final class AuctionPrices {

    /**
     * First epsilon over the spread. On 2-D point sets at n = 512, 32 and 64 were equally fast, 8
     * and 128 slower by 5-15%, 2 and 256 by 25-40%: larger first steps make the next rounds redo
     * the work, smaller ones start a price war.
     */
    static final double FIRST_DIVISOR = 64;

    /** Factor between consecutive epsilons; 5, 8 and 12 measured the same (within 3%). */
    static final double SCALE_FACTOR = 8;

    /**
     * Bound n epsilon of the last round on the cost excess of its assignment, over the spread. At n
     * = 512 it puts the last epsilon near 1e-6 spread, where about one row is left for the exact
     * augmentation.
     */
    static final double FINAL_GAP = 5e-4;

    /**
     * The last epsilon is at most this fraction of the spread even for small n, so that the last
     * round resolves optima down to that scale (see {@link LinearAssignment}).
     */
    static final double FINEST_FRACTION = 0x1p-20;

    /**
     * The smallest epsilon over the largest cost magnitude: below about 2^-40 a price decrease of
     * epsilon could be lost to rounding, and a bid would not change the prices.
     */
    static final double RELATIVE_FLOOR = 0x1p-40;

    /** Default bids allowed per row over all rounds; point sets up to n = 10 000 needed 30-75. */
    static final int BID_BUDGET_PER_ROW = 400;

    private final int n;
    private final double[] price;
    private final RowScanner scanner;
    private final int[] columnOfRow;
    private final int[] rowOfColumn;
    private final int[] queue;
    private long bidsLeft;
    private double epsilon;
    private boolean finished;

    /**
     * An auction that lowers {@code price} (n entries) in place, reading rows through {@code
     * scanner}, with at most {@code bidsPerRow} bids per row in all.
     */
    AuctionPrices(double[] price, RowScanner scanner, int bidsPerRow) {
        this.n = price.length;
        this.price = price;
        this.scanner = scanner;
        this.columnOfRow = new int[n];
        this.rowOfColumn = new int[n];
        this.queue = new int[n];
        this.bidsLeft = (long) bidsPerRow * n;
    }

    /**
     * Runs the scaled rounds for costs whose largest minus least entry is {@code spread} and whose
     * largest magnitude is {@code magnitude}; returns false, leaving the prices as they are, when
     * there is nothing to scale (n < 2, no spread, or a spread that overflowed).
     */
    boolean run(double spread, double magnitude) {
        if (n < 2 || !(spread > 0) || !Double.isFinite(spread + magnitude)) {
            return false;
        }
        double finest = Math.min(spread * FINAL_GAP / n, spread * FINEST_FRACTION);
        double last = Math.max(finest, magnitude * RELATIVE_FLOOR);
        epsilon = Math.max(spread / FIRST_DIVISOR, last);
        while (round()) {
            if (epsilon <= last) {
                finished = true;
                break;
            }
            epsilon = Math.max(epsilon / SCALE_FACTOR, last);
        }
        return true;
    }

    /** Whether every round ran to the end within the budget. */
    boolean finished() {
        return finished;
    }

    /** The epsilon of the last round. */
    double epsilon() {
        return epsilon;
    }

    /**
     * The mean over rows of c(i, s(i)) - {@code least} for the assignment s of the last round,
     * which is complete when {@link #finished}; the costs are read through {@code costs}.
     */
    double meanExcess(CostMatrix costs, double least) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += costs.cost(i, columnOfRow[i]) - least;
        }
        return sum / n;
    }

    /** The assignment of the last round (complete and epsilon-slack when {@link #finished}). */
    int[] columnOfRow() {
        return columnOfRow.clone();
    }

    /**
     * One round at the current epsilon, Gauss-Seidel style (each bid sees the prices of all earlier
     * ones), with free rows in a first-in first-out ring; false if the budget ran out.
     */
    private boolean round() {
        Arrays.fill(columnOfRow, -1);
        Arrays.fill(rowOfColumn, -1);
        for (int i = 0; i < n; i++) {
            queue[i] = i;
        }
        int head = 0;
        int freeCount = n;
        while (freeCount > 0) {
            if (bidsLeft-- == 0) {
                return false;
            }
            int row = queue[head];
            head = head + 1 == n ? 0 : head + 1;
            freeCount--;
            int evicted = bid(row);
            if (evicted >= 0) {
                int tail = head + freeCount;
                queue[tail < n ? tail : tail - n] = evicted;
                freeCount++;
            }
        }
        return true;
    }

    /** Row {@code row} bids for its best column; returns the row it evicted, or -1. */
    private int bid(int row) {
        scanner.scan(row);
        int column = scanner.bestColumn;
        price[column] -= scanner.second - scanner.best + epsilon;

        int evicted = rowOfColumn[column];
        rowOfColumn[column] = row;
        columnOfRow[row] = column;
        if (evicted >= 0) {
            columnOfRow[evicted] = -1;
        }
        return evicted;
    }
}
