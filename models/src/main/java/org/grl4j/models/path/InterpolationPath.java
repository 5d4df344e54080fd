package org.grl4j.models.path;

/**
 * A conditional path for flow and bridge models (DESIGN.md section 2.3): t = 0 is the source
 * (noise, by default N(0, I)), t = 1 is the data, and given a pair (x_0, x_1)
 *
 * <pre>
 *   x_t   = mu_t + sigma(t) z,   mu_t = (1 - t) x_0 + t x_1,   z ~ N(0, I)
 *   u_t   = (d log sigma / dt) (x_t - mu_t) + (x_1 - x_0)     (conditional velocity)
 *   score = -(x_t - mu_t) / sigma(t)^2                         (conditional score)
 * </pre>
 *
 * The conditional velocity is the time derivative of x_t along a fixed (x_0, x_1, z); with a
 * constant sigma it is x_1 - x_0 (Lipman et al. 2023; Tong et al. 2024, CFM). A score network is
 * trained with 1/2 ||w(t) s_theta + z||^2, w(t) = {@link #scoreLossWeight}, so that s_theta
 * estimates the score of the marginal. All methods work on one coordinate at a time; apply them
 * element by element to rows. Implementations are immutable and thread-safe.
 */
public interface InterpolationPath {

    /** The configuration name of this path type, e.g. {@code brownian_bridge}. */
    String type();

    /** sigma(t), the standard deviation of x_t around the interpolation mean. */
    double std(double t);

    /** d sigma / dt. */
    double dStdDt(double t);

    /** d log sigma / dt = (d sigma / dt) / sigma: the coefficient of (x_t - mu_t) in u_t. */
    double dLogStdDt(double t);

    /** mu_t = (1 - t) x_0 + t x_1, exact at both ends. */
    default double mean(double t, double source, double data) {
        return (1 - t) * source + t * data;
    }

    /** x_t = mu_t + sigma(t) z for one coordinate. */
    default double sample(double t, double source, double data, double noise) {
        return mean(t, source, data) + std(t) * noise;
    }

    /**
     * u_t = (d log sigma / dt) (x_t - mu_t) + (x_1 - x_0), the regression target of flow matching.
     */
    default double conditionalVelocity(double t, double source, double data, double x) {
        return dLogStdDt(t) * (x - mean(t, source, data)) + (data - source);
    }

    /** -(x_t - mu_t) / sigma(t)^2, the score of N(mu_t, sigma(t)^2) at x_t. */
    default double conditionalScore(double t, double source, double data, double x) {
        double sigma = std(t);
        return -(x - mean(t, source, data)) / (sigma * sigma);
    }

    /**
     * w(t) = sigma(t) in the score loss 1/2 ||w(t) s_theta + z||^2, whose minimizer s_theta is the
     * score. (GenerativeRL and torchcfm weight by 2 sigma(t) / sigma^2 instead, so their network
     * learns the score times sigma^2 / 2.)
     */
    default double scoreLossWeight(double t) {
        return std(t);
    }
}
