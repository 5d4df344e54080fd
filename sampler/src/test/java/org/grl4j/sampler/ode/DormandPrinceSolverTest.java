package org.grl4j.sampler.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.sampler.ode.DormandPrinceSolver.Method;
import org.junit.jupiter.api.Test;

class DormandPrinceSolverTest {

    @Test
    void bothMethodsMeetTheirToleranceOnAnExponentialInBothDirections() {
        // The local error control keeps the global error within a small multiple of the
        // tolerance on this smooth, non-stiff problem; 100 tol leaves a wide margin.
        for (Method method : Method.values()) {
            for (double[] span : new double[][] {{0, 2}, {2, 0}}) {
                double rate = -1.3;
                DormandPrinceSolver solver = new DormandPrinceSolver(method, 1e-8, 1e-8, 10_000);

                double[] x =
                        solver.solve(
                                        new SolverTestFields.Exponential(rate, 2),
                                        1,
                                        new double[] {1, -0.5},
                                        span[0],
                                        span[1])
                                .x();

                double factor = Math.exp(rate * (span[1] - span[0]));
                assertEquals(factor, x[0], 1e-6 * factor, method + " " + span[0]);
                assertEquals(-0.5 * factor, x[1], 1e-6 * factor, method + " " + span[0]);
            }
        }
    }

    @Test
    void reportsEveryFieldEvaluation() {
        for (Method method : Method.values()) {
            SolverTestFields.Cosine field = new SolverTestFields.Cosine();

            Solution solution =
                    new DormandPrinceSolver(method, 1e-9, 1e-9, 10_000)
                            .solve(field, 4, new double[4], 0, 3);

            assertEquals(field.evaluations, solution.evaluations(), method.name());
            assertEquals(Math.sin(3), solution.x()[3], 1e-7, method.name());
            assertTrue(solution.steps() > 1, method.name());
        }
    }

    @Test
    void aTighterToleranceCostsMoreEvaluationsAndIsMoreAccurate() {
        double[] errors = new double[2];
        int[] evaluations = new int[2];
        double[] tolerances = {1e-4, 1e-10};
        for (int k = 0; k < 2; k++) {
            Solution solution =
                    new DormandPrinceSolver(Method.DOPRI5, tolerances[k], tolerances[k], 100_000)
                            .solve(
                                    new SolverTestFields.Exponential(2, 1),
                                    1,
                                    new double[] {1},
                                    0,
                                    3);
            errors[k] = Math.abs(solution.x()[0] - Math.exp(6));
            evaluations[k] = solution.evaluations();
        }
        assertTrue(evaluations[1] > 2 * evaluations[0], evaluations[0] + " vs " + evaluations[1]);
        assertTrue(errors[1] < 1e-3 * errors[0], errors[0] + " vs " + errors[1]);
    }

    @Test
    void exceedingTheEvaluationBudgetFailsWithAMessageThatSaysWhatToChange() {
        DormandPrinceSolver solver = new DormandPrinceSolver(Method.DOP853, 1e-12, 1e-12, 30);

        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                solver.solve(
                                        new SolverTestFields.Exponential(5, 1),
                                        1,
                                        new double[] {1},
                                        0,
                                        5));

        assertTrue(e.getMessage().contains("30 evaluations"), e.getMessage());
        assertTrue(e.getMessage().contains("loosen the tolerances"), e.getMessage());
    }

    @Test
    void rejectsBadTolerancesNamingTheValue() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new DormandPrinceSolver(Method.DOPRI5, -1e-5, 1e-5, 100));
        assertTrue(e.getMessage().contains("relative tolerance"), e.getMessage());
        assertTrue(e.getMessage().contains("-1.0E-5"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new DormandPrinceSolver(Method.DOPRI5, 1e-5, Double.NaN, 100));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DormandPrinceSolver(Method.DOPRI5, 1e-5, 1e-5, 0));
    }
}
