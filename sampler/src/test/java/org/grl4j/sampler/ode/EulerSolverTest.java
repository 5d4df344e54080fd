package org.grl4j.sampler.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EulerSolverTest {

    @Test
    void evaluatesTheLeftEndOfEachStepAndNeverTheEndTime() {
        SolverTestFields.Exponential field = new SolverTestFields.Exponential(-1, 1);

        Solution solution = new EulerSolver(4).solve(field, 1, new double[] {1}, 1.0, 0.0);

        assertEquals(List.of(1.0, 0.75, 0.5, 0.25), field.times);
        assertEquals(4, solution.evaluations());
        assertEquals(4, solution.steps());
    }

    @Test
    void reproducesTheEulerIterateOfALinearOdeInBothDirections() {
        // x_{k+1} = (1 + a h) x_k exactly, so N steps give (1 + a h)^N x_0 up to rounding.
        double rate = -0.7;
        for (double[] span : new double[][] {{0, 2}, {2, 0}}) {
            double h = (span[1] - span[0]) / 10;
            double[] x0 = {1.5, -2.0};

            double[] x =
                    new EulerSolver(10)
                            .solve(
                                    new SolverTestFields.Exponential(rate, 2),
                                    1,
                                    x0,
                                    span[0],
                                    span[1])
                            .x();

            double factor = Math.pow(1 + rate * h, 10);
            assertEquals(1.5 * factor, x[0], 1e-14);
            assertEquals(-2.0 * factor, x[1], 1e-14);
        }
    }

    @Test
    void leavesTheInitialStateUntouched() {
        double[] x0 = {1, 2};
        new EulerSolver(3).solve(new SolverTestFields.Exponential(1, 2), 1, x0, 0, 1);
        assertEquals(1, x0[0]);
        assertEquals(2, x0[1]);
    }

    @Test
    void rejectsANonPositiveStepCountNamingTheValue() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new EulerSolver(0));
        assertTrue(e.getMessage().contains("found 0"), e.getMessage());
    }
}
