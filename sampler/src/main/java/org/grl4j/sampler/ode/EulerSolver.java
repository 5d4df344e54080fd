package org.grl4j.sampler.ode;

import org.grl4j.sampler.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit Euler method on a uniform grid: with h = (tEnd - tStart) / steps and t_k = tStart +
 * k h,
 *
 * <pre>
 *   x_{k+1} = x_k + h F(t_k, x_k),   k = 0 .. steps - 1
 * </pre>
 *
 * <p>This is GenerativeRL's default ODE solver with its grid semantics: the field is evaluated at
 * the left end of each step only, so {@code tEnd} itself is never evaluated (a diffusion model may
 * run it to t = 0, where sigma = 0). NFE = steps. Global error O(h) (first order).
 *
 * @param steps the number of steps, at least 1
 */
public record EulerSolver(int steps) implements OdeSolver {

    private static final Logger LOG = LoggerFactory.getLogger(EulerSolver.class);

    public EulerSolver {
        Checks.positive("Euler steps", steps, "use at least 1 step (20 to 1000 is typical)");
    }

    @Override
    public String describe() {
        return "euler(steps=" + steps + ")";
    }

    @Override
    public boolean evaluatesEndTime() {
        return false;
    }

    @Override
    public Solution solve(VectorField field, int n, double[] x0, double tStart, double tEnd) {
        double h = (tEnd - tStart) / steps;
        double[] x = x0.clone();
        double[] dx = new double[x.length];
        for (int k = 0; k < steps; k++) {
            double t = tStart + k * h;
            field.evaluate(n, t, x, dx);
            for (int i = 0; i < x.length; i++) {
                x[i] += h * dx[i];
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("euler step {}/{} t={} h={}", k + 1, steps, t, h);
            }
        }
        return new Solution(x, steps, steps);
    }
}
