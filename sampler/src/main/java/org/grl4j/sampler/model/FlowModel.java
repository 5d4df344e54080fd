package org.grl4j.sampler.model;

import java.util.Arrays;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.sampler.ode.VectorField;
import org.grl4j.sampler.sde.StochasticField;

/**
 * A flow model (ICFM, OT-CFM, rectified flow): a velocity network v(t, x, c) carried from the
 * source N(0, I) at t = 0 to the data at t = 1 by dx/dt = v (Lipman et al., 2023; Tong et al.,
 * 2024).
 *
 * <p>Every solver runs the full span 0 to 1: the velocity of a trained flow is finite at both ends.
 * A flow model has no score, so it has no SDE. Arrays are row-major: {@code x[N * D]}, {@code
 * condition[N * C]} or null.
 */
public final class FlowModel implements GenerativeModel {

    private final BatchNetwork velocity;

    /**
     * @param velocity the velocity network, in flow time (0 source, 1 data)
     */
    public FlowModel(BatchNetwork velocity) {
        if (velocity == null) {
            throw new IllegalArgumentException("FlowModel needs a velocity network, found null");
        }
        this.velocity = velocity;
    }

    public BatchNetwork velocity() {
        return velocity;
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
        return new NetworkField(velocity, n, condition);
    }

    @Override
    public StochasticField stochasticFlow(int n, double eta, double[] condition) {
        throw new UnsupportedOperationException(
                "a flow model has no score, so no SDE; use an ODE solver (Solvers.euler, rk4,"
                        + " dormandPrince54), or a BridgeModel for SDE sampling");
    }

    /** dx/dt = network(t, x, c), with the time repeated per row. */
    static final class NetworkField implements VectorField {

        private final BatchNetwork network;
        private final double[] condition;
        private final double[] times;

        NetworkField(BatchNetwork network, int n, double[] condition) {
            this.network = network;
            this.condition = condition;
            this.times = new double[n];
        }

        @Override
        public int dimension() {
            return network.xSize();
        }

        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            Arrays.fill(times, 0, n, t);
            network.evaluate(n, times, x, condition, out);
        }
    }
}
