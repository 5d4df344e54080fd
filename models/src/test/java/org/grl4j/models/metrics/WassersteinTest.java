package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.models.SeededRandom;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WassersteinTest {

    private static PointSet gaussianCloud(SeededRandom random, int n, int d) {
        return PointSet.of(n, d, random.gaussians(n * d));
    }

    private static double[][] squaredDistances(PointSet a, PointSet b) {
        double[][] cost = new double[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                for (int k = 0; k < a.dimension(); k++) {
                    double diff = a.get(i, k) - b.get(j, k);
                    cost[i][j] += diff * diff;
                }
            }
        }
        return cost;
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void exactW2EqualsBruteForceOverAllPermutations(long seed) {
        SeededRandom random = new SeededRandom(seed);
        for (int n = 1; n <= 8; n++) {
            int d = 1 + n % 3;
            PointSet a = gaussianCloud(random, n, d);
            PointSet b = gaussianCloud(random, n, d);
            double[][] cost = squaredDistances(a, b);

            double bruteForce = LinearAssignmentTest.bruteForceMinimum(cost);
            Assignment plan = Wasserstein.optimalAssignment(a, b);

            assertEquals(bruteForce, plan.totalCost(), 1e-12);
            assertEquals(
                    LinearAssignmentTest.costOf(cost, plan.permutation()), plan.totalCost(), 1e-12);
            assertEquals(Math.sqrt(bruteForce / n), Wasserstein.distance(a, b), 1e-12);
        }
    }

    /**
     * For b = a + c the cost of any permutation s is sum ||a_i - a_s(i)||^2 + n |c|^2 (the cross
     * term sums to zero), so the identity is optimal and W2 = |c| exactly.
     */
    @Test
    void shiftedCloudIsAtDistanceOfTheShift() {
        PointSet a = Datasets.swissRoll(1500, 21);
        double[] shift = {0.3, -0.4};
        double[] moved = a.toArray();
        for (int k = 0; k < moved.length; k++) {
            moved[k] += shift[k % 2];
        }
        PointSet b = PointSet.of(a.size(), 2, moved);

        Assignment plan = Wasserstein.optimalAssignment(a, b);

        assertEquals(0.5, Wasserstein.distance(a, b), 1e-12);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i, plan.columnOf(i));
        }
    }

    /**
     * Linear-programming duality certifies optimality at sizes brute force cannot reach: if u_i +
     * v_j <= c(i, j) for all pairs and the assigned pairs are tight, no permutation costs less.
     */
    @Test
    void potentialsCertifyTheAssignmentBetweenTwoSwissRollSamples() {
        PointSet a = Datasets.swissRoll(1200, 41);
        PointSet b = Datasets.swissRoll(1200, 42);

        Assignment plan = Wasserstein.optimalAssignment(a, b);
        double[] u = plan.rowPotentials();
        double[] v = plan.columnPotentials();
        double[][] cost = squaredDistances(a, b);

        double dualValue = 0;
        for (int i = 0; i < a.size(); i++) {
            dualValue += u[i] + v[i];
            assertEquals(cost[i][plan.columnOf(i)], u[i] + v[plan.columnOf(i)], 1e-12);
            for (int j = 0; j < b.size(); j++) {
                assertTrue(u[i] + v[j] <= cost[i][j] + 1e-12, "dual infeasible at " + i + "," + j);
            }
        }
        assertEquals(plan.totalCost(), dualValue, 1e-9);
    }

    @Test
    void distanceIsSymmetricAndZeroOnlyForTheSameSet() {
        PointSet a = Datasets.moons(300, 1);
        PointSet b = Datasets.moons(300, 2);

        assertEquals(0.0, Wasserstein.distance(a, a));
        assertEquals(Wasserstein.distance(a, b), Wasserstein.distance(b, a), 1e-12);
        assertTrue(Wasserstein.distance(a, b) > 0.01);
    }

    @Test
    void rejectsPointSetsOfDifferentSizes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Wasserstein.distance(Datasets.moons(10, 1), Datasets.moons(11, 1)));
        assertTrue(e.getMessage().contains("got 10 x 2 and 11 x 2"), e.getMessage());
    }

    @Test
    void oneDimensionalW2OfUnequalSizesFollowsTheQuantileFunctions() {
        // F_a^-1 is 0 on (0, 1/2] and 1 on (1/2, 1); F_b^-1 is 0, 3, 6 on thirds. The integral of
        // the squared difference: 1/3 * 0 + 1/6 * 9 + 1/6 * 4 + 1/3 * 25 = 63/6.
        double w = Wasserstein.oneDimensional(new double[] {1, 0}, new double[] {6, 0, 3});

        assertEquals(Math.sqrt(63.0 / 6), w, 1e-14);
    }

    @Test
    void slicedW2InOneDimensionIsTheExactW2() {
        SeededRandom random = new SeededRandom(31);
        PointSet a = gaussianCloud(random, 200, 1);
        PointSet b = gaussianCloud(random, 200, 1);

        assertEquals(Wasserstein.distance(a, b), Wasserstein.sliced(a, b, 3, 7), 1e-12);
    }

    /**
     * A shift by c moves every projection by theta . c without reordering it, so SW2^2 is exactly
     * the mean of (theta . c)^2 over the drawn directions, and its expectation |c|^2 / d. With 4000
     * directions in 3-D, (theta . c)^2 / |c|^2 has standard deviation 0.30 (for a uniform
     * direction), so the mean has standard error 0.0047: 0.03 is over 6 of them.
     */
    @Test
    void slicedW2OfAShiftedCloudMatchesTheProjectedShift() {
        SeededRandom random = new SeededRandom(32);
        PointSet a = gaussianCloud(random, 400, 3);
        double[] c = {1.0, -2.0, 0.5};
        double[] moved = a.toArray();
        for (int k = 0; k < moved.length; k++) {
            moved[k] += c[k % 3];
        }
        PointSet b = PointSet.of(400, 3, moved);
        int projections = 4000;

        double sliced = Wasserstein.sliced(a, b, projections, 99);

        double expected = 0;
        for (double[] theta : Wasserstein.directions(projections, 3, 99)) {
            double dot = theta[0] * c[0] + theta[1] * c[1] + theta[2] * c[2];
            expected += dot * dot / projections;
        }
        double squaredShift = 1 + 4 + 0.25;
        assertEquals(expected, sliced * sliced, 1e-9);
        assertEquals(1.0 / 3, sliced * sliced / squaredShift, 0.03);
    }
}
