package org.grl4j.sampler.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The graph's names for the tensors of the grl4j contract (DESIGN.md section 3.1): time {@code t
 * [N]}, state {@code x [N, D]}, {@code condition [N, C]}, output {@code h [N, D]}, and the optional
 * tangent pair {@code x_tangent}, {@code h_tangent}. A grl4j export uses the {@link #STANDARD}
 * names; a network exported elsewhere (e.g. by {@code torch.onnx.export} with {@code
 * input_names=["time", "state"]}) maps them in its sidecar.
 *
 * @param t the time input, shape [N]
 * @param x the state input, shape [N, D]
 * @param condition the condition input, shape [N, C] (used only when the card says C > 0)
 * @param h the output, shape [N, D]
 * @param xTangent the optional tangent input, shape [N, D]
 * @param hTangent the optional tangent output, shape [N, D]
 */
public record TensorNames(
        String t, String x, String condition, String h, String xTangent, String hTangent) {

    /** The names of the grl4j contract. */
    public static final TensorNames STANDARD =
            new TensorNames("t", "x", "condition", "h", "x_tangent", "h_tangent");

    /** The keys of a sidecar's {@code tensor_names} object, in the order of the components. */
    public static final List<String> KEYS =
            List.of("t", "x", "condition", "h", "x_tangent", "h_tangent");

    public TensorNames {
        String[] names = {t, x, condition, h, xTangent, hTangent};
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null || names[i].isBlank()) {
                throw new IllegalArgumentException(
                        "tensor name for "
                                + KEYS.get(i)
                                + " is \""
                                + names[i]
                                + "\"; give the graph's name");
            }
        }
    }

    /**
     * The standard names overridden by a JSON object such as {@code {"t": "time", "x": "state",
     * "h": "velocity"}}; keys left out keep their standard name.
     *
     * @throws IllegalArgumentException naming an unknown key or a value that is not a string
     */
    public static TensorNames fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(
                    "tensor_names is " + json + "; give an object such as {\"t\": \"time\"}");
        }
        String[] names = {
            STANDARD.t,
            STANDARD.x,
            STANDARD.condition,
            STANDARD.h,
            STANDARD.xTangent,
            STANDARD.hTangent
        };
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            int index = KEYS.indexOf(entry.getKey());
            if (index < 0) {
                throw new IllegalArgumentException(
                        "tensor_names has unknown key \""
                                + entry.getKey()
                                + "\"; allowed keys are "
                                + KEYS);
            }
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        "tensor_names."
                                + entry.getKey()
                                + " is "
                                + entry.getValue()
                                + "; give the graph's tensor name as a string");
            }
            names[index] = entry.getValue().asText();
        }
        return new TensorNames(names[0], names[1], names[2], names[3], names[4], names[5]);
    }
}
