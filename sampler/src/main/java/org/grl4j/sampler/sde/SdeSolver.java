package org.grl4j.sampler.sde;

import org.grl4j.sampler.ode.Solution;

/**
 * Integrates a batch SDE from {@code tStart} to {@code tEnd}, in either direction, drawing its
 * Brownian increments from a {@link RowNoise}. Solvers are immutable configuration, safe to share
 * across threads.
 */
public interface SdeSolver {

    /** A short description for logs, e.g. {@code euler-maruyama(steps=1000)}. */
    String describe();

    /**
     * Integrates {@code n} rows from {@code x0}; the result's evaluations count drift evaluations.
     *
     * @param noise one stream per row; increments are drawn row by row at each step
     */
    Solution solve(
            StochasticField field, int n, double[] x0, double tStart, double tEnd, RowNoise noise);
}
