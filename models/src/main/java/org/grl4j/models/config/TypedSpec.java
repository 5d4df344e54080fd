package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A {@code {type, args}} block naming something built by a registry: a backbone ({@code
 * TemporalSpatialResidualNet}), an encoder ({@code GaussianFourierProjectionTimeEncoder}) or a
 * solver ({@code ODESolver}). The args stay a raw JSON object here because their schema belongs to
 * the registered type; {@link org.grl4j.models.registry.TypeRegistry#create} binds and checks them.
 *
 * @param type the registered name, matched ignoring case
 * @param args the arguments as a JSON object; empty when left out
 */
public record TypedSpec(@JsonProperty("type") String type, @JsonProperty("args") JsonNode args) {

    /** Validates the block: a non-blank type, and args that are absent or a mapping. */
    public TypedSpec {
        if (type == null || type.isBlank()) {
            throw ConfigException.missing(
                    "type",
                    "the name of a registered type, e.g. TemporalSpatialResidualNet",
                    "add type: <name> to this block");
        }
        if (args == null || args.isNull() || args.isMissingNode()) {
            args = JsonNodeFactory.instance.objectNode();
        } else if (!args.isObject()) {
            throw ConfigException.invalid(
                    "args",
                    args,
                    "a mapping of argument names to values",
                    "write args as key: value pairs, or leave args out");
        } else {
            args = args.deepCopy();
        }
    }

    /** A block with no arguments. */
    public static TypedSpec of(String type) {
        return new TypedSpec(type, null);
    }

    /** A copy of the arguments (the record stays immutable). */
    @Override
    public JsonNode args() {
        return args.deepCopy();
    }
}
