package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.grl4j.models.param.Parameterization;

/**
 * A network and what its output means, GenerativeRL's {@code model} block: {@code {type:
 * noise_function, args: {t_encoder: ..., backbone: ...}}}.
 *
 * @param type the parameterization of the network output h (DESIGN.md section 2.2)
 * @param args the network
 */
public record ModelConfig(
        @JsonProperty("type") Parameterization type,
        @JsonProperty("args") IntrinsicModelConfig args) {

    private static final String ALLOWED_TYPES =
            Checks.names(Parameterization.values(), Parameterization::configName);

    /** Checks that both keys are present. */
    public ModelConfig {
        Checks.required(
                "type",
                type,
                "one of " + ALLOWED_TYPES,
                "add type: noise_function (or the parameterization your network outputs)");
        Checks.required(
                "args",
                args,
                "a mapping with backbone and optional t_encoder, x_encoder, condition_encoder",
                "add args: {t_encoder: ..., backbone: {type: ..., args: ...}}");
    }

    /**
     * The parameterization with this configuration name, ignoring case.
     *
     * @throws ConfigException naming the four allowed names
     */
    public static Parameterization parameterization(Object name) {
        return Checks.byName(
                Parameterization.values(),
                Parameterization::configName,
                name,
                "set the model type to the quantity the network outputs");
    }

    /** Throws unless the network outputs {@code required}; {@code key} names this block. */
    void requireType(String key, Parameterization required, String why) {
        if (type != required) {
            throw ConfigException.invalid(
                    key + ".type",
                    type.configName(),
                    required.configName() + " (" + why + ")",
                    "set " + key + ".type to " + required.configName());
        }
    }
}
