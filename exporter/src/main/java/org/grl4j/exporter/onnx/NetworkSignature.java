package org.grl4j.exporter.onnx;

import java.util.ArrayList;
import java.util.List;
import org.grl4j.exporter.onnx.proto.OnnxProtos.GraphProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.TensorShapeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ValueInfoProto;

/**
 * The inputs and outputs of an exported network (DESIGN.md sections 3.1 and 3.2), all float32 with
 * the symbolic batch axis N first:
 *
 * <pre>
 *   inputs   t [N], x [N, D], condition [N, C] (C &gt; 0 only), x_tangent [N, D] (tangent only)
 *   outputs  h [N, D], h_tangent [N, D] (tangent only)
 * </pre>
 *
 * @param xSize D, at least 1
 * @param conditionSize C, 0 for an unconditional network
 * @param tangent whether the graph takes x_tangent and returns h_tangent
 */
public record NetworkSignature(int xSize, int conditionSize, boolean tangent) {

    public static final String T = "t";
    public static final String X = "x";
    public static final String CONDITION = "condition";
    public static final String X_TANGENT = "x_tangent";
    public static final String H = "h";
    public static final String H_TANGENT = "h_tangent";

    /** Checks the sizes. */
    public NetworkSignature {
        if (xSize < 1) {
            throw new IllegalArgumentException("x size is " + xSize + "; it must be at least 1");
        }
        if (conditionSize < 0) {
            throw new IllegalArgumentException(
                    "condition size is " + conditionSize + "; it must be 0 or more");
        }
    }

    /** Whether the network takes a condition input. */
    public boolean conditional() {
        return conditionSize > 0;
    }

    /** The input names, in order. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>(List.of(T, X));
        if (conditional()) {
            names.add(CONDITION);
        }
        if (tangent) {
            names.add(X_TANGENT);
        }
        return names;
    }

    /**
     * Reads the signature of an exported model from its graph inputs and outputs.
     *
     * @throws IllegalArgumentException if the graph does not follow the contract, naming what is
     *     wrong
     */
    public static NetworkSignature of(ModelProto model) {
        GraphProto graph = model.getGraph();
        int x = width(find(graph.getInputList(), X, "input"), X);
        find(graph.getInputList(), T, "input");
        find(graph.getOutputList(), H, "output");
        ValueInfoProto condition = findOptional(graph.getInputList(), CONDITION);
        boolean tangent = findOptional(graph.getInputList(), X_TANGENT) != null;
        if (tangent != (findOptional(graph.getOutputList(), H_TANGENT) != null)) {
            throw new IllegalArgumentException(
                    "graph '"
                            + graph.getName()
                            + "' has only one of input x_tangent and output h_tangent; a tangent"
                            + " model has both");
        }
        return new NetworkSignature(
                x, condition == null ? 0 : width(condition, CONDITION), tangent);
    }

    private static ValueInfoProto find(List<ValueInfoProto> values, String name, String kind) {
        ValueInfoProto value = findOptional(values, name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "the model has no "
                            + kind
                            + " named '"
                            + name
                            + "'; grl4j networks have inputs t, x[, condition][, x_tangent] and"
                            + " outputs h[, h_tangent]");
        }
        return value;
    }

    private static ValueInfoProto findOptional(List<ValueInfoProto> values, String name) {
        return values.stream().filter(v -> v.getName().equals(name)).findFirst().orElse(null);
    }

    private static int width(ValueInfoProto value, String name) {
        TensorShapeProto shape = value.getType().getTensorType().getShape();
        if (shape.getDimCount() != 2 || !shape.getDim(1).hasDimValue()) {
            throw new IllegalArgumentException(
                    "input '"
                            + name
                            + "' must have shape [N, width] with a fixed width, found "
                            + shape.getDimList());
        }
        return Math.toIntExact(shape.getDim(1).getDimValue());
    }
}
