package org.grl4j.models.path;

/**
 * The generalized variance-preserving (trigonometric) path, configuration type {@code gvp} (Albergo
 * and Vanden-Eijnden 2023, "Building Normalizing Flows with Stochastic Interpolants"; the GVP
 * interpolant of Ma et al. 2024, SiT). Time runs from t = 0 (data) to t = 1 (noise):
 *
 * <pre>
 *   s(t)      = cos(pi t / 2),       sigma(t) = sin(pi t / 2)
 *   f(t)      = -(pi / 2) tan(pi t / 2)
 *   g^2(t)    = pi tan(pi t / 2)
 *   ds/dt     = -(pi / 2) sin(pi t / 2),   d sigma/dt = (pi / 2) cos(pi t / 2)
 *   lambda(t) = -log tan(pi t / 2),        t(lambda) = (2 / pi) atan(e^(-lambda))
 * </pre>
 *
 * For t > 1/2 the cosine is evaluated as sin(pi (1 - t) / 2), which keeps full relative precision
 * of s near t = 1 (1 - t is exact there). At t = 1, s = 0 and f, g^2 and lambda are infinite.
 */
public record GvpPath() implements GaussianPath {

    /** The configuration type name. */
    public static final String TYPE = "gvp";

    private static final double HALF_PI = Math.PI / 2;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double scale(double t) {
        return t <= 0.5 ? Math.cos(HALF_PI * t) : Math.sin(HALF_PI * (1 - t));
    }

    @Override
    public double std(double t) {
        return t <= 0.5 ? Math.sin(HALF_PI * t) : Math.cos(HALF_PI * (1 - t));
    }

    /** tan(pi t / 2) = sigma / s. */
    private double tan(double t) {
        return std(t) / scale(t);
    }

    @Override
    public double driftCoefficient(double t) {
        return -HALF_PI * tan(t);
    }

    @Override
    public double diffusionSquared(double t) {
        return Math.PI * tan(t);
    }

    @Override
    public double dScaleDt(double t) {
        return -HALF_PI * std(t);
    }

    @Override
    public double dStdDt(double t) {
        return HALF_PI * scale(t);
    }

    @Override
    public double halfLogSnr(double t) {
        return Math.log(scale(t)) - Math.log(std(t));
    }

    @Override
    public double inverseHalfLogSnr(double lambda) {
        return Math.atan(Math.exp(-lambda)) / HALF_PI;
    }
}
