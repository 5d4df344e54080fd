package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The Gaussian paths a diffusion model can use (DESIGN.md section 2.1; t = 0 is data, t = 1 is
 * noise): {@code linear_vp_sde} with parameters beta_0 and beta_1, {@code gvp} and {@code linear}
 * without parameters.
 */
public enum DiffusionPathType {
    /** s(t) = exp(-(beta_1 - beta_0) t^2 / 4 - beta_0 t / 2), sigma = sqrt(1 - s^2). */
    LINEAR_VP_SDE("linear_vp_sde"),
    /** s(t) = cos(pi t / 2), sigma(t) = sin(pi t / 2). */
    GVP("gvp"),
    /** s(t) = 1 - t, sigma(t) = t. */
    LINEAR("linear");

    private final String configName;

    DiffusionPathType(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files, e.g. {@code linear_vp_sde}. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /**
     * The path type with this name, ignoring case.
     *
     * @throws ConfigException naming the allowed types; GenerativeRL's declared but never
     *     implemented {@code cosine_vp_sde} and {@code ve_sde} get a note saying so
     */
    public static DiffusionPathType fromConfigName(Object name) {
        String fix = "set path.type to one of the listed names";
        if (name instanceof String text
                && (text.equalsIgnoreCase("cosine_vp_sde") || text.equalsIgnoreCase("ve_sde"))) {
            fix =
                    "GenerativeRL declares "
                            + text
                            + " but never implemented it and neither does grl4j yet;"
                            + " use linear_vp_sde (beta_0 = 0.1, beta_1 = 20.0) or ask for it in"
                            + " an issue";
        }
        return Checks.byName(values(), DiffusionPathType::configName, name, fix);
    }
}
