package org.grl4j.sampler.model;

import org.grl4j.models.network.BatchNetwork;

/**
 * Exact velocity and score networks of a Brownian bridge with noise level sigma between the source
 * N(0, I) at t = 0 and data N(m, diag(v)) at t = 1, independently coupled: x_t = (1 - t) x_0 + t
 * x_1 + sigma sqrt(t (1 - t)) z is Gaussian with, per dimension,
 *
 * <pre>
 *   mu(t) = t m,   S(t) = (1 - t)^2 + t^2 v + sigma^2 t (1 - t)
 *   velocity = m + S'(t) / (2 S(t)) (x - mu),   S' = -2 (1 - t) + 2 t v + sigma^2 (1 - 2t)
 *   score    = -(x - mu) / S
 * </pre>
 *
 * The velocity is the one affine field that carries N(mu, S) along (the conditional expectation of
 * the bridge's drift given x_t is affine in x_t, and in one dimension only one affine field
 * transports a Gaussian family), so both the ODE and the SDE dx = [v + (sigma^2/2) s] dt + sigma dW
 * map N(0, I) at t = 0 to N(m, v) at t = 1.
 */
public final class GaussianBridgeNetworks {

    private final double[] mean;
    private final double[] variance;
    private final double sigma;

    public GaussianBridgeNetworks(double[] mean, double[] variance, double sigma) {
        this.mean = mean.clone();
        this.variance = variance.clone();
        this.sigma = sigma;
    }

    /** The velocity network. */
    public BatchNetwork velocity() {
        return network(true);
    }

    /** The score network. */
    public BatchNetwork score() {
        return network(false);
    }

    /** S(t) for dimension j. */
    public double marginalVariance(double t, int j) {
        return (1 - t) * (1 - t) + t * t * variance[j] + sigma * sigma * t * (1 - t);
    }

    private BatchNetwork network(boolean velocity) {
        int d = mean.length;
        return new BatchNetwork() {
            @Override
            public int xSize() {
                return d;
            }

            @Override
            public int conditionSize() {
                return 0;
            }

            @Override
            public void evaluate(int n, double[] t, double[] x, double[] condition, double[] out) {
                for (int i = 0; i < n; i++) {
                    double ti = t[i];
                    for (int j = 0; j < d; j++) {
                        double residual = x[i * d + j] - ti * mean[j];
                        double s = marginalVariance(ti, j);
                        double ds =
                                -2 * (1 - ti) + 2 * ti * variance[j] + sigma * sigma * (1 - 2 * ti);
                        out[i * d + j] =
                                velocity ? mean[j] + ds / (2 * s) * residual : -residual / s;
                    }
                }
            }
        };
    }
}
