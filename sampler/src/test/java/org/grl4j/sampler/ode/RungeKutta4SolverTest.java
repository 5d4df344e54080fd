package org.grl4j.sampler.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RungeKutta4SolverTest {

    @Test
    void evaluatesFourTimesPerStepIncludingTheEndTime() {
        SolverTestFields.Exponential field = new SolverTestFields.Exponential(-1, 1);

        Solution solution = new RungeKutta4Solver(2).solve(field, 1, new double[] {1}, 1.0, 0.0);

        assertEquals(List.of(1.0, 0.75, 0.75, 0.5, 0.5, 0.25, 0.25, 0.0), field.times);
        assertEquals(8, solution.evaluations());
    }

    @Test
    void oneStepOnALinearOdeIsTheFourthOrderTaylorPolynomial() {
        // For dx/dt = a x one RK4 step multiplies x by 1 + z + z^2/2 + z^3/6 + z^4/24, z = a h.
        double rate = 0.9;
        double h = -0.4;

        double x =
                new RungeKutta4Solver(1)
                        .solve(
                                new SolverTestFields.Exponential(rate, 1),
                                1,
                                new double[] {2},
                                1.0,
                                1.0 + h)
                        .x()[0];

        double z = rate * h;
        assertEquals(2 * (1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24), x, 1e-15);
    }

    @Test
    void integratesATimeDependentFieldToItsClosedForm() {
        // x(1) - x(0) = sin(1); RK4 reduces to Simpson's rule here, error ~ h^4 / 2880.
        double x =
                new RungeKutta4Solver(10)
                        .solve(new SolverTestFields.Cosine(), 3, new double[3], 0, 1)
                        .x()[2];
        assertEquals(Math.sin(1), x, 1e-7);
    }

    @Test
    void rejectsANonPositiveStepCount() {
        assertThrows(IllegalArgumentException.class, () -> new RungeKutta4Solver(-3));
    }
}
