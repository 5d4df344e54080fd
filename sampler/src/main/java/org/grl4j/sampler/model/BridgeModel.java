package org.grl4j.sampler.model;

import java.util.Arrays;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.sampler.Checks;
import org.grl4j.sampler.ode.VectorField;
import org.grl4j.sampler.sde.StochasticField;

/**
 * A Schrodinger-bridge flow model (SF2M; Tong et al., 2024): a velocity network v and a score
 * network s of the Brownian-bridge marginals with noise level sigma, from the source at t = 0 to
 * the data at t = 1 (DESIGN.md section 2.3).
 *
 * <p>The ODE is dx/dt = v. The SDE with noise scale eta is
 *
 * <pre>
 *   dx = [v + eta^2 (sigma^2 / 2) s] dt + eta sigma dW
 * </pre>
 *
 * eta = 1 is SF2M's SDE; every eta has the same marginals (the Fokker-Planck terms of the score
 * drift and of the noise cancel). Both run the full span 0 to 1; the SDE's last step evaluates t =
 * 1 - h, not 1. Arrays are row-major: {@code x[N * D]}, {@code condition[N * C]} or null.
 */
public final class BridgeModel implements GenerativeModel {

    private final BatchNetwork velocity;
    private final BatchNetwork score;
    private final double sigma;

    /**
     * @param velocity the velocity network
     * @param score the score network of the bridge marginals
     * @param sigma the bridge's noise level, the sigma of its path
     */
    public BridgeModel(BatchNetwork velocity, BatchNetwork score, double sigma) {
        if (velocity == null || score == null) {
            throw new IllegalArgumentException(
                    "BridgeModel needs velocity and score networks; found velocity="
                            + velocity
                            + ", score="
                            + score);
        }
        if (velocity.xSize() != score.xSize()
                || velocity.conditionSize() != score.conditionSize()) {
            throw new IllegalArgumentException(
                    "BridgeModel networks disagree: velocity has x width "
                            + velocity.xSize()
                            + " and condition width "
                            + velocity.conditionSize()
                            + ", score has "
                            + score.xSize()
                            + " and "
                            + score.conditionSize()
                            + "; pass the two networks of one trained bridge");
        }
        this.velocity = velocity;
        this.score = score;
        this.sigma = Checks.nonNegative("bridge sigma", sigma, "use the sigma of the bridge path");
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public int xSize() {
        return velocity.xSize();
    }

    @Override
    public int conditionSize() {
        return velocity.conditionSize();
    }

    @Override
    public double startTime() {
        return 0.0;
    }

    @Override
    public double endTime(boolean margin) {
        return 1.0;
    }

    @Override
    public VectorField probabilityFlow(int n, double[] condition) {
        return new FlowModel.NetworkField(velocity, n, condition);
    }

    @Override
    public StochasticField stochasticFlow(int n, double eta, double[] condition) {
        return new BridgeField(n, eta, condition);
    }

    /** v + eta^2 sigma^2 / 2 s, with diffusion eta sigma. */
    private final class BridgeField implements StochasticField {

        private final double eta;
        private final double[] condition;
        private final double[] times;
        private final double[] scores;

        BridgeField(int n, double eta, double[] condition) {
            this.eta = eta;
            this.condition = condition;
            this.times = new double[n];
            this.scores = new double[n * xSize()];
        }

        @Override
        public int dimension() {
            return xSize();
        }

        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            Arrays.fill(times, 0, n, t);
            velocity.evaluate(n, times, x, condition, out);
            double weight = eta * eta * sigma * sigma / 2;
            if (weight == 0) {
                return;
            }
            score.evaluate(n, times, x, condition, scores);
            int size = n * xSize();
            for (int i = 0; i < size; i++) {
                out[i] += weight * scores[i];
            }
        }

        @Override
        public void diffusion(int n, double t, double[] x, double[] out) {
            Arrays.fill(out, 0, n * xSize(), eta * sigma);
        }
    }
}
