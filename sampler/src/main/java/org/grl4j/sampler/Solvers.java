package org.grl4j.sampler;

import org.grl4j.sampler.ode.DormandPrinceSolver;
import org.grl4j.sampler.ode.EulerSolver;
import org.grl4j.sampler.ode.RungeKutta4Solver;
import org.grl4j.sampler.sde.EulerMaruyamaSolver;

/** Short names for the solvers, for {@link Sampler.Builder#solver}. */
public final class Solvers {

    /** GenerativeRL's ODE tolerance default. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    /** The evaluation budget of the adaptive solvers. */
    public static final int DEFAULT_MAX_EVALUATIONS = 100_000;

    private Solvers() {}

    /** Euler on a uniform grid of {@code steps} steps (NFE = steps). */
    public static EulerSolver euler(int steps) {
        return new EulerSolver(steps);
    }

    /** Classical Runge-Kutta 4 on {@code steps} steps (NFE = 4 steps). */
    public static RungeKutta4Solver rk4(int steps) {
        return new RungeKutta4Solver(steps);
    }

    /** Adaptive Dormand-Prince 5(4) with rtol = atol = 1e-5. */
    public static DormandPrinceSolver dormandPrince54() {
        return dormandPrince54(DEFAULT_TOLERANCE, DEFAULT_TOLERANCE);
    }

    /** Adaptive Dormand-Prince 5(4) with the given tolerances. */
    public static DormandPrinceSolver dormandPrince54(
            double relativeTolerance, double absoluteTolerance) {
        return new DormandPrinceSolver(
                DormandPrinceSolver.Method.DOPRI5,
                relativeTolerance,
                absoluteTolerance,
                DEFAULT_MAX_EVALUATIONS);
    }

    /** Adaptive Dormand-Prince 8(5,3) with the given tolerances. */
    public static DormandPrinceSolver dormandPrince853(
            double relativeTolerance, double absoluteTolerance) {
        return new DormandPrinceSolver(
                DormandPrinceSolver.Method.DOP853,
                relativeTolerance,
                absoluteTolerance,
                DEFAULT_MAX_EVALUATIONS);
    }

    /** Euler-Maruyama on {@code steps} steps; set the noise scale with the builder's eta. */
    public static EulerMaruyamaSolver eulerMaruyama(int steps) {
        return new EulerMaruyamaSolver(steps);
    }
}
