package org.grl4j.models.path;

/**
 * The conditional flow matching path with constant noise (Lipman et al. 2023; Tong et al. 2024,
 * "Improving and generalizing flow-based generative models with minibatch optimal transport", the
 * I-CFM and OT-CFM path). t = 0 is the source, t = 1 the data:
 *
 * <pre>
 *   x_t = (1 - t) x_0 + t x_1 + sigma_min z,   sigma(t) = sigma_min,   u_t = x_1 - x_0
 * </pre>
 *
 * sigma_min = 0 is allowed (the deterministic interpolant); then the conditional score is
 * undefined.
 *
 * @param sigma sigma_min >= 0, the constant standard deviation (GenerativeRL key {@code sigma})
 */
public record ConstantNoisePath(double sigma) implements InterpolationPath {

    /** The configuration type name. */
    public static final String TYPE = "constant_noise";

    /** Validates sigma >= 0 and finite. */
    public ConstantNoisePath {
        PathArguments.nonNegative(TYPE, "sigma", sigma, "0 or 0.01");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double std(double t) {
        return sigma;
    }

    @Override
    public double dStdDt(double t) {
        return 0;
    }

    @Override
    public double dLogStdDt(double t) {
        return 0;
    }

    /** u_t = x_1 - x_0: the noise term does not move with t. */
    @Override
    public double conditionalVelocity(double t, double source, double data, double x) {
        return data - source;
    }
}
