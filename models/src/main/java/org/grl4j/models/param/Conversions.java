package org.grl4j.models.param;

import org.grl4j.models.path.GaussianPath;

/**
 * Converts a network output between the four parameterizations of a Gaussian path (DESIGN.md
 * section 2.2), through the predicted noise n:
 *
 * <pre>
 *   score     = -n / sigma
 *   data      = (x - sigma n) / s
 *   velocity  = f x + g^2 n / (2 sigma)      (probability-flow ODE drift in path time)
 * </pre>
 *
 * Arrays are row-major {@code [n, d]} with one time per row. At sigma = 0 (t = 0 on every path) the
 * noise and score views are singular; callers keep t away from 0 (see the solvers' t_end). At t = 1
 * on the {@code linear} and {@code gvp} paths s = 0 and f, g^2 are infinite, so the data and
 * velocity views cannot be converted there either, although a velocity network itself is finite.
 *
 * <p>Rounding: each conversion adds terms of different sizes (x / s and sigma n / s for the data
 * prediction), so its error is a few ulps of the largest term, not of the result; a round trip
 * returns h to about 1e-12 of that term size for t in [0.01, 0.99].
 */
public final class Conversions {

    private Conversions() {}

    /** The predicted noise implied by output {@code h} of a network of type {@code from}. */
    public static double toNoise(
            Parameterization from, GaussianPath path, double t, double x, double h) {
        return switch (from) {
            case NOISE_FUNCTION -> h;
            case SCORE_FUNCTION -> -path.std(t) * h;
            case DATA_PREDICTION_FUNCTION -> (x - path.scale(t) * h) / path.std(t);
            case VELOCITY_FUNCTION ->
                    (h - path.driftCoefficient(t) * x)
                            * 2.0
                            * path.std(t)
                            / path.diffusionSquared(t);
        };
    }

    /** The output a network of type {@code to} would give for predicted noise {@code noise}. */
    public static double fromNoise(
            Parameterization to, GaussianPath path, double t, double x, double noise) {
        return switch (to) {
            case NOISE_FUNCTION -> noise;
            case SCORE_FUNCTION -> -noise / path.std(t);
            case DATA_PREDICTION_FUNCTION -> (x - path.std(t) * noise) / path.scale(t);
            case VELOCITY_FUNCTION ->
                    path.driftCoefficient(t) * x
                            + path.diffusionSquared(t) * noise / (2.0 * path.std(t));
        };
    }

    /** Converts one element of output from parameterization {@code from} to {@code to}. */
    public static double convert(
            Parameterization from,
            Parameterization to,
            GaussianPath path,
            double t,
            double x,
            double h) {
        if (from == to) {
            return h;
        }
        return fromNoise(to, path, t, x, toNoise(from, path, t, x, h));
    }

    /**
     * Converts a batch: {@code out[i * d + j] = convert(from, to, path, t[i], x[i * d + j], h[i * d
     * + j])}. {@code out} may alias {@code h}.
     */
    public static void convert(
            Parameterization from,
            Parameterization to,
            GaussianPath path,
            int n,
            int d,
            double[] t,
            double[] x,
            double[] h,
            double[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = i * d; j < (i + 1) * d; j++) {
                out[j] = convert(from, to, path, t[i], x[j], h[j]);
            }
        }
    }
}
