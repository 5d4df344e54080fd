package org.grl4j.sampler.ode;

/**
 * Integrates a batch ODE dx/dt = F(t, x) from {@code tStart} to {@code tEnd}, in either direction
 * ({@code tEnd < tStart} integrates backwards, as diffusion models do from noise at t = 1 to data).
 *
 * <p>Solvers are immutable configuration: one instance may be used by many threads at once. The
 * initial state is not modified; the result holds a new array.
 */
public interface OdeSolver {

    /** A short description for logs, e.g. {@code euler(steps=20)}. */
    String describe();

    /**
     * Whether the solver evaluates the field at {@code tEnd} itself. Euler on a grid does not, so a
     * diffusion model may run it to t = 0; the others need a diffusion model to stop at a small
     * t_end > 0 where the noise and score views are finite.
     */
    boolean evaluatesEndTime();

    /**
     * Integrates {@code n} rows from {@code x0} at {@code tStart} to {@code tEnd}.
     *
     * @param field the right-hand side
     * @param n the number of rows N
     * @param x0 the initial state, length N * D
     * @param tStart the start time
     * @param tEnd the end time, different from {@code tStart}
     */
    Solution solve(VectorField field, int n, double[] x0, double tStart, double tEnd);
}
