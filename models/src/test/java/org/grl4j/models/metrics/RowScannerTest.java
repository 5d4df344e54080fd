package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.models.SeededRandom;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
import org.junit.jupiter.api.Test;

class RowScannerTest {

    /** The least and second least of c(row, j) - v_j over the whole row, by brute force. */
    private static double[] twoLeast(CostMatrix costs, double[] price, int row) {
        double least = Double.POSITIVE_INFINITY;
        double next = Double.POSITIVE_INFINITY;
        for (int j = 0; j < costs.size(); j++) {
            double reduced = costs.cost(row, j) - price[j];
            if (reduced < least) {
                next = least;
                least = reduced;
            } else if (reduced < next) {
                next = reduced;
            }
        }
        return new double[] {least, next};
    }

    private static double[] columnMinima(CostMatrix costs) {
        int n = costs.size();
        double[] price = new double[n];
        for (int j = 0; j < n; j++) {
            price[j] = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                price[j] = Math.min(price[j], costs.cost(i, j));
            }
        }
        return price;
    }

    /**
     * Prices are lowered as bids do (the scanned row's best column, by a random step) and at random
     * columns; every answer must still be the exact least of the whole row, and the second least
     * either exact (with its column) or a lower bound on it that is not below the least.
     */
    @Test
    void keptColumnsGiveTheLeastOfTheWholeRowWhilePricesOnlyDecrease() {
        SeededRandom random = new SeededRandom(17);
        int n = 300;
        PointSet from = Datasets.standardNormal(n, 2, 5);
        PointSet to = Datasets.moons(n, 6);
        CostMatrix costs = CostMatrix.squaredEuclidean(from, to);
        double[] price = columnMinima(costs);
        RowScanner scanner = new RowScanner(costs, price, new double[n], 20);
        int scans = 20_000;

        for (int step = 0; step < scans; step++) {
            int row = (int) random.uniform(0, n);
            scanner.scan(row);
            double[] exact = twoLeast(costs, price, row);

            assertEquals(exact[0], scanner.best, 0);
            assertEquals(exact[0], costs.cost(row, scanner.bestColumn) - price[scanner.bestColumn]);
            if (scanner.secondColumn >= 0) {
                assertNotEquals(scanner.bestColumn, scanner.secondColumn);
                assertEquals(exact[1], scanner.second, 0);
                int j = scanner.secondColumn;
                assertEquals(exact[1], costs.cost(row, j) - price[j], 0);
            } else {
                assertTrue(scanner.second <= exact[1], "bound above the second least");
                assertTrue(scanner.second >= exact[0], "bound below the least");
            }
            price[scanner.bestColumn] -= random.uniform(0, 0.05);
            price[(int) random.uniform(0, n)] -= random.uniform(0, 0.05);
        }
        assertTrue(
                scanner.shortScans() > scans / 2,
                "kept columns answered only " + scanner.shortScans() + " of " + scans);
    }

    @Test
    void smallRowsAreAlwaysReadInFull() {
        SeededRandom random = new SeededRandom(18);
        int n = 2 * RowScanner.CANDIDATES;
        double[][] values = new double[n][n];
        for (double[] row : values) {
            for (int j = 0; j < n; j++) {
                row[j] = random.uniform(0, 1);
            }
        }
        CostMatrix costs = CostMatrix.of(values);
        double[] price = new double[n];
        RowScanner scanner = new RowScanner(costs, price, new double[n], 1);

        for (int step = 0; step < 500; step++) {
            int row = step % n;
            scanner.scan(row);
            double[] exact = twoLeast(costs, price, row);

            assertEquals(exact[0], scanner.best, 0);
            assertEquals(exact[1], scanner.second, 0);
            price[scanner.bestColumn] -= random.uniform(0, 0.1);
        }
        assertEquals(0, scanner.shortScans());
    }
}
