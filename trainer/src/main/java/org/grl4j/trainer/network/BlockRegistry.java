package org.grl4j.trainer.network;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Block types by name, the Java counterpart of GenerativeRL's {@code register_module} and {@code
 * register_encoder}: a configuration's {@code {type, args}} entry resolves through it, and users
 * add their own blocks under new names.
 *
 * <pre>
 *   BlockRegistry.global().register("MyModule", args -&gt; new MyBlock(args.getInt("width")));
 * </pre>
 *
 * Names are matched ignoring case, as in GenerativeRL; registering a name twice is an error.
 * Built-in names: {@code TemporalSpatialResidualNet}, {@code MultiLayerPerceptron}, {@code
 * ConcatenateMLP}, {@code GaussianFourierProjectionTimeEncoder}. Thread-safe.
 *
 * <p>TODO(#4): share the generic registry of the models module once it exists.
 */
public final class BlockRegistry {

    private static final BlockRegistry GLOBAL = withBuiltIns();

    private final Map<String, Entry> factories = new ConcurrentHashMap<>();

    private record Entry(String name, BlockFactory factory) {}

    /** An empty registry. */
    public BlockRegistry() {}

    /** The process-wide registry that configurations use by default, with the built-in blocks. */
    public static BlockRegistry global() {
        return GLOBAL;
    }

    /** A new registry holding only the built-in blocks. */
    public static BlockRegistry withBuiltIns() {
        BlockRegistry registry = new BlockRegistry();
        registry.register("TemporalSpatialResidualNet", BlockRegistry::temporalSpatialResidualNet);
        registry.register("MultiLayerPerceptron", BlockRegistry::multiLayerPerceptron);
        registry.register("ConcatenateMLP", args -> new ConcatenateMlp(multiLayerPerceptron(args)));
        registry.register("GaussianFourierProjectionTimeEncoder", BlockRegistry::fourierEncoder);
        return registry;
    }

    /**
     * Adds a block type.
     *
     * @throws IllegalArgumentException if the name (ignoring case) is taken
     */
    public void register(String name, BlockFactory factory) {
        if (name == null || name.isBlank() || factory == null) {
            throw new IllegalArgumentException(
                    "A block type needs a non-blank name and a factory, got name '" + name + "'");
        }
        Entry previous = factories.putIfAbsent(key(name), new Entry(name, factory));
        if (previous != null) {
            throw new IllegalArgumentException(
                    "Block type '"
                            + name
                            + "' is already registered (as '"
                            + previous.name()
                            + "'); choose another name");
        }
    }

    /** Whether a type of this name (ignoring case) is registered. */
    public boolean contains(String name) {
        return name != null && factories.containsKey(key(name));
    }

    /** The registered names as they were registered, sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        factories.values().forEach(entry -> names.add(entry.name()));
        return names;
    }

    /** Builds the block of type {@code type} from {@code args}. */
    public Block create(String type, BlockArgs args) {
        Entry entry = type == null ? null : factories.get(key(type));
        if (entry == null) {
            throw new IllegalArgumentException(
                    "Unknown block type '"
                            + type
                            + "' at "
                            + args.path()
                            + "; registered types: "
                            + names()
                            + "; add your own with BlockRegistry.register");
        }
        return entry.factory().create(args);
    }

    /** Builds a block from a {@code {type, args}} object. */
    public Block create(BlockArgs typeAndArgs) {
        typeAndArgs.requireOnly(Set.of("type", "args"));
        String type = typeAndArgs.getString("type", null);
        BlockArgs args =
                typeAndArgs.has("args")
                        ? typeAndArgs.getObject("args")
                        : new BlockArgs(typeAndArgs.path() + ".args", Map.of());
        return create(type, args);
    }

    /**
     * Builds an {@link IntrinsicModel} from GenerativeRL's {@code model.args}: {@code backbone}
     * (required), {@code t_encoder} and {@code condition_encoder} (optional), each a {@code {type,
     * args}} object.
     */
    public IntrinsicModel createIntrinsicModel(int xSize, int conditionSize, BlockArgs modelArgs) {
        modelArgs.requireOnly(Set.of("t_encoder", "condition_encoder", "backbone"));
        Block timeEncoder =
                modelArgs.has("t_encoder") ? create(modelArgs.getObject("t_encoder")) : null;
        Block conditionEncoder =
                modelArgs.has("condition_encoder")
                        ? create(modelArgs.getObject("condition_encoder"))
                        : null;
        Block backbone = create(modelArgs.getObject("backbone"));
        return new IntrinsicModel(xSize, conditionSize, timeEncoder, conditionEncoder, backbone);
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static Block temporalSpatialResidualNet(BlockArgs args) {
        args.requireOnly(
                Set.of(
                        "hidden_sizes",
                        "output_dim",
                        "t_dim",
                        "input_dim",
                        "condition_dim",
                        "condition_hidden_dim",
                        "t_condition_hidden_dim"));
        int outputDim = args.getInt("output_dim");
        return new TemporalSpatialResidualNet(
                args.getIntList("hidden_sizes"),
                outputDim,
                args.getInt("t_dim"),
                args.getInt("input_dim", outputDim),
                args.getInt("condition_dim", 0),
                args.getInt("condition_hidden_dim", 0),
                args.getInt("t_condition_hidden_dim", 0));
    }

    private static MultiLayerPerceptron multiLayerPerceptron(BlockArgs args) {
        args.requireOnly(
                Set.of("hidden_sizes", "output_size", "activation", "final_activation", "scale"));
        List<Integer> hiddenSizes = args.getIntList("hidden_sizes");
        List<Activation> activations =
                args.getStringOrList("activation").stream().map(Activation::fromName).toList();
        if (activations.size() == 1) {
            activations =
                    java.util.Collections.nCopies(
                            Math.max(hiddenSizes.size() - 1, 0), activations.get(0));
        }
        String finalActivation = args.getString("final_activation", null);
        return new MultiLayerPerceptron(
                hiddenSizes,
                args.getInt("output_size"),
                activations,
                finalActivation == null ? null : Activation.fromName(finalActivation),
                args.getDouble("scale", 1.0));
    }

    private static Block fourierEncoder(BlockArgs args) {
        args.requireOnly(Set.of("embed_dim", "scale", "requires_grad"));
        return new GaussianFourierTimeEncoder(
                args.getInt("embed_dim"),
                args.getDouble("scale", GaussianFourierTimeEncoder.DEFAULT_SCALE),
                args.getBoolean("requires_grad", false));
    }
}
