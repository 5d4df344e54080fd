package org.grl4j.models.metrics;

import java.util.Arrays;

/**
 * The least reduced cost r(i, j) = c(i, j) - v_j of a row and its column, with a lower bound on the
 * rest of the row, for prices v that only ever decrease (as they do in the auction, in augmenting
 * row reduction and in the augmentations of {@link LinearAssignment}).
 *
 * <p>A full scan reads the whole row ({@link CostMatrix#row}) and returns the two least reduced
 * costs. It also keeps, when there are at most {@link #CANDIDATES} of them, the columns j whose
 * reduced cost is below a limit L_i (the second least plus a per-row width), with their costs c(i,
 * j), and records b_i = L_i: every other column had r(i, j) >= b_i then, and still has, because
 * lowering prices only raises reduced costs. A later scan of the row evaluates only the kept
 * columns, from the stored costs and the current prices. If their least value is at most b_i, it is
 * the least of the whole row, and the second least of the whole row is at least min(next kept
 * value, b_i), which is what the scan then reports as {@link #second} (with {@link #secondColumn} =
 * -1 when it is the bound). Otherwise the row is read in full again. A bid or a reduction step that
 * uses this lower value of the second least lowers a price by less, never by more, than a full scan
 * would: the row still ends exactly at (row reduction) or within epsilon of (auction) its least
 * reduced cost.
 *
 * <p>The width starts at spread * K / n (the band holding K columns if reduced costs were spread
 * evenly) and adapts per row: it doubles when fewer than K / 2 columns fell below the limit and
 * shrinks fourfold when more than K did (then nothing is kept for that scan).
 */
final class RowScanner {

    /** Most columns kept per row (K). */
    static final int CANDIDATES = 32;

    private final CostMatrix costs;
    private final int n;
    private final double[] price;
    private final double[] rowCosts;
    private final boolean keeping;
    private final int[] candidates;
    private final double[] candidateCosts;
    private final int[] candidateCount;
    private final double[] bound;
    private final double[] width;
    private long shortScans;

    /** Column of the least reduced cost of the last scanned row. */
    int bestColumn;

    /** The least reduced cost of the last scanned row. */
    double best;

    /** Column of the second least reduced cost, or -1 when {@link #second} is a bound. */
    int secondColumn;

    /** The second least reduced cost, or a lower bound on it (see the class comment). */
    double second;

    /**
     * A scanner of {@code costs} at prices {@code price} (read, never written), using {@code
     * rowCosts} (n entries) as its row buffer; {@code spread} is the largest minus the least cost.
     */
    RowScanner(CostMatrix costs, double[] price, double[] rowCosts, double spread) {
        this.costs = costs;
        this.n = costs.size();
        this.price = price;
        this.rowCosts = rowCosts;
        this.keeping = n > 2 * CANDIDATES;
        int kept = keeping ? Math.multiplyExact(n, CANDIDATES) : 0;
        this.candidates = new int[kept];
        this.candidateCosts = new double[kept];
        this.candidateCount = new int[n];
        this.bound = new double[n];
        this.width = new double[n];
        double startWidth = spread * CANDIDATES / n;
        Arrays.fill(width, Double.isFinite(startWidth) ? startWidth : 0);
    }

    /** Sets {@link #bestColumn}, {@link #best}, {@link #secondColumn} and {@link #second}. */
    void scan(int row) {
        if (candidateCount[row] > 0 && scanKept(row)) {
            shortScans++;
            return;
        }
        scanFull(row);
        if (keeping) {
            keepCandidates(row);
        }
    }

    /** How many scans were answered from the kept columns alone. */
    long shortScans() {
        return shortScans;
    }

    private boolean scanKept(int row) {
        double least = Double.POSITIVE_INFINITY;
        double next = Double.POSITIVE_INFINITY;
        int leastColumn = -1;
        int nextColumn = -1;
        int base = row * CANDIDATES;
        int count = candidateCount[row];
        for (int q = base; q < base + count; q++) {
            int j = candidates[q];
            double reduced = candidateCosts[q] - price[j];
            if (reduced < next) {
                if (reduced < least) {
                    next = least;
                    nextColumn = leastColumn;
                    least = reduced;
                    leastColumn = j;
                } else {
                    next = reduced;
                    nextColumn = j;
                }
            }
        }

        double limit = bound[row];
        if (least > limit) {
            return false;
        }
        bestColumn = leastColumn;
        best = least;
        boolean nextIsKnown = next <= limit;
        secondColumn = nextIsKnown ? nextColumn : -1;
        second = nextIsKnown ? next : limit;
        return true;
    }

    private void scanFull(int row) {
        costs.row(row, rowCosts);
        double least = Double.POSITIVE_INFINITY;
        double next = Double.POSITIVE_INFINITY;
        int leastColumn = -1;
        int nextColumn = -1;
        for (int j = 0; j < n; j++) {
            double reduced = rowCosts[j] - price[j];
            if (reduced < next) {
                if (reduced < least) {
                    next = least;
                    nextColumn = leastColumn;
                    least = reduced;
                    leastColumn = j;
                } else {
                    next = reduced;
                    nextColumn = j;
                }
            }
        }
        bestColumn = leastColumn;
        best = least;
        secondColumn = nextColumn;
        second = next;
    }

    /** Keeps the columns below second + width, if there are at most K, after a full scan. */
    private void keepCandidates(int row) {
        candidateCount[row] = 0;
        double limit = second + width[row];
        int base = row * CANDIDATES;
        int count = 0;
        for (int j = 0; j < n; j++) {
            if (rowCosts[j] - price[j] < limit) {
                if (count == CANDIDATES) {
                    width[row] *= 0.25;
                    return;
                }
                candidates[base + count] = j;
                candidateCosts[base + count] = rowCosts[j];
                count++;
            }
        }
        candidateCount[row] = count;
        bound[row] = limit;
        if (count < CANDIDATES / 2) {
            width[row] *= 2;
        }
    }
}
