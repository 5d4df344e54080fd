package org.grl4j.sampler.dpm;

/**
 * The outcome of one {@link DpmSolver} run.
 *
 * @param samples x at t_0, row-major {@code [n, xSize]}
 * @param n the number of samples
 * @param xSize D, the width of one sample
 * @param nfe the number of network evaluations, each on the whole batch (equals the configured
 *     steps)
 * @param times the times the solver stopped at, from t_T down to t_0 (macro-step boundaries for
 *     singlestep, every grid point for multistep)
 * @param orders the order of each update, one per interval of {@code times}
 */
public record DpmResult(
        double[] samples, int n, int xSize, int nfe, double[] times, int[] orders) {}
