package org.grl4j.cli.fidelity;

import java.util.concurrent.atomic.DoubleAdder;
import org.grl4j.models.network.BatchNetwork;

/**
 * A velocity network that also sums the squared norms of what it returns, to measure the path
 * energy of a fixed-step solve:
 *
 * <pre>
 *   PE = E_{x_0} integral_0^1 ||v(t, x_t)||^2 dt  ~  (dt / N) sum over steps k and rows i of
 *        ||v(t_k, x_k^i)||^2
 * </pre>
 *
 * with N rows and a uniform grid of step dt, which is what {@link #pathEnergy} computes from the
 * accumulated sum. Rows may arrive in chunks from several threads; only the total matters. Layout
 * as {@link BatchNetwork}.
 */
final class EnergyMeter implements BatchNetwork {

    private final BatchNetwork velocity;
    private final DoubleAdder squaredNorms = new DoubleAdder();

    EnergyMeter(BatchNetwork velocity) {
        this.velocity = velocity;
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
    public void evaluate(int n, double[] t, double[] x, double[] condition, double[] out) {
        velocity.evaluate(n, t, x, condition, out);
        double sum = 0;
        for (int k = 0; k < n * xSize(); k++) {
            sum += out[k] * out[k];
        }
        squaredNorms.add(sum);
    }

    /** The path energy of a solve of {@code rows} rows on {@code steps} uniform steps of [0, 1]. */
    double pathEnergy(int rows, int steps) {
        return squaredNorms.sum() / rows / steps;
    }
}
