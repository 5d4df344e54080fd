package org.grl4j.exporter.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.grl4j.exporter.onnx.DualValue;
import org.grl4j.exporter.onnx.OnnxGraphBuilder;
import org.grl4j.exporter.onnx.TangentGraph;
import org.grl4j.exporter.onnx.Value;

/**
 * The state of one export that block exporters work through: the graph under construction, the
 * registry that exports child blocks, and helpers that freeze DJL parameters into initializers.
 *
 * <p>Each {@link #export} call opens a naming scope, so nodes and weights are named after the
 * block's place in the network ({@code backbone/down_block.0/dense1/Gemm}) and errors say where the
 * offending block sits.
 */
public final class ExportContext {

    private final BlockExporterRegistry registry;
    private final TangentGraph tangents;
    private final Deque<String> path = new ArrayDeque<>();

    /** An export that adds to {@code graph} using the exporters in {@code registry}. */
    public ExportContext(BlockExporterRegistry registry, OnnxGraphBuilder graph) {
        this.registry = registry;
        this.tangents = new TangentGraph(graph);
    }

    /** The graph under construction. */
    public OnnxGraphBuilder graph() {
        return tangents.graph();
    }

    /** Operations on values with tangents; use these so the tangent output stays correct. */
    public TangentGraph tangents() {
        return tangents;
    }

    /**
     * Exports a (child) block under the name {@code name}, through its registered exporter or its
     * own {@link OnnxExportable} implementation.
     *
     * @throws UnsupportedBlockException if the block has neither
     */
    @SuppressWarnings({"unchecked", "try"}) // the scope only closes
    public List<DualValue> export(Block block, String name, List<DualValue> inputs) {
        path.addLast(name);
        try (OnnxGraphBuilder.Scope scope = graph().scope(name)) {
            Optional<BlockExporter<Block>> exporter =
                    registry.find((Class<Block>) block.getClass());
            if (exporter.isPresent()) {
                return List.copyOf(exporter.get().export(block, inputs, this));
            }
            if (block instanceof OnnxExportable exportable) {
                return List.copyOf(exportable.exportOnnx(inputs, this));
            }
            throw unsupported(block);
        } finally {
            path.removeLast();
        }
    }

    /** {@link #export(Block, String, List)} for a block with a single output. */
    public DualValue exportSingle(Block block, String name, DualValue... inputs) {
        List<DualValue> outputs = export(block, name, Arrays.asList(inputs));
        if (outputs.size() != 1) {
            throw new IllegalStateException(
                    "block at "
                            + location(name)
                            + " returned "
                            + outputs.size()
                            + " outputs where one was expected");
        }
        return outputs.get(0);
    }

    /**
     * A DJL {@link Linear} applied to {@code x}: y = x Wᵀ + b with W {@code [out, in]}, the tangent
     * dx Wᵀ.
     */
    public DualValue linear(Linear layer, String name, DualValue x) {
        return exportSingle(layer, name, x);
    }

    /**
     * Freezes a parameter into a float initializer named after the current block.
     *
     * @param name the parameter's name in the graph (within the current scope)
     * @param expectedShape the shape the exporter needs, or none to take the parameter's own
     * @throws MissingParameterException if the parameter has no value or another shape
     */
    public Value parameter(Parameter parameter, String name, long... expectedShape) {
        if (parameter == null || !parameter.isInitialized() || parameter.getArray() == null) {
            throw new MissingParameterException(
                    "parameter '"
                            + name
                            + "' of the block at "
                            + location(null)
                            + " has no value; initialize the network or load its trained"
                            + " parameters before exporting");
        }
        NDArray array = parameter.getArray();
        long[] shape = array.getShape().getShape();
        if (expectedShape.length > 0 && !Arrays.equals(shape, expectedShape)) {
            throw new MissingParameterException(
                    "parameter '"
                            + name
                            + "' of the block at "
                            + location(null)
                            + " has shape "
                            + Arrays.toString(shape)
                            + " but "
                            + Arrays.toString(expectedShape)
                            + " is needed; the parameters do not belong to this network's"
                            + " configuration");
        }
        return graph().initializer(name, toFloats(array), shape);
    }

    /**
     * The direct parameter {@code name} of {@code block}.
     *
     * @throws MissingParameterException if the block has no such parameter
     */
    public Parameter directParameter(Block block, String name) {
        Parameter parameter = block.getDirectParameters().get(name);
        if (parameter == null) {
            throw new MissingParameterException(
                    "the block at "
                            + location(null)
                            + " ("
                            + block.getClass().getSimpleName()
                            + ") has no parameter '"
                            + name
                            + "'; it has "
                            + block.getDirectParameters().keys());
        }
        return parameter;
    }

    /** Where the block being exported sits, as a slash-separated path of names. */
    public String location(String child) {
        StringBuilder where = new StringBuilder(String.join("/", path));
        if (child != null) {
            where.append(where.length() == 0 ? "" : "/").append(child);
        }
        return where.length() == 0 ? "<network>" : where.toString();
    }

    private UnsupportedBlockException unsupported(Block block) {
        return new UnsupportedBlockException(
                "no ONNX exporter for block type "
                        + block.getClass().getName()
                        + " at "
                        + location(null)
                        + "; register one with BlockExporterRegistry.register("
                        + block.getClass().getSimpleName()
                        + ".class, exporter), let the block implement OnnxExportable, or build it"
                        + " from exportable blocks. Exportable types: "
                        + registry.registeredTypes());
    }

    private static float[] toFloats(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
            return converted.toFloatArray();
        }
    }
}
