package org.grl4j.models.path;

/**
 * The Brownian-bridge path of Schrodinger-bridge flow matching (Tong et al. 2024, "Simulation-free
 * Schrodinger bridges via score and flow matching", SF2M). t = 0 is the source, t = 1 the data:
 *
 * <pre>
 *   x_t          = (1 - t) x_0 + t x_1 + sigma sqrt(t (1 - t)) z,   z ~ N(0, I)
 *   sigma(t)     = sigma sqrt(t (1 - t))
 *   d sigma/dt   = sigma (1 - 2t) / (2 sqrt(t (1 - t)))
 *   d log sigma/dt = (1 - 2t) / (2 t (1 - t))
 *   u_t          = (1 - 2t) / (2 t (1 - t)) (x_t - mu_t) + (x_1 - x_0)
 * </pre>
 *
 * This is the bridge of dx = sigma dW pinned at x_0 and x_1. The score network is trained with 1/2
 * ||sigma(t) s_theta + z||^2 and sampled with dx = [v + (sigma^2 / 2) s_theta] dt + sigma dW from t
 * = 0 to 1. At t = 0 and t = 1, sigma(t) = 0 and d log sigma/dt is infinite: draw t from an open
 * interval.
 *
 * @param sigma sigma > 0, the diffusion coefficient of the bridge (GenerativeRL key {@code sigma})
 */
public record BrownianBridgePath(double sigma) implements InterpolationPath {

    /** The configuration type name. */
    public static final String TYPE = "brownian_bridge";

    /** Validates sigma > 0 and finite. */
    public BrownianBridgePath {
        PathArguments.positive(TYPE, "sigma", sigma, "1.0");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double std(double t) {
        return sigma * Math.sqrt(t * (1 - t));
    }

    @Override
    public double dStdDt(double t) {
        return sigma * (1 - 2 * t) / (2 * Math.sqrt(t * (1 - t)));
    }

    @Override
    public double dLogStdDt(double t) {
        return (1 - 2 * t) / (2 * t * (1 - t));
    }
}
