package org.grl4j.models.path;

/**
 * A Gaussian conditional probability path x_t = s(t) x_0 + sigma(t) noise, noise ~ N(0, I), with t
 * = 0 the data and t = 1 the noise (DESIGN.md section 2.1).
 *
 * <p>Every coefficient follows from s and sigma: the forward SDE dx = f(t) x dt + g(t) dW has f = d
 * log s / dt and g^2 = d sigma^2 / dt - 2 f sigma^2; the half log-SNR is lambda = log s - log
 * sigma. Implementations are immutable and thread-safe; all methods take and return scalars in
 * double precision.
 */
public interface GaussianPath {

    /** The configuration name of this path type, e.g. {@code linear_vp_sde}. */
    String type();

    /** s(t), the scale applied to the data. */
    double scale(double t);

    /** sigma(t), the standard deviation of the added noise. */
    double std(double t);

    /** f(t) = d log s / dt, the drift coefficient of the forward SDE. */
    double driftCoefficient(double t);

    /** g^2(t) = d sigma^2 / dt - 2 f(t) sigma^2(t), the squared diffusion coefficient. */
    double diffusionSquared(double t);

    /** ds/dt. */
    double dScaleDt(double t);

    /** d sigma / dt. */
    double dStdDt(double t);

    /**
     * d sigma^2 / dt = 2 sigma d sigma/dt, the growth rate of the noise variance. Paths override it
     * where the product form is 0 times infinity at an end (linear_vp_sde at t = 0).
     */
    default double dVarianceDt(double t) {
        return 2 * std(t) * dStdDt(t);
    }

    /** lambda(t) = log s(t) - log sigma(t), the half log signal-to-noise ratio. */
    double halfLogSnr(double t);

    /** The inverse of {@link #halfLogSnr}: the time t at which lambda(t) = lambda. */
    double inverseHalfLogSnr(double lambda);
}
