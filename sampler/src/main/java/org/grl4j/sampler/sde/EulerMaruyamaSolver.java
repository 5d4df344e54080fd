package org.grl4j.sampler.sde;

import org.grl4j.sampler.Checks;
import org.grl4j.sampler.ode.Solution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Euler-Maruyama method (Maruyama, 1955) on a uniform grid: with h = (tEnd - tStart) / steps,
 * t_k = tStart + k h and z_k ~ N(0, I) drawn per row,
 *
 * <pre>
 *   x_{k+1} = x_k + h F(t_k, x_k) + G(t_k, x_k) sqrt(|h|) z_k
 * </pre>
 *
 * <p>Drift and diffusion are evaluated at the left end of each step only (as torchsde's Euler
 * scheme used by GenerativeRL), so {@code tEnd} is never evaluated. Strong order 1/2, weak order 1.
 * NFE = steps (drift evaluations; the diffusion coefficient needs no network).
 *
 * @param steps the number of steps, at least 1
 */
public record EulerMaruyamaSolver(int steps) implements SdeSolver {

    private static final Logger LOG = LoggerFactory.getLogger(EulerMaruyamaSolver.class);

    public EulerMaruyamaSolver {
        Checks.positive(
                "Euler-Maruyama steps", steps, "use at least 1 step (100 to 1000 is typical)");
    }

    @Override
    public String describe() {
        return "euler-maruyama(steps=" + steps + ")";
    }

    @Override
    public Solution solve(
            StochasticField field, int n, double[] x0, double tStart, double tEnd, RowNoise noise) {
        int d = field.dimension();
        double h = (tEnd - tStart) / steps;
        double sqrtH = Math.sqrt(Math.abs(h));
        double[] x = x0.clone();
        double[] drift = new double[x.length];
        double[] diffusion = new double[x.length];
        double[] z = new double[x.length];
        for (int k = 0; k < steps; k++) {
            double t = tStart + k * h;
            field.evaluate(n, t, x, drift);
            field.diffusion(n, t, x, diffusion);
            noise.fill(z, d);
            for (int i = 0; i < x.length; i++) {
                x[i] += h * drift[i] + diffusion[i] * sqrtH * z[i];
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("euler-maruyama step {}/{} t={} h={}", k + 1, steps, t, h);
            }
        }
        return new Solution(x, steps, steps);
    }
}
