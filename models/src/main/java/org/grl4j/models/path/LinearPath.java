package org.grl4j.models.path;

/**
 * The linear interpolation path, configuration type {@code linear} (the rectified-flow path of Liu
 * et al. 2023, "Flow Straight and Fast", with time reversed). Time runs from t = 0 (data) to t = 1
 * (noise):
 *
 * <pre>
 *   s(t)      = 1 - t,          sigma(t) = t
 *   f(t)      = -1 / (1 - t),   g^2(t)   = 2 t / (1 - t)
 *   ds/dt     = -1,             d sigma/dt = 1
 *   lambda(t) = log((1 - t) / t),   t(lambda) = 1 / (1 + e^lambda)
 * </pre>
 *
 * The formulas are exact: no offsets keep t away from the ends. At t = 0, sigma = 0 and lambda =
 * +infinity; at t = 1, s = 0 and f, g^2 are infinite.
 */
public record LinearPath() implements GaussianPath {

    /** The configuration type name. */
    public static final String TYPE = "linear";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double scale(double t) {
        return 1 - t;
    }

    @Override
    public double std(double t) {
        return t;
    }

    @Override
    public double driftCoefficient(double t) {
        return -1 / (1 - t);
    }

    @Override
    public double diffusionSquared(double t) {
        return 2 * t / (1 - t);
    }

    @Override
    public double dScaleDt(double t) {
        return -1;
    }

    @Override
    public double dStdDt(double t) {
        return 1;
    }

    @Override
    public double halfLogSnr(double t) {
        return Math.log1p(-t) - Math.log(t);
    }

    @Override
    public double inverseHalfLogSnr(double lambda) {
        return 1 / (1 + Math.exp(lambda));
    }
}
