package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.grl4j.models.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearAssignmentTest {

    /** Minimum over all n! permutations, by Heap's algorithm. */
    static double bruteForceMinimum(double[][] cost) {
        int n = cost.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double best = costOf(cost, perm);
        int[] c = new int[n];
        int i = 0;
        while (i < n) {
            if (c[i] < i) {
                int swap = i % 2 == 0 ? 0 : c[i];
                int t = perm[swap];
                perm[swap] = perm[i];
                perm[i] = t;
                best = Math.min(best, costOf(cost, perm));
                c[i]++;
                i = 0;
            } else {
                c[i] = 0;
                i++;
            }
        }
        return best;
    }

    static double costOf(double[][] cost, int[] columnOfRow) {
        double total = 0;
        for (int i = 0; i < cost.length; i++) {
            total += cost[i][columnOfRow[i]];
        }
        return total;
    }

    static void assertPermutation(int[] columnOfRow) {
        int[] sorted = columnOfRow.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "not a permutation: " + Arrays.toString(columnOfRow));
        }
    }

    private static double[][] randomCosts(SeededRandom random, int n, boolean integer) {
        double[][] cost = new double[n][n];
        for (double[] row : cost) {
            for (int j = 0; j < n; j++) {
                row[j] = integer ? Math.floor(random.uniform(0, 4)) : random.uniform(-1, 10);
            }
        }
        return cost;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void matchesBruteForceOnRandomMatricesUpToEight(long seed) {
        SeededRandom random = new SeededRandom(seed);
        for (int n = 1; n <= 8; n++) {
            for (boolean integer : new boolean[] {false, true}) {
                double[][] cost = randomCosts(random, n, integer);

                Assignment assignment = LinearAssignment.solve(cost);

                assertPermutation(assignment.permutation());
                assertEquals(costOf(cost, assignment.permutation()), assignment.totalCost(), 0);
                assertEquals(bruteForceMinimum(cost), assignment.totalCost(), 1e-12);
            }
        }
    }

    /**
     * Beyond brute force, an independent O(n^3) Hungarian method with potentials is the oracle;
     * integer costs in {0..3} make many ties and degenerate steps.
     */
    @ParameterizedTest
    @ValueSource(ints = {20, 57, 150})
    void matchesAnIndependentHungarianSolverOnLargerMatrices(int n) {
        SeededRandom random = new SeededRandom(n);
        for (boolean integer : new boolean[] {false, true}) {
            double[][] cost = randomCosts(random, n, integer);

            Assignment assignment = LinearAssignment.solve(cost);

            assertPermutation(assignment.permutation());
            assertEquals(hungarianMinimum(cost), assignment.totalCost(), 1e-9);
        }
    }

    /** Kuhn-Munkres with row and column potentials, one row added per phase. */
    private static double hungarianMinimum(double[][] a) {
        int n = a.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                int j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        double total = 0;
        for (int j = 1; j <= n; j++) {
            total += a[p[j] - 1][j - 1];
        }
        return total;
    }

    @Test
    void solvesAHandWorkedExample() {
        // The six permutations cost 23, 27, 23, 24, 18 and 15: the unique optimum is 0->2, 1->1,
        // 2->0 (3 + 5 + 7), which no row's or column's cheapest entry alone points to.
        double[][] cost = {{9, 8, 3}, {6, 5, 9}, {7, 9, 9}};

        Assignment assignment = LinearAssignment.solve(cost);

        assertEquals(15.0, assignment.totalCost());
        assertEquals(2, assignment.columnOf(0));
        assertEquals(1, assignment.columnOf(1));
        assertEquals(0, assignment.columnOf(2));
        assertEquals(1, assignment.inverse()[1]);
    }

    @Test
    void handlesTheEmptyAndOneByOneProblems() {
        assertEquals(0, LinearAssignment.solve(new double[0][0]).size());
        assertEquals(4.0, LinearAssignment.solve(new double[][] {{4}}).totalCost());
    }

    @Test
    void rejectsNonSquareAndNonFiniteCosts() {
        IllegalArgumentException ragged =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LinearAssignment.solve(new double[][] {{1, 2}, {3}}));
        IllegalArgumentException infinite =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LinearAssignment.solve(
                                        new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 0}}));

        assertTrue(ragged.getMessage().contains("cost row 1 has 1 entries but there are 2 rows"));
        assertTrue(infinite.getMessage().contains("cost[1][0] is Infinity"));
    }
}
