package org.grl4j.trainer.network;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.grl4j.models.config.ConfigException;
import org.grl4j.models.config.IntrinsicModelConfig;
import org.grl4j.models.registry.TypeRegistry;

/**
 * The block types that configurations name, the Java counterpart of GenerativeRL's {@code
 * register_module} (backbones) and {@code register_encoder} (time and condition encoders), built on
 * the models module's {@link TypeRegistry}. Users add their own blocks:
 *
 * <pre>{@code
 * record MyModuleArgs(List<Integer> hiddenSizes, Integer outputDim) {}
 * NetworkRegistry.global().backbones()
 *         .register("MyModule", MyModuleArgs.class, args -> new MyBlock(args));
 * }</pre>
 *
 * A backbone receives {@code NDList(tEmbedding [N, T], x [N, D][, condition [N, C']])} and returns
 * {@code [N, D]}; an encoder maps one {@code [N]} or {@code [N, C]} input to {@code [N, width]}.
 * Built-in backbones: {@code TemporalSpatialResidualNet}, {@code MultiLayerPerceptron}, {@code
 * ConcatenateMLP}; built-in encoders: {@code GaussianFourierProjectionTimeEncoder}. Names match
 * ignoring case; arguments bind strictly (snake_case keys, unknown keys fail). Thread-safe.
 */
public final class NetworkRegistry {

    private static final NetworkRegistry GLOBAL = withBuiltIns();

    private final TypeRegistry<Block> backbones = new TypeRegistry<>("backbone");
    private final TypeRegistry<Block> encoders = new TypeRegistry<>("encoder");

    private NetworkRegistry() {}

    /** The process-wide registry that configurations use by default. */
    public static NetworkRegistry global() {
        return GLOBAL;
    }

    /** A new registry holding only the built-in types (for isolated use, e.g. in tests). */
    public static NetworkRegistry withBuiltIns() {
        NetworkRegistry registry = new NetworkRegistry();
        registry.backbones.register(
                "TemporalSpatialResidualNet",
                TemporalSpatialResidualNetArgs.class,
                TemporalSpatialResidualNetArgs::build);
        registry.backbones.register(
                "MultiLayerPerceptron",
                MultiLayerPerceptronArgs.class,
                MultiLayerPerceptronArgs::build);
        registry.backbones.register(
                "ConcatenateMLP",
                MultiLayerPerceptronArgs.class,
                args -> new ConcatenateMlp(args.build()));
        registry.encoders.register(
                "GaussianFourierProjectionTimeEncoder",
                GaussianFourierArgs.class,
                GaussianFourierArgs::build);
        return registry;
    }

    /** Backbone types: {@code model.args.backbone}. */
    public TypeRegistry<Block> backbones() {
        return backbones;
    }

    /** Encoder types: {@code model.args.t_encoder} and {@code model.args.condition_encoder}. */
    public TypeRegistry<Block> encoders() {
        return encoders;
    }

    /**
     * Builds the network of a {@code model.args} block.
     *
     * @param xSize D
     * @param conditionSize C, or 0 for an unconditional model
     * @param config the block
     * @param keyPath where it sits, e.g. {@code diffusion_model.model.args}
     * @throws ConfigException for unknown types, bad arguments or an x_encoder (not supported)
     */
    public IntrinsicModel createIntrinsicModel(
            int xSize, int conditionSize, IntrinsicModelConfig config, String keyPath) {
        if (config.xEncoder() != null) {
            throw ConfigException.invalid(
                    keyPath + ".x_encoder",
                    config.xEncoder().type(),
                    "no x_encoder (the network contract keeps x as it is)",
                    "remove x_encoder");
        }
        Block timeEncoder =
                config.tEncoder() == null
                        ? null
                        : encoders.create(config.tEncoder(), keyPath + ".t_encoder");
        Block conditionEncoder =
                config.conditionEncoder() == null
                        ? null
                        : encoders.create(
                                config.conditionEncoder(), keyPath + ".condition_encoder");
        Block backbone = backbones.create(config.backbone(), keyPath + ".backbone");
        return new IntrinsicModel(xSize, conditionSize, timeEncoder, conditionEncoder, backbone);
    }

    private static int required(String key, Integer value) {
        if (value == null) {
            throw ConfigException.missing(key, "a positive integer", "add " + key + ": <width>");
        }
        return value;
    }

    private static int optional(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /**
     * {@code TemporalSpatialResidualNet} arguments, GenerativeRL's names; {@code input_dim}
     * defaults to {@code output_dim}, the condition widths to none.
     */
    public record TemporalSpatialResidualNetArgs(
            List<Integer> hiddenSizes,
            Integer outputDim,
            Integer tDim,
            Integer inputDim,
            Integer conditionDim,
            Integer conditionHiddenDim,
            Integer tConditionHiddenDim) {

        TemporalSpatialResidualNet build() {
            if (hiddenSizes == null) {
                throw ConfigException.missing(
                        "hidden_sizes", "a list of widths", "add hidden_sizes: [512, 256, 128]");
            }
            int output = required("output_dim", outputDim);
            return new TemporalSpatialResidualNet(
                    hiddenSizes,
                    output,
                    required("t_dim", tDim),
                    optional(inputDim, output),
                    optional(conditionDim, 0),
                    optional(conditionHiddenDim, 0),
                    optional(tConditionHiddenDim, 0));
        }
    }

    /**
     * {@code MultiLayerPerceptron} / {@code ConcatenateMLP} arguments: {@code hidden_sizes} (input
     * width first), {@code output_size}, {@code activation} (one name or one per hidden layer),
     * optional {@code final_activation} and {@code scale}.
     */
    public record MultiLayerPerceptronArgs(
            List<Integer> hiddenSizes,
            Integer outputSize,
            JsonNode activation,
            String finalActivation,
            Double scale) {

        MultiLayerPerceptron build() {
            if (hiddenSizes == null || hiddenSizes.isEmpty()) {
                throw ConfigException.missing(
                        "hidden_sizes",
                        "the input width followed by the hidden widths",
                        "add hidden_sizes: [<input width>, 256, 256]");
            }
            return new MultiLayerPerceptron(
                    hiddenSizes,
                    required("output_size", outputSize),
                    activations(hiddenSizes.size() - 1),
                    finalActivation == null ? null : Activation.fromName(finalActivation),
                    scale == null ? 1.0 : scale);
        }

        private List<Activation> activations(int hiddenLayers) {
            if (activation == null || activation.isNull()) {
                throw ConfigException.missing(
                        "activation",
                        "an activation name or a list of names",
                        "add activation: silu");
            }
            if (activation.isTextual()) {
                return Collections.nCopies(hiddenLayers, Activation.fromName(activation.asText()));
            }
            List<Activation> out = new ArrayList<>();
            for (JsonNode name : activation) {
                out.add(Activation.fromName(name.asText()));
            }
            return out;
        }
    }

    /**
     * {@code GaussianFourierProjectionTimeEncoder(embed_dim, scale = 30, requires_grad = false)}.
     */
    public record GaussianFourierArgs(Integer embedDim, Double scale, Boolean requiresGrad) {

        GaussianFourierTimeEncoder build() {
            return new GaussianFourierTimeEncoder(
                    required("embed_dim", embedDim),
                    scale == null ? GaussianFourierTimeEncoder.DEFAULT_SCALE : scale,
                    requiresGrad != null && requiresGrad);
        }
    }
}
