package org.grl4j.sampler.dpm;

import org.grl4j.models.path.GaussianPath;

/**
 * The time grid t_T = grid[0] > grid[1] > ... > grid[M] = t_0 that DPM-Solver steps along, in path
 * time (t = 0 data, t = 1 noise). Names follow GenerativeRL's {@code skip_type}.
 *
 * <ul>
 *   <li>{@link #TIME_UNIFORM}: grid[i] = t_T + (t_0 - t_T) i / M.
 *   <li>{@link #TIME_QUADRATIC}: grid[i] = (sqrt(t_T) + (sqrt(t_0) - sqrt(t_T)) i / M)^2, denser
 *       near the data end.
 *   <li>{@link #LOG_SNR}: uniform in the half log-SNR lambda, grid[i] = t(lambda_T + (lambda_0 -
 *       lambda_T) i / M) through {@link GaussianPath#inverseHalfLogSnr}; the natural grid of the
 *       exponential integrator, whose step size is h = lambda_t - lambda_s.
 * </ul>
 */
public enum TimeGrid {
    TIME_UNIFORM("time_uniform"),
    TIME_QUADRATIC("time_quadratic"),
    LOG_SNR("logSNR");

    private final String configName;

    TimeGrid(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files, as in GenerativeRL's {@code skip_type} argument. */
    public String configName() {
        return configName;
    }

    /**
     * The {@code intervals + 1} grid times from {@code tStart} down to {@code tEnd}; the first and
     * last entries are exactly {@code tStart} and {@code tEnd}.
     */
    public double[] times(GaussianPath path, double tStart, double tEnd, int intervals) {
        if (intervals < 1) {
            throw new IllegalArgumentException(
                    "time grid intervals = " + intervals + "; need at least 1");
        }
        double[] grid = new double[intervals + 1];
        for (int i = 0; i <= intervals; i++) {
            double fraction = (double) i / intervals;
            grid[i] = at(path, tStart, tEnd, fraction);
        }
        grid[0] = tStart;
        grid[intervals] = tEnd;
        return grid;
    }

    private double at(GaussianPath path, double tStart, double tEnd, double fraction) {
        return switch (this) {
            case TIME_UNIFORM -> tStart + (tEnd - tStart) * fraction;
            case TIME_QUADRATIC -> {
                double root = Math.sqrt(tStart) + (Math.sqrt(tEnd) - Math.sqrt(tStart)) * fraction;
                yield root * root;
            }
            case LOG_SNR -> {
                double lambdaStart = path.halfLogSnr(tStart);
                double lambdaEnd = path.halfLogSnr(tEnd);
                yield path.inverseHalfLogSnr(lambdaStart + (lambdaEnd - lambdaStart) * fraction);
            }
        };
    }
}
