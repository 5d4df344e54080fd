package org.grl4j.trainer.loss;

import java.util.random.RandomGenerator;
import org.grl4j.models.path.GaussianPath;

/**
 * How score matching draws the time of each row (DESIGN.md section 2.3). The loss itself is never
 * re-weighted; only the distribution of t changes.
 *
 * <ul>
 *   <li>{@code vanilla}: t ~ U(tMin, tMax), default [1e-5, 1]: plain noise-prediction MSE, the
 *       weighting lambda(t) = sigma(t)^2 in score space.
 *   <li>{@code maximum_likelihood} (<b>the default</b>, as in GenerativeRL, whose {@code
 *       weighting_scheme = None} means this): t has density proportional to g^2(t) / sigma^2(t) on
 *       [tMin, tMax], default [1e-5, 1 - 1e-5]. This importance-samples the likelihood weighting
 *       lambda(t) = g^2 of Song et al. (2021, "Maximum likelihood training of score-based diffusion
 *       models"), since g^2 ||score - grad log p||^2 = (g^2 / sigma^2) ||sigma score + noise||^2.
 * </ul>
 *
 * The maximum-likelihood density is sampled exactly, with no rejection: g^2 / sigma^2 = d log
 * sigma^2 / dt - 2 d log s / dt = -2 d lambda / dt, with lambda = log s - log sigma the half
 * log-SNR, so t has this density exactly when lambda(t) is uniform on [lambda(tMax), lambda(tMin)];
 * t = lambda^-1(u). Both ends must have a finite lambda, which is why the default range stops short
 * of 0 and 1. (GenerativeRL instead uses rejection sampling on [0, 1] with the density capped by
 * sigma^2 + 1e-6.)
 *
 * <p>Drawn times are rounded to float32, the precision the network sees, before any coefficient is
 * computed from them.
 */
public record TimeSampling(Scheme scheme, double tMin, double tMax) {

    /** The two schemes, by their GenerativeRL names. */
    public enum Scheme {
        VANILLA("vanilla"),
        MAXIMUM_LIKELIHOOD("maximum_likelihood");

        private final String configName;

        Scheme(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** Looks a scheme up by its configuration name. */
        public static Scheme fromName(String name) {
            for (Scheme scheme : values()) {
                if (scheme.configName.equalsIgnoreCase(name)) {
                    return scheme;
                }
            }
            throw new IllegalArgumentException(
                    "Unknown weighting_scheme '"
                            + name
                            + "'; use vanilla or maximum_likelihood (the default)");
        }
    }

    /** The smallest time drawn by default: sigma(t) is 0 at t = 0. */
    public static final double DEFAULT_T_MIN = 1e-5;

    /** Validates 0 <= tMin < tMax <= 1. */
    public TimeSampling {
        if (scheme == null) {
            throw new IllegalArgumentException(
                    "TimeSampling needs a scheme: vanilla or maximum_likelihood");
        }
        if (!(tMin >= 0 && tMin < tMax && tMax <= 1)) {
            throw new IllegalArgumentException(
                    "TimeSampling range must satisfy 0 <= t_min < t_max <= 1, got ["
                            + tMin
                            + ", "
                            + tMax
                            + "]; the defaults are [1e-5, 1] (vanilla) and [1e-5, 1 - 1e-5]"
                            + " (maximum_likelihood)");
        }
    }

    /** t ~ U(1e-5, 1). */
    public static TimeSampling vanilla() {
        return new TimeSampling(Scheme.VANILLA, DEFAULT_T_MIN, 1.0);
    }

    /** Density proportional to g^2 / sigma^2 on [1e-5, 1 - 1e-5]: the default. */
    public static TimeSampling maximumLikelihood() {
        return new TimeSampling(Scheme.MAXIMUM_LIKELIHOOD, DEFAULT_T_MIN, 1.0 - DEFAULT_T_MIN);
    }

    /** The default scheme, {@link #maximumLikelihood()}, as in GenerativeRL. */
    public static TimeSampling defaultSampling() {
        return maximumLikelihood();
    }

    /** The default range of a configuration's {@code weighting_scheme}. */
    public static TimeSampling of(org.grl4j.models.config.WeightingScheme scheme) {
        return switch (scheme) {
            case VANILLA -> vanilla();
            case MAXIMUM_LIKELIHOOD -> maximumLikelihood();
        };
    }

    /**
     * Draws {@code n} times, each rounded to float32; {@code path} is only read by the
     * maximum-likelihood scheme.
     */
    public double[] draw(GaussianPath path, int n, RandomGenerator random) {
        double[] t = new double[n];
        if (scheme == Scheme.VANILLA) {
            for (int i = 0; i < n; i++) {
                t[i] = roundToFloat(tMin + (tMax - tMin) * random.nextDouble(), tMin, tMax);
            }
            return t;
        }
        double lambdaHigh = path.halfLogSnr(tMin);
        double lambdaLow = path.halfLogSnr(tMax);
        if (!Double.isFinite(lambdaHigh) || !Double.isFinite(lambdaLow)) {
            throw new IllegalArgumentException(
                    "maximum_likelihood time sampling needs a finite half log-SNR at both ends,"
                            + " but the "
                            + path.type()
                            + " path has lambda("
                            + tMin
                            + ") = "
                            + lambdaHigh
                            + " and lambda("
                            + tMax
                            + ") = "
                            + lambdaLow
                            + "; keep t_min > 0 and t_max < 1");
        }
        for (int i = 0; i < n; i++) {
            double lambda = lambdaLow + (lambdaHigh - lambdaLow) * random.nextDouble();
            t[i] = roundToFloat(path.inverseHalfLogSnr(lambda), tMin, tMax);
        }
        return t;
    }

    /** {@code n} times uniform on [tMin, tMax], each rounded to float32. */
    public static double[] uniform(int n, double tMin, double tMax, RandomGenerator random) {
        return new TimeSampling(Scheme.VANILLA, tMin, tMax).draw(null, n, random);
    }

    private static double roundToFloat(double t, double tMin, double tMax) {
        return (float) Math.min(Math.max(t, tMin), tMax);
    }
}
