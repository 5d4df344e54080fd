package org.grl4j.models.metrics;

import java.util.Arrays;

/**
 * Column prices for {@link LinearAssignment} from the forward auction of Bertsekas (Annals of
 * Operations Research 14, 1988) with epsilon scaling.
 *
 * <p>In cost form, with reduced costs r(i, j) = c(i, j) - v_j: a free row i finds its least reduced
 * cost r(i, j1) and its second least r(i, j2), takes column j1 (evicting the owner, which becomes
 * free) and lowers its price to v_j1 - (r(i, j2) - r(i, j1) + epsilon), so that i now pays exactly
 * epsilon more at j1 than at its best alternative. Each round starts with every row free and ends
 * when all are assigned; the assignment then satisfies epsilon-complementary slackness, r(i, s(i))
 * <= min_j r(i, j) + epsilon, so it costs at most n epsilon more than the optimum. The first round
 * uses epsilon = (cost spread) / {@link #SCALE_FACTOR}, each next round divides it by {@link
 * #SCALE_FACTOR}, and the last uses {@link #FINAL_FRACTION} times the spread; prices carry over
 * from round to round and only ever decrease.
 *
 * <p>Only the prices are kept: the exact solver starts from them and restores exact optimality. Any
 * prices are a valid start for it, so this phase is a warm start whose quality decides only the
 * speed, and it stops early (keeping the prices reached) if a bid budget runs out, which bounds its
 * time on adversarial or badly scaled costs.
 */
final class AuctionPrices {

    /** Factor between consecutive epsilons; 4-8 do equally well on 2-D point sets. */
    static final double SCALE_FACTOR = 8;

    /**
     * Last epsilon over the cost spread. Smaller costs more bids and leaves fewer rows for the
     * exact augmentation; 1e-4 was fastest at n = 512 on point sets (see docs/performance.md).
     */
    static final double FINAL_FRACTION = 1e-4;

    /**
     * The smallest epsilon over the largest cost magnitude: below about 2^-40 a price decrease of
     * epsilon could be lost to rounding, and a bid would not change the prices.
     */
    static final double RELATIVE_FLOOR = 0x1p-40;

    /** Bids allowed per row over all rounds; the point sets measured needed 30-60. */
    static final int BID_BUDGET_PER_ROW = 400;

    private final CostMatrix costs;
    private final int n;
    private final double[] price;
    private final double[] rowCosts;
    private final int[] columnOfRow;
    private final int[] rowOfColumn;
    private final int[] queue;
    private long bidsLeft;
    private double epsilon;

    /**
     * An auction over {@code costs} that lowers {@code price} in place; {@code rowCosts} is a
     * buffer of n entries.
     */
    AuctionPrices(CostMatrix costs, double[] price, double[] rowCosts) {
        this.costs = costs;
        this.n = costs.size();
        this.price = price;
        this.rowCosts = rowCosts;
        this.columnOfRow = new int[n];
        this.rowOfColumn = new int[n];
        this.queue = new int[n];
        this.bidsLeft = (long) BID_BUDGET_PER_ROW * n;
    }

    /**
     * Runs the scaled rounds for costs whose largest minus smallest entry is {@code spread} and
     * whose largest magnitude is {@code magnitude}; returns false, leaving the prices as they are,
     * when there is nothing to scale (n < 2, no spread, or a spread that overflowed).
     */
    boolean run(double spread, double magnitude) {
        if (n < 2 || !(spread > 0) || !Double.isFinite(spread + magnitude)) {
            return false;
        }
        double last = Math.max(spread * FINAL_FRACTION, magnitude * RELATIVE_FLOOR);
        epsilon = Math.max(spread / SCALE_FACTOR, last);
        while (round()) {
            if (epsilon <= last) {
                break;
            }
            epsilon = Math.max(epsilon / SCALE_FACTOR, last);
        }
        return true;
    }

    /** The epsilon of the last round. */
    double epsilon() {
        return epsilon;
    }

    /**
     * The assignment of the last round: complete and epsilon-complementary-slack when that round
     * finished within the budget.
     */
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
        costs.row(row, rowCosts);
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int bestColumn = -1;
        for (int j = 0; j < n; j++) {
            double reduced = rowCosts[j] - price[j];
            if (reduced < second) {
                if (reduced < best) {
                    second = best;
                    best = reduced;
                    bestColumn = j;
                } else {
                    second = reduced;
                }
            }
        }

        price[bestColumn] -= second - best + epsilon;
        int evicted = rowOfColumn[bestColumn];
        rowOfColumn[bestColumn] = row;
        columnOfRow[row] = bestColumn;
        if (evicted >= 0) {
            columnOfRow[evicted] = -1;
        }
        return evicted;
    }
}
