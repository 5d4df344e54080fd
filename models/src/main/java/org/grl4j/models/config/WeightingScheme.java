package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How score matching draws the time of each training sample (DESIGN.md section 2.3).
 *
 * <p><b>The default is {@link #MAXIMUM_LIKELIHOOD}</b>, as in GenerativeRL (its {@code
 * weighting_scheme = None}), so that a ported configuration trains the same way. Write {@code
 * weighting_scheme: vanilla} for uniform times.
 */
public enum WeightingScheme {
    /** t ~ U(t_min, t_max): every time equally often. */
    VANILLA("vanilla"),
    /**
     * t drawn with density proportional to g^2(t) / sigma^2(t): importance sampling of the
     * likelihood weighting (Song et al. 2021). <b>The default.</b>
     */
    MAXIMUM_LIKELIHOOD("maximum_likelihood");

    private final String configName;

    WeightingScheme(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files, e.g. {@code vanilla}. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /**
     * The weighting scheme with this name, ignoring case.
     *
     * @throws ConfigException naming the allowed names
     */
    public static WeightingScheme fromConfigName(Object name) {
        return Checks.byName(
                values(),
                WeightingScheme::configName,
                name,
                "set weighting_scheme to vanilla or maximum_likelihood, or leave it out for"
                        + " maximum_likelihood");
    }
}
