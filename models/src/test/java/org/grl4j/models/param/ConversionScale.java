package org.grl4j.models.param;

import org.grl4j.models.path.GaussianPath;

/**
 * The scale that rounding in a parameterization conversion is relative to. Converting sums terms of
 * different sizes (for a data prediction, x / s and sigma n / s), so its error is a few ulps of the
 * largest term, not of the result; tests allow 1e-12 of this scale.
 */
public final class ConversionScale {

    private ConversionScale() {}

    /**
     * The size of the terms summed when view {@code view} is formed from noise n, measured in noise
     * units: |n| for noise and score, (|x| + sigma |n|) / sigma for the data prediction, and 2
     * sigma |f x| / g^2 + |n| for the velocity.
     */
    public static double termSizeInNoiseUnits(
            Parameterization view, GaussianPath p, double t, double x, double noise) {
        double sigma = p.std(t);
        return switch (view) {
            case NOISE_FUNCTION, SCORE_FUNCTION -> Math.abs(noise);
            case DATA_PREDICTION_FUNCTION -> (Math.abs(x) + sigma * Math.abs(noise)) / sigma;
            case VELOCITY_FUNCTION ->
                    2 * sigma * Math.abs(p.driftCoefficient(t) * x) / p.diffusionSquared(t)
                            + Math.abs(noise);
        };
    }

    /** |d h / d n| for view {@code view}: how many units of h one unit of noise is. */
    public static double unitsPerNoise(Parameterization view, GaussianPath p, double t) {
        double sigma = p.std(t);
        return switch (view) {
            case NOISE_FUNCTION -> 1;
            case SCORE_FUNCTION -> 1 / sigma;
            case DATA_PREDICTION_FUNCTION -> sigma / p.scale(t);
            case VELOCITY_FUNCTION -> p.diffusionSquared(t) / (2 * sigma);
        };
    }
}
