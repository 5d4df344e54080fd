package org.grl4j.sampler.ode;

import org.grl4j.sampler.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classical fourth-order Runge-Kutta method on a uniform grid (Kutta, 1901): with h = (tEnd -
 * tStart) / steps,
 *
 * <pre>
 *   k1 = F(t, x)
 *   k2 = F(t + h/2, x + h/2 k1)
 *   k3 = F(t + h/2, x + h/2 k2)
 *   k4 = F(t + h, x + h k3)
 *   x <- x + h/6 (k1 + 2 k2 + 2 k3 + k4)
 * </pre>
 *
 * <p>NFE = 4 steps. Global error O(h^4). The last step evaluates {@code tEnd}, so a diffusion model
 * must stop at t_end > 0.
 *
 * <p>Hand-written rather than Commons Math's {@code ClassicalRungeKuttaIntegrator} because that
 * class works on a fixed step size it may shorten at the end and counts evaluations only through a
 * listener; four array loops are clearer and make NFE exact.
 *
 * @param steps the number of steps, at least 1
 */
public record RungeKutta4Solver(int steps) implements OdeSolver {

    private static final Logger LOG = LoggerFactory.getLogger(RungeKutta4Solver.class);

    public RungeKutta4Solver {
        Checks.positive("RK4 steps", steps, "use at least 1 step (10 to 100 is typical)");
    }

    @Override
    public String describe() {
        return "rk4(steps=" + steps + ")";
    }

    @Override
    public boolean evaluatesEndTime() {
        return true;
    }

    @Override
    public Solution solve(VectorField field, int n, double[] x0, double tStart, double tEnd) {
        double h = (tEnd - tStart) / steps;
        int size = x0.length;
        double[] x = x0.clone();
        double[] k1 = new double[size];
        double[] k2 = new double[size];
        double[] k3 = new double[size];
        double[] k4 = new double[size];
        double[] stage = new double[size];
        for (int k = 0; k < steps; k++) {
            double t = tStart + k * h;
            field.evaluate(n, t, x, k1);

            axpy(x, h / 2, k1, stage);
            field.evaluate(n, t + h / 2, stage, k2);

            axpy(x, h / 2, k2, stage);
            field.evaluate(n, t + h / 2, stage, k3);

            axpy(x, h, k3, stage);
            field.evaluate(n, k == steps - 1 ? tEnd : t + h, stage, k4);

            for (int i = 0; i < size; i++) {
                x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("rk4 step {}/{} t={} h={}", k + 1, steps, t, h);
            }
        }
        return new Solution(x, 4 * steps, steps);
    }

    /** out = x + a y. */
    private static void axpy(double[] x, double a, double[] y, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + a * y[i];
        }
    }
}
