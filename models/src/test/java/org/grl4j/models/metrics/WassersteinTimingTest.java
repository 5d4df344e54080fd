package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact W2 at the sizes evaluation uses, between two independent swiss-roll samples: prints the
 * wall and CPU time of the solve and checks the result is a permutation whose potentials are dual
 * feasible (so it is optimal). A measurement, not a timed assertion; skipped by default. Run with
 * {@code ./mvnw -B -pl models test -Dtest=WassersteinTimingTest -DexcludedGroups=none}.
 */
@Tag("slow")
class WassersteinTimingTest {

    @ParameterizedTest
    @ValueSource(ints = {2_000, 10_000})
    void exactW2BetweenTwoSwissRollSamples(int n) {
        PointSet a = Datasets.swissRoll(n, 1);
        PointSet b = Datasets.swissRoll(n, 2);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        Assignment plan = Wasserstein.optimalAssignment(a, b);
        double seconds = (System.nanoTime() - wall) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;

        System.out.printf(
                "exact W2, swiss roll, n = %d: W2 = %.6f, wall %.1f s, cpu %.1f s%n",
                n, Math.sqrt(plan.totalCost() / n), seconds, cpuSeconds);
        assertOptimal(a, b, plan);
    }

    @Test
    void exactW2BetweenTwoStandardNormalSamples() {
        int n = 10_000;
        PointSet a = Datasets.standardNormal(n, 2, 3);
        PointSet b = Datasets.standardNormal(n, 2, 4);

        long wall = System.nanoTime();
        Assignment plan = Wasserstein.optimalAssignment(a, b);

        System.out.printf(
                "exact W2, standard normal, n = %d: W2 = %.6f, wall %.1f s%n",
                n, Math.sqrt(plan.totalCost() / n), (System.nanoTime() - wall) / 1e9);
        assertOptimal(a, b, plan);
    }

    /** Permutation, tight on assigned pairs, u_i + v_j <= c(i, j) everywhere (1e-9 slack). */
    private static void assertOptimal(PointSet a, PointSet b, Assignment plan) {
        int n = a.size();
        int[] sorted = plan.permutation();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertTrue(sorted[i] == i, "not a permutation");
        }
        double[] u = plan.rowPotentials();
        double[] v = plan.columnPotentials();
        CostMatrix cost = CostMatrix.squaredEuclidean(a, b);
        double[] row = new double[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            cost.row(i, row);
            for (int j = 0; j < n; j++) {
                worst = Math.max(worst, u[i] + v[j] - row[j]);
            }
        }
        assertTrue(worst <= 1e-9, "dual infeasibility " + worst);
    }
}
