package org.grl4j.models.card;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The probability path a model was trained on: its type name and numeric parameters, as in the
 * configuration's {@code path} block, e.g. {@code {"type": "linear_vp_sde", "beta_0": 0.1,
 * "beta_1": 20.0}} (DESIGN.md sections 2.1 and 4). The card records the path; building the path
 * object from it is the job of the path registry.
 *
 * @param type the path type, e.g. {@code linear_vp_sde}, {@code gvp}, {@code linear}
 * @param parameters the path's parameters by name, in insertion order; unmodifiable
 */
public record PathSpec(String type, Map<String, Double> parameters) {

    public PathSpec {
        if (type == null || type.isBlank()) {
            throw new InvalidModelCardException(
                    "path type is \"" + type + "\"; give a path type such as linear_vp_sde");
        }
        if (parameters == null) {
            parameters = Map.of();
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.put(name, checkedParameter(type, name, value)));
        parameters = Collections.unmodifiableMap(copy);
    }

    /** A path with no parameters, e.g. {@code gvp}. */
    public static PathSpec of(String type) {
        return new PathSpec(type, Map.of());
    }

    /**
     * The value of one parameter.
     *
     * @throws IllegalArgumentException naming the parameter and the ones present when it is absent
     */
    public double parameter(String name) {
        Double value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "path "
                            + type
                            + " has no parameter \""
                            + name
                            + "\"; it has "
                            + parameters.keySet());
        }
        return value;
    }

    private static double checkedParameter(String type, String name, Double value) {
        if (name == null || name.isBlank() || name.equals("type")) {
            throw new InvalidModelCardException(
                    "path " + type + " has a parameter named \"" + name + "\"; use another name");
        }
        if (value == null || !Double.isFinite(value)) {
            throw new InvalidModelCardException(
                    "path " + type + " parameter " + name + " is " + value + "; it must be finite");
        }
        return value;
    }
}
