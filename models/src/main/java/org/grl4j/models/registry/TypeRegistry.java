package org.grl4j.models.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.grl4j.models.config.ConfigException;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.TypedSpec;

/**
 * Maps type names from configuration files to factories, the Java counterpart of GenerativeRL's
 * {@code register_module}. A module keeps one registry per kind of thing it builds (backbones,
 * encoders, solvers) and users add their own types to it:
 *
 * <pre>{@code
 * record MyModuleArgs(List<Integer> hiddenSizes, int outputDim) {}
 * backbones.register("MyModule", MyModuleArgs.class, args -> new MyModule(args));
 * // a config with backbone: {type: MyModule, args: {hidden_sizes: [512, 256], output_dim: 2}}
 * Backbone b = backbones.create(config.diffusionModel().model().args().backbone(),
 *         "diffusion_model.model.args.backbone");
 * }</pre>
 *
 * <p>Names match ignoring case, as in GenerativeRL. Each type declares its arguments as a record;
 * {@link #create} binds the block's {@code args} to it strictly (snake_case keys map to camelCase
 * components, unknown keys and wrong types fail) and passes it to the factory. Every failure is a
 * {@link ConfigException} naming the key path. Registration and creation are thread-safe.
 *
 * @param <T> what the registered factories build
 */
public final class TypeRegistry<T> {

    private final String kind;
    private final ConcurrentMap<String, Entry<?, T>> entries = new ConcurrentHashMap<>();

    /**
     * An empty registry.
     *
     * @param kind what it holds, used in messages, e.g. "backbone" or "solver"
     */
    public TypeRegistry(String kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Arguments of a type that takes none: any key in its args block is an error. */
    public record NoArgs() {}

    /**
     * Registers a type under a name.
     *
     * @param name the name used in configuration files; matched ignoring case
     * @param argsType the record its {@code args} block binds to; {@link NoArgs} for none
     * @param factory builds the instance from the bound arguments; may throw {@link
     *     ConfigException} (keys relative to args) or IllegalArgumentException to reject them
     * @return this registry, for chained registration
     * @throws IllegalArgumentException if the name is blank or already registered (in any case)
     */
    public <A extends Record> TypeRegistry<T> register(
            String name, Class<A> argsType, Function<? super A, ? extends T> factory) {
        Objects.requireNonNull(argsType, "argsType");
        Objects.requireNonNull(factory, "factory");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "a " + kind + " name must be non-blank; found " + describe(name));
        }
        String trimmed = name.trim();
        Entry<?, T> previous =
                entries.putIfAbsent(key(trimmed), new Entry<>(trimmed, argsType, factory));
        if (previous != null) {
            throw new IllegalArgumentException(
                    "the "
                            + kind
                            + " type \""
                            + trimmed
                            + "\" is already registered (as \""
                            + previous.name()
                            + "\", names ignore case); register it under another name, such as"
                            + " \"My"
                            + trimmed
                            + "\"");
        }
        return this;
    }

    /**
     * Builds the instance a {@code {type, args}} block names.
     *
     * @param spec the block
     * @param keyPath where the block sits in the configuration, e.g. {@code
     *     diffusion_model.model.args.backbone}; prefixes every error's key path
     * @throws ConfigException for an unknown type (listing the registered names) or arguments the
     *     type does not accept
     */
    public T create(TypedSpec spec, String keyPath) {
        Objects.requireNonNull(spec, "spec");
        Entry<?, T> entry = entries.get(key(spec.type()));
        if (entry == null) {
            throw ConfigException.invalid(
                    join(keyPath, "type"),
                    spec.type(),
                    "one of the registered " + kind + " types: " + namesOrNone(),
                    "use one of these names (case does not matter), or register your own type"
                            + " with TypeRegistry.register before creating it");
        }
        return entry.create(spec.args(), join(keyPath, "args"));
    }

    /** Whether a type with this name (ignoring case) is registered. */
    public boolean contains(String name) {
        return name != null && entries.containsKey(key(name.trim()));
    }

    /** The registered names as they were registered, sorted ignoring case. */
    public List<String> names() {
        return entries.values().stream()
                .map(Entry::name)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    /** What this registry holds, e.g. "backbone". */
    public String kind() {
        return kind;
    }

    private String namesOrNone() {
        List<String> names = names();
        return names.isEmpty() ? "(none registered)" : String.join(", ", names);
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static String join(String parent, String child) {
        return parent == null || parent.isEmpty() ? child : parent + "." + child;
    }

    private static String describe(String name) {
        return name == null ? "null" : "\"" + name + "\"";
    }

    /** One registered type: its name as registered, its args record and its factory. */
    private record Entry<A, T>(
            String name, Class<A> argsType, Function<? super A, ? extends T> factory) {

        T create(JsonNode args, String argsPath) {
            A bound = ConfigLoader.bind(args, argsType, argsPath);
            try {
                return factory.apply(bound);
            } catch (ConfigException e) {
                throw e.under(argsPath);
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(
                        argsPath,
                        args,
                        "arguments that " + name + " accepts (it said: " + e.getMessage() + ")",
                        "correct the arguments as the message says");
            }
        }
    }
}
