package org.grl4j.sampler.dpm;

import java.util.Arrays;
import java.util.Objects;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.param.Conversions;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;

/**
 * A diffusion model as DPM-Solver sees it: a Gaussian path, the parameterization of the network
 * output, and the network, whose time input is path time (t = 0 data, t = 1 noise).
 *
 * <p>{@link #predict} turns the network output into the noise or data prediction the update
 * formulas need, through {@link Conversions}. Arrays are row-major {@code [n, d]} doubles.
 *
 * @param path the Gaussian path x_t = s(t) x_0 + sigma(t) noise
 * @param parameterization what the network outputs
 * @param network the batch network, evaluated in path time
 */
public record DpmModel(GaussianPath path, Parameterization parameterization, BatchNetwork network) {

    public DpmModel {
        Objects.requireNonNull(path, "DPM model path is null; pass a GaussianPath");
        Objects.requireNonNull(
                parameterization, "DPM model parameterization is null; pass the network's type");
        Objects.requireNonNull(network, "DPM model network is null; pass a BatchNetwork");
    }

    /** D, the width of one sample. */
    public int xSize() {
        return network.xSize();
    }

    /**
     * Writes the {@code target} view (noise or data prediction) of the network output at time
     * {@code t} for all {@code n} rows of {@code x} into {@code out}.
     */
    void predict(
            Parameterization target,
            int n,
            double t,
            double[] x,
            double[] condition,
            double[] out) {
        double[] times = new double[n];
        Arrays.fill(times, t);
        network.evaluate(n, times, x, condition, out);
        // Every conversion is linear in (x, h) at a fixed time, and all rows share t here, so
        // two scalar conversions give the coefficients once instead of per element.
        double xCoefficient = Conversions.convert(parameterization, target, path, t, 1, 0);
        double hCoefficient = Conversions.convert(parameterization, target, path, t, 0, 1);
        for (int k = 0; k < n * xSize(); k++) {
            out[k] = xCoefficient * x[k] + hCoefficient * out[k];
        }
    }
}
