package org.grl4j.trainer.network;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Element-wise activation functions, by their GenerativeRL configuration names. Each constant
 * states its exact formula so that an exporter can rebuild it from primitive operations:
 *
 * <pre>
 *   silu      x * sigmoid(x)                      (PyTorch SiLU; GenerativeRL's block activation)
 *   mish      x * tanh(softplus(x))
 *   relu      max(x, 0)
 *   selu      lambda * (x if x &gt; 0 else alpha * (exp(x) - 1)),
 *             lambda = 1.0507009873554805, alpha = 1.6732632423543772
 *   tanh      tanh(x)
 *   elu       x if x &gt; 0 else exp(x) - 1           (alpha = 1)
 *   softplus  log(1 + exp(x))
 *   gelu      x * Phi(x) = x / 2 * (1 + erf(x / sqrt 2))   (exact, not the tanh approximation)
 *   sigmoid   1 / (1 + exp(-x))
 *   square    x * x
 *   identity  x
 * </pre>
 *
 * GenerativeRL's {@code swish} has a learnable slope shared by every user; it is deliberately not
 * offered (use {@code silu}, its value at initialization).
 */
public enum Activation {
    SILU("silu"),
    MISH("mish"),
    RELU("relu"),
    SELU("selu"),
    TANH("tanh"),
    ELU("elu"),
    SOFTPLUS("softplus"),
    GELU("gelu"),
    SIGMOID("sigmoid"),
    SQUARE("square"),
    IDENTITY("identity");

    private final String configName;

    Activation(String configName) {
        this.configName = configName;
    }

    /** The configuration name, e.g. {@code silu}. */
    public String configName() {
        return configName;
    }

    /** Applies the activation element-wise; the result is a new array. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
            // DJL 0.36's Activation.mish takes log2 instead of the natural log: not used.
            case MISH -> x.mul(ai.djl.nn.Activation.softPlus(x).tanh());
            case RELU -> ai.djl.nn.Activation.relu(x);
            case SELU -> ai.djl.nn.Activation.selu(x);
            case TANH -> ai.djl.nn.Activation.tanh(x);
            case ELU -> ai.djl.nn.Activation.elu(x, 1f);
            case SOFTPLUS -> ai.djl.nn.Activation.softPlus(x);
            case GELU -> ai.djl.nn.Activation.gelu(x);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(x);
            case SQUARE -> x.square();
            case IDENTITY -> x.duplicate();
        };
    }

    /**
     * Looks an activation up by its configuration name, ignoring case ({@code SiLU}, {@code silu});
     * {@code swish} is not accepted (see the class comment).
     *
     * @throws IllegalArgumentException naming the unknown value and the accepted names
     */
    public static Activation fromName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Activation activation : values()) {
            if (activation.configName.equals(wanted)) {
                return activation;
            }
        }
        throw new IllegalArgumentException(
                "Unknown activation '"
                        + name
                        + "'; use one of "
                        + Arrays.stream(values())
                                .map(Activation::configName)
                                .collect(Collectors.joining(", ")));
    }
}
