package org.grl4j.exporter.block;

import ai.djl.nn.Block;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps block classes to their {@link BlockExporter}s.
 *
 * <p>{@link #withBuiltIns()} knows every block grl4j ships (DJL's {@code Linear} and {@code
 * SequentialBlock}, the trainer's time encoder, residual blocks and nets, MLPs and the intrinsic
 * model). A user adds an exporter for their own block type with {@link #register}, or lets the
 * block implement {@link OnnxExportable}. Lookup is by exact class: a subclass may compute
 * something else, so it needs its own exporter (the parity check would catch a wrong one). Safe to
 * share between threads.
 */
public final class BlockExporterRegistry {

    private final Map<Class<?>, BlockExporter<?>> exporters = new ConcurrentHashMap<>();

    private BlockExporterRegistry() {}

    /** A registry with no exporters. */
    public static BlockExporterRegistry empty() {
        return new BlockExporterRegistry();
    }

    /** A new registry holding the exporters of every built-in block; add your own to it. */
    public static BlockExporterRegistry withBuiltIns() {
        BlockExporterRegistry registry = new BlockExporterRegistry();
        DjlBlockExporters.registerAll(registry);
        TrainerBlockExporters.registerAll(registry);
        return registry;
    }

    /**
     * Registers the exporter for blocks of exactly {@code type}.
     *
     * @return this registry, for chaining
     * @throws IllegalArgumentException if {@code type} already has an exporter here
     */
    public <B extends Block> BlockExporterRegistry register(
            Class<B> type, BlockExporter<? super B> exporter) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(exporter, "exporter");
        BlockExporter<?> previous = exporters.putIfAbsent(type, exporter);
        if (previous != null) {
            throw new IllegalArgumentException(
                    "block type "
                            + type.getName()
                            + " already has an ONNX exporter in this registry; start from a new"
                            + " registry (BlockExporterRegistry.empty()) to replace a built-in"
                            + " one");
        }
        return this;
    }

    /** Whether {@code block} can be exported: registered, or {@link OnnxExportable}. */
    public boolean canExport(Block block) {
        return exporters.containsKey(block.getClass()) || block instanceof OnnxExportable;
    }

    /** The exporter registered for exactly this class, if any. */
    @SuppressWarnings("unchecked")
    public <B extends Block> Optional<BlockExporter<B>> find(Class<B> type) {
        return Optional.ofNullable((BlockExporter<B>) exporters.get(type));
    }

    /** Every registered block class name, sorted, for error messages. */
    public List<String> registeredTypes() {
        return exporters.keySet().stream()
                .map(Class::getSimpleName)
                .sorted(Comparator.naturalOrder())
                .toList();
    }
}
