package org.grl4j.models.path;

/**
 * The variance-preserving path with a linear noise schedule, configuration type {@code
 * linear_vp_sde} (Song et al. 2021, "Score-Based Generative Modeling through Stochastic
 * Differential Equations", eq. 11 and appendix B). Time runs from t = 0 (data) to t = 1 (noise):
 *
 * <pre>
 *   beta(t)   = beta_0 + (beta_1 - beta_0) t
 *   log s(t)  = -(beta_1 - beta_0) t^2 / 4 - beta_0 t / 2
 *   sigma(t)  = sqrt(1 - s^2)
 *   f(t)      = -beta(t) / 2,      g^2(t) = beta(t)
 *   ds/dt     = f s,               d sigma/dt = -f s^2 / sigma
 *   t(lambda) = 2 L / (sqrt(beta_0^2 + 2 (beta_1 - beta_0) L) + beta_0),
 *               L = log(1 + e^(-2 lambda))
 * </pre>
 *
 * sigma is computed as sqrt(-expm1(2 log s)) so that it keeps full relative precision near t = 0,
 * where 1 - s^2 would cancel; L is a softplus so that very negative lambda does not overflow. At t
 * = 0, sigma = 0 and d sigma/dt and lambda are infinite.
 *
 * @param beta0 beta_0 > 0, the noise rate at t = 0 (0.1 in most configurations)
 * @param beta1 beta_1 > beta_0, the noise rate at t = 1 (20 in most configurations)
 */
public record LinearVpPath(double beta0, double beta1) implements GaussianPath {

    /** The configuration type name. */
    public static final String TYPE = "linear_vp_sde";

    /** Validates beta_0 > 0, beta_1 > beta_0, both finite. */
    public LinearVpPath {
        PathArguments.positive(TYPE, "beta_0", beta0, "0.1");
        if (!Double.isFinite(beta1) || beta1 <= beta0) {
            throw new IllegalArgumentException(
                    TYPE
                            + " path: beta_1 must be a finite number > beta_0 = "
                            + beta0
                            + ", but was "
                            + beta1
                            + "; set beta_1 above beta_0, for example beta_0 = 0.1, beta_1 ="
                            + " 20");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** beta(t) = beta_0 + (beta_1 - beta_0) t, the instantaneous noise rate. */
    public double beta(double t) {
        return beta0 + (beta1 - beta0) * t;
    }

    /** log s(t) = -(beta_1 - beta_0) t^2 / 4 - beta_0 t / 2. */
    public double logScale(double t) {
        return -(beta1 - beta0) * t * t / 4 - beta0 * t / 2;
    }

    @Override
    public double scale(double t) {
        return Math.exp(logScale(t));
    }

    @Override
    public double std(double t) {
        return Math.sqrt(-Math.expm1(2 * logScale(t)));
    }

    @Override
    public double driftCoefficient(double t) {
        return -beta(t) / 2;
    }

    @Override
    public double diffusionSquared(double t) {
        return beta(t);
    }

    @Override
    public double dScaleDt(double t) {
        return driftCoefficient(t) * scale(t);
    }

    @Override
    public double dStdDt(double t) {
        double s = scale(t);
        return beta(t) * s * s / (2 * std(t));
    }

    /** d sigma^2 / dt = beta(t) s^2, finite at t = 0 where d sigma / dt is not. */
    @Override
    public double dVarianceDt(double t) {
        double s = scale(t);
        return beta(t) * s * s;
    }

    @Override
    public double halfLogSnr(double t) {
        double logS = logScale(t);
        return logS - 0.5 * Math.log(-Math.expm1(2 * logS));
    }

    @Override
    public double inverseHalfLogSnr(double lambda) {
        double l = softplus(-2 * lambda);
        return 2 * l / (Math.sqrt(beta0 * beta0 + 2 * (beta1 - beta0) * l) + beta0);
    }

    /** log(1 + e^x) without overflow for large x or loss of precision for very negative x. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
