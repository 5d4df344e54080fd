package org.grl4j.sampler.dpm;

/**
 * How the evaluations are spent along the time grid.
 *
 * <ul>
 *   <li>{@link #SINGLESTEP}: each macro-step from s to t spends {@code k} evaluations (at s and at
 *       {@code k - 1} intermediate times) for an order-k update; the orders for a budget of {@code
 *       steps} evaluations follow Lu et al. (2022), lowering the last one or two macro-steps so the
 *       budget is met exactly (see {@link DpmSolver#singlestepOrders}).
 *   <li>{@link #SINGLESTEP_FIXED}: every macro-step has the configured order; {@code steps} must be
 *       a multiple of the order. Its global error is of the full order.
 *   <li>{@link #MULTISTEP}: one evaluation per grid interval; an order-k update reuses the
 *       predictions of the k - 1 previous grid points. The first k - 1 steps warm up with orders 1,
 *       2, ... because fewer previous points exist. As in the reference implementation, that
 *       warm-up bounds the asymptotic global order of multistep order 3 by 2; with the exact
 *       Gaussian network the third-order rate holds up to a few hundred steps (see the tests).
 * </ul>
 */
public enum DpmMethod {
    SINGLESTEP("singlestep"),
    SINGLESTEP_FIXED("singlestep_fixed"),
    MULTISTEP("multistep");

    private final String configName;

    DpmMethod(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files, as in GenerativeRL's {@code method} argument. */
    public String configName() {
        return configName;
    }
}
