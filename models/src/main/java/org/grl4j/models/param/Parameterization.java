package org.grl4j.models.param;

/**
 * The four views of one network output h(t, x, c) for a Gaussian path (DESIGN.md section 2.2). The
 * predicted noise is the hub: with s, sigma, f and g^2 at time t,
 *
 * <pre>
 *   noise_function            n = h                          h = n
 *   score_function            n = -sigma h                   h = -n / sigma
 *   data_prediction_function  n = (x - s h) / sigma          h = (x - sigma n) / s
 *   velocity_function         n = (h - f x) 2 sigma / g^2    h = f x + g^2 n / (2 sigma)
 * </pre>
 */
public enum Parameterization {
    NOISE_FUNCTION("noise_function"),
    SCORE_FUNCTION("score_function"),
    DATA_PREDICTION_FUNCTION("data_prediction_function"),
    VELOCITY_FUNCTION("velocity_function");

    private final String configName;

    Parameterization(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files and model metadata, e.g. {@code noise_function}. */
    public String configName() {
        return configName;
    }
}
