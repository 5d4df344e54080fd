package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
import org.junit.jupiter.api.Test;

class AuctionPricesTest {

    /** The column minima, as the solver starts; returns {least cost, largest cost}. */
    private static double[] startPrices(CostMatrix costs, double[] price) {
        int n = costs.size();
        double largest = Double.NEGATIVE_INFINITY;
        double least = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            price[j] = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                price[j] = Math.min(price[j], costs.cost(i, j));
                largest = Math.max(largest, costs.cost(i, j));
            }
            least = Math.min(least, price[j]);
        }
        return new double[] {least, largest};
    }

    private static AuctionPrices auction(CostMatrix costs, double[] price, int bidsPerRow) {
        double[] range = startPrices(costs, price);
        double spread = range[1] - range[0];
        RowScanner scanner = new RowScanner(costs, price, new double[costs.size()], spread);
        AuctionPrices auction = new AuctionPrices(price, scanner, bidsPerRow);
        auction.run(spread, Math.max(Math.abs(range[0]), Math.abs(range[1])));
        return auction;
    }

    /**
     * The last round's assignment satisfies epsilon-complementary slackness, so it costs at most n
     * epsilon more than the optimum (from the independent Hungarian solver).
     */
    @Test
    void lastRoundIsEpsilonSlackAndWithinNEpsilonOfTheOptimum() {
        int n = 300;
        PointSet from = Datasets.standardNormal(n, 2, 21);
        PointSet to = Datasets.eightGaussians(n, 22, 5, 1);
        CostMatrix costs = CostMatrix.squaredEuclidean(from, to);
        double[] price = new double[n];

        AuctionPrices auction = auction(costs, price, AuctionPrices.BID_BUDGET_PER_ROW);

        assertTrue(auction.finished());
        int[] columnOfRow = auction.columnOfRow();
        LinearAssignmentTest.assertPermutation(columnOfRow);
        double epsilon = auction.epsilon();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double least = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                least = Math.min(least, costs.cost(i, j) - price[j]);
            }
            int j = columnOfRow[i];
            // Reduced costs near 100 carry rounding of about 1e-14.
            assertTrue(costs.cost(i, j) - price[j] <= least + epsilon + 1e-12, "row " + i);
            total += costs.cost(i, j);
        }
        double optimum = LinearAssignmentTest.hungarianMinimum(dense(costs));
        assertTrue(total >= optimum - 1e-9, "below the optimum: " + total + " < " + optimum);
        assertTrue(total <= optimum + n * epsilon + 1e-9, total + " > " + optimum + " + n eps");
    }

    @Test
    void stopsWhenTheBidBudgetRunsOut() {
        int n = 200;
        CostMatrix costs =
                CostMatrix.squaredEuclidean(
                        Datasets.standardNormal(n, 2, 23), Datasets.moons(n, 24));

        AuctionPrices auction = auction(costs, new double[n], 1);

        assertFalse(auction.finished());
    }

    @Test
    void leavesPricesAloneWithoutASpreadOrWithOneRow() {
        double[] price = {2, 2, 2};
        double[] onePrice = {5};
        RowScanner flatScanner =
                new RowScanner(CostMatrix.of(new double[3][3]), price, new double[3], 0);
        RowScanner singleScanner =
                new RowScanner(CostMatrix.of(new double[][] {{5}}), onePrice, new double[1], 0);

        boolean flat = new AuctionPrices(price, flatScanner, 100).run(0, 2);
        boolean single = new AuctionPrices(onePrice, singleScanner, 100).run(1, 5);
        boolean overflowed =
                new AuctionPrices(price, flatScanner, 100).run(Double.POSITIVE_INFINITY, 1);

        assertFalse(flat);
        assertFalse(single);
        assertFalse(overflowed);
        assertArrayEquals(new double[] {2, 2, 2}, price);
        assertEquals(5, onePrice[0]);
    }

    static double[][] dense(CostMatrix costs) {
        int n = costs.size();
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            costs.row(i, out[i]);
        }
        return out;
    }
}
