package org.grl4j.models.card;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the weights of a model file are stored. A quantized model computes an approximation of the
 * trained network; the card says so, so that a sampler can treat it accordingly and a user can tell
 * the files apart.
 */
public enum Quantization {
    /** float32 weights and arithmetic: the network as trained (up to float rounding). */
    NONE("none"),
    /**
     * Dynamic int8 quantization of the fully connected layers: weights stored as int8 with one
     * scale per output unit, each layer's input quantized to uint8 with one scale and zero point
     * per network call (ONNX {@code DynamicQuantizeLinear} and {@code MatMulInteger}). Because the
     * input's scale is taken over the whole batch, a row's output depends on the other rows of its
     * call; samplers evaluate such a model one row per call.
     */
    INT8_DYNAMIC("int8_dynamic");

    private final String configName;

    Quantization(String configName) {
        this.configName = configName;
    }

    /** The name used in model metadata and on the command line. */
    public String configName() {
        return configName;
    }

    /**
     * The quantization with the given name.
     *
     * @throws InvalidModelCardException naming the value and the allowed names when none matches
     */
    public static Quantization fromConfigName(String name) {
        for (Quantization quantization : values()) {
            if (quantization.configName.equals(name)) {
                return quantization;
            }
        }
        throw new InvalidModelCardException(
                "quantization \""
                        + name
                        + "\" is unknown; allowed: "
                        + Arrays.stream(values())
                                .map(Quantization::configName)
                                .collect(Collectors.joining(", ")));
    }
}
