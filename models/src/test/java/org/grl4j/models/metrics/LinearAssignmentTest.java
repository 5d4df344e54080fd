package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.grl4j.models.SeededRandom;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
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
    static double hungarianMinimum(double[][] a) {
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

    /**
     * Checks the dual certificate: u_i + v_j <= c(i, j) + tolerance for all pairs, equality on the
     * assigned pairs, and sum u + sum v = total cost; returns the largest violation.
     */
    static double assertCertified(CostMatrix costs, Assignment assignment, double tolerance) {
        int n = costs.size();
        double[] u = assignment.rowPotentials();
        double[] v = assignment.columnPotentials();
        double[] row = new double[n];
        double worst = 0;
        double dual = 0;
        for (int i = 0; i < n; i++) {
            costs.row(i, row);
            dual += u[i] + v[i];
            assertEquals(row[assignment.columnOf(i)], u[i] + v[assignment.columnOf(i)], tolerance);
            for (int j = 0; j < n; j++) {
                worst = Math.max(worst, u[i] + v[j] - row[j]);
            }
        }
        assertTrue(worst <= tolerance, "dual infeasible by " + worst);
        assertEquals(assignment.totalCost(), dual, tolerance * n);
        return worst;
    }

    private static double[][] dense(CostMatrix costs) {
        return AuctionPricesTest.dense(costs);
    }

    /**
     * The OT-CFM pairing size: N(0, I) sources against the three training targets. Costs reach
     * about 100, so 1e-12 allows a few ulps per entry; the optimum from the independent Hungarian
     * solver agrees to 1e-9 (its own rounding over 512 additions).
     */
    @ParameterizedTest
    @ValueSource(strings = {"moons", "8gaussians", "scurve"})
    void pairsTrainingBatchesOptimally(String target) {
        int n = 512;
        PointSet source = Datasets.standardNormal(n, 2, 31);
        PointSet data =
                target.equals("8gaussians")
                        ? Datasets.eightGaussians(n, 32, 5, 1)
                        : Datasets.byName(target, n, 32);
        CostMatrix costs = CostMatrix.squaredEuclidean(source, data);

        Assignment assignment = LinearAssignment.solve(costs);

        assertPermutation(assignment.permutation());
        assertEquals(hungarianMinimum(dense(costs)), assignment.totalCost(), 1e-9);
        assertCertified(costs, assignment, 1e-12);
    }

    /**
     * The auction only supplies starting prices: without it (budget 0), cut short (1 or 5 bids per
     * row) or complete, the result is the same optimum.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 400})
    void isOptimalForAnyAuctionBudget(int bidsPerRow) {
        SeededRandom random = new SeededRandom(41);
        int n = 150;
        CostMatrix geometric =
                CostMatrix.squaredEuclidean(
                        Datasets.standardNormal(n, 2, 42), Datasets.moons(n, 43));
        double[][] integer = randomCosts(random, n, true);

        Assignment fromPoints = LinearAssignment.solve(geometric, bidsPerRow);
        Assignment fromIntegers = LinearAssignment.solve(CostMatrix.of(integer), bidsPerRow);

        assertEquals(hungarianMinimum(dense(geometric)), fromPoints.totalCost(), 1e-9);
        assertCertified(geometric, fromPoints, 1e-12);
        assertEquals(hungarianMinimum(integer), fromIntegers.totalCost(), 0);
        assertCertified(CostMatrix.of(integer), fromIntegers, 0);
    }

    /**
     * Duplicated points make whole blocks of equal costs (each of 5 locations repeated 60 times on
     * both sides, jittered on one side only in the second case): every tie-breaking path of the
     * auction, the row reduction and the search must still end at the optimum.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 1e-9})
    void handlesDuplicatedPoints(double jitter) {
        SeededRandom random = new SeededRandom(51);
        int n = 300;
        double[][] sites = {{0, 0}, {1, 0}, {0, 2}, {-3, 1}, {2, 2}};
        double[] a = new double[2 * n];
        double[] b = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double[] site = sites[i % sites.length];
            double[] other = sites[(i * 3 + 1) % sites.length];
            a[2 * i] = site[0];
            a[2 * i + 1] = site[1];
            b[2 * i] = other[0] + jitter * random.gaussian();
            b[2 * i + 1] = other[1] + jitter * random.gaussian();
        }
        CostMatrix costs = CostMatrix.squaredEuclidean(PointSet.of(n, 2, a), PointSet.of(n, 2, b));

        Assignment assignment = LinearAssignment.solve(costs);

        assertPermutation(assignment.permutation());
        assertEquals(hungarianMinimum(dense(costs)), assignment.totalCost(), 1e-9);
        assertCertified(costs, assignment, 1e-12);
    }

    @Test
    void equalCostsAndIdenticalPointSetsAreSolvedExactly() {
        int n = 200;
        double[][] equal = new double[n][n];
        for (double[] row : equal) {
            Arrays.fill(row, 3.5);
        }
        PointSet points = Datasets.moons(n, 61);

        Assignment flat = LinearAssignment.solve(equal);
        Assignment identical = Wasserstein.optimalAssignment(points, points);

        assertPermutation(flat.permutation());
        assertEquals(3.5 * n, flat.totalCost(), 0);
        assertCertified(CostMatrix.of(equal), flat, 0);
        assertEquals(0.0, identical.totalCost(), 0);
    }

    /** n = 1, 2, 3 point sets, including coincident points, against all permutations. */
    @Test
    void tinyPointSetsMatchBruteForce() {
        SeededRandom random = new SeededRandom(71);
        for (int n = 1; n <= 3; n++) {
            for (int trial = 0; trial < 50; trial++) {
                double[] a = random.gaussians(2 * n);
                double[] b = trial % 5 == 0 ? a.clone() : random.gaussians(2 * n);
                if (trial % 7 == 0 && n > 1) {
                    b[2] = b[0];
                    b[3] = b[1];
                }
                CostMatrix costs =
                        CostMatrix.squaredEuclidean(PointSet.of(n, 2, a), PointSet.of(n, 2, b));
                double[][] matrix = dense(costs);

                Assignment assignment = LinearAssignment.solve(costs);

                assertEquals(bruteForceMinimum(matrix), assignment.totalCost(), 1e-12);
                assertEquals(costOf(matrix, assignment.permutation()), assignment.totalCost(), 0);
            }
        }
    }

    /**
     * Costs spanning 18 decades (1e-6 to 1e12, log-uniform): the auction's epsilon floor and the
     * relative sizes must not lose the optimum. Relative tolerance 1e-13: the sums of n terms up to
     * 1e12 carry rounding of about n * 1e12 * 1e-16.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 90})
    void handlesCostsSpanningManyDecades(int n) {
        SeededRandom random = new SeededRandom(81 + n);
        double[][] cost = new double[n][n];
        for (double[] row : cost) {
            for (int j = 0; j < n; j++) {
                row[j] = Math.pow(10, random.uniform(-6, 12));
            }
        }

        Assignment assignment = LinearAssignment.solve(cost);

        double optimum = n <= 8 ? bruteForceMinimum(cost) : hungarianMinimum(cost);
        assertPermutation(assignment.permutation());
        assertEquals(optimum, assignment.totalCost(), 1e-13 * optimum);
    }
}
