package org.grl4j.sampler.dpm;

import org.grl4j.models.path.GaussianPath;

/**
 * Configuration of a {@link DpmSolver} run, validated on construction.
 *
 * <p>The solver integrates the probability-flow ODE in path time from {@code tStart} (t_T, noise)
 * down to {@code tEnd} (t_0, data) on the grid {@code grid} with {@code steps} network evaluations.
 *
 * <p><b>Why t_T may not be 1.</b> DPM-Solver steps in lambda = log s - log sigma. For the {@code
 * gvp} and {@code linear} paths s(1) = 0, so lambda(1) = -infinity and the first step would be
 * infinite (and the data prediction x_0 = (x - sigma n) / s divides by zero). {@link
 * #defaultStartTime} therefore returns 1 only where s(1) > 0 (as on {@code linear_vp_sde}, where
 * s(1) = 6.7e-3 for beta = (0.1, 20)) and {@value #STANDARD_START_TIME_FOR_ZERO_SIGNAL} otherwise,
 * where s is about 1e-3 (linear) or 1.6e-3 (gvp): the initial draw from N(0, I) then differs from
 * the true marginal N(s m, s^2 v + sigma^2) by a mean shift of order 1e-3 m, the same size as the
 * mismatch {@code linear_vp_sde} has at t = 1. The end time defaults to {@value #DEFAULT_END_TIME}
 * rather than GenerativeRL's 1e-5: on the {@code linear} path sigma(1e-5) = 1e-5 makes the last
 * steps needlessly long in lambda while changing samples by only ~1e-3 s.d.
 *
 * @param variant noise prediction (DPM-Solver) or data prediction (DPM-Solver++)
 * @param order 1, 2 or 3
 * @param method singlestep (budgeted orders), singlestep with fixed order, or multistep
 * @param grid how grid times are spaced
 * @param steps the number of network evaluations (NFE), at least 1
 * @param tStart t_T, in (tEnd, 1], with a finite lambda on the path used
 * @param tEnd t_0, in (0, tStart)
 * @param seed seed of the initial noise x_T ~ N(0, I) when the solver draws it
 */
public record DpmSolverConfig(
        DpmVariant variant,
        int order,
        DpmMethod method,
        TimeGrid grid,
        int steps,
        double tStart,
        double tEnd,
        long seed) {

    /** t_0 used by {@link #defaults}: close enough to the data that the samples are data. */
    public static final double DEFAULT_END_TIME = 1e-3;

    /** t_T for paths with s(1) = 0 (gvp, linear), where lambda(1) is -infinity. */
    public static final double STANDARD_START_TIME_FOR_ZERO_SIGNAL = 1 - 1e-3;

    public DpmSolverConfig {
        require(variant != null, "variant", "null", "DPM_SOLVER or DPM_SOLVER_PLUS_PLUS");
        require(method != null, "method", "null", "SINGLESTEP, SINGLESTEP_FIXED or MULTISTEP");
        require(grid != null, "grid", "null", "TIME_UNIFORM, TIME_QUADRATIC or LOG_SNR");
        require(order >= 1 && order <= 3, "order", order, "1, 2 or 3");
        require(steps >= 1, "steps", steps, "an evaluation budget of at least 1");
        require(
                method != DpmMethod.SINGLESTEP_FIXED || steps % order == 0,
                "steps",
                steps,
                "a multiple of order " + order + " for SINGLESTEP_FIXED (or use SINGLESTEP)");
        require(
                tEnd > 0 && tEnd < 1,
                "tEnd",
                tEnd,
                "0 < tEnd < 1 (the drift is singular at t = 0); " + DEFAULT_END_TIME + " is usual");
        require(
                tStart > tEnd && tStart <= 1,
                "tStart",
                tStart,
                "tEnd (" + tEnd + ") < tStart <= 1");
    }

    /**
     * DPM-Solver++ of order 2, multistep, on the logSNR grid with 20 evaluations, from {@link
     * #defaultStartTime} to {@link #DEFAULT_END_TIME}, seed 0: the usual choice for unguided and
     * guided sampling (Lu et al. 2022b).
     */
    public static DpmSolverConfig defaults(GaussianPath path) {
        return new DpmSolverConfig(
                DpmVariant.DPM_SOLVER_PLUS_PLUS,
                2,
                DpmMethod.MULTISTEP,
                TimeGrid.LOG_SNR,
                20,
                defaultStartTime(path),
                DEFAULT_END_TIME,
                0L);
    }

    /**
     * 1 where the path keeps some signal at t = 1 (s(1) > 0, lambda(1) finite), else {@link
     * #STANDARD_START_TIME_FOR_ZERO_SIGNAL}. See the class documentation for the reason.
     */
    public static double defaultStartTime(GaussianPath path) {
        double lambda = path.halfLogSnr(1.0);
        return Double.isFinite(lambda) ? 1.0 : STANDARD_START_TIME_FOR_ZERO_SIGNAL;
    }

    /** This configuration with another variant. */
    public DpmSolverConfig withVariant(DpmVariant newVariant) {
        return new DpmSolverConfig(newVariant, order, method, grid, steps, tStart, tEnd, seed);
    }

    /** This configuration with another order. */
    public DpmSolverConfig withOrder(int newOrder) {
        return new DpmSolverConfig(variant, newOrder, method, grid, steps, tStart, tEnd, seed);
    }

    /** This configuration with another method. */
    public DpmSolverConfig withMethod(DpmMethod newMethod) {
        return new DpmSolverConfig(variant, order, newMethod, grid, steps, tStart, tEnd, seed);
    }

    /** This configuration with another grid. */
    public DpmSolverConfig withGrid(TimeGrid newGrid) {
        return new DpmSolverConfig(variant, order, method, newGrid, steps, tStart, tEnd, seed);
    }

    /** This configuration with another evaluation budget. */
    public DpmSolverConfig withSteps(int newSteps) {
        return new DpmSolverConfig(variant, order, method, grid, newSteps, tStart, tEnd, seed);
    }

    /** This configuration with other start and end times. */
    public DpmSolverConfig withTimes(double newStart, double newEnd) {
        return new DpmSolverConfig(variant, order, method, grid, steps, newStart, newEnd, seed);
    }

    /** This configuration with another noise seed. */
    public DpmSolverConfig withSeed(long newSeed) {
        return new DpmSolverConfig(variant, order, method, grid, steps, tStart, tEnd, newSeed);
    }

    private static void require(boolean ok, String name, Object found, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "DPM-Solver "
                            + name
                            + " = "
                            + found
                            + " is not allowed; expected "
                            + allowed
                            + ".");
        }
    }
}
