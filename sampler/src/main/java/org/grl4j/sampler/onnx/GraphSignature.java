package org.grl4j.sampler.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.grl4j.models.card.ModelCard;

/**
 * Checks a graph's inputs and outputs against its model card (DESIGN.md section 3.1): float32
 * {@code t [N]}, {@code x [N, D]}, {@code condition [N, C]} exactly when C > 0, {@code h [N, D]},
 * and optionally the pair {@code x_tangent [N, D]} / {@code h_tangent [N, D]}; N symbolic. Every
 * problem found is reported at once.
 */
final class GraphSignature {

    private final String model;
    private final ModelCard card;
    private final TensorNames names;
    private final Map<String, NodeInfo> inputs;
    private final Map<String, NodeInfo> outputs;
    private final List<String> problems = new ArrayList<>();

    private GraphSignature(
            String model,
            ModelCard card,
            TensorNames names,
            Map<String, NodeInfo> inputs,
            Map<String, NodeInfo> outputs) {
        this.model = model;
        this.card = card;
        this.names = names;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Checks the graph and tells whether it has the tangent pair.
     *
     * @throws OnnxModelException listing every mismatch, with the graph's actual inputs and outputs
     */
    static boolean check(
            String model,
            ModelCard card,
            TensorNames names,
            Map<String, NodeInfo> inputs,
            Map<String, NodeInfo> outputs) {
        GraphSignature signature = new GraphSignature(model, card, names, inputs, outputs);
        boolean tangent = signature.checkAll();
        if (!signature.problems.isEmpty()) {
            throw new OnnxModelException(signature.report());
        }
        return tangent;
    }

    private boolean checkAll() {
        int d = card.xSize();
        int c = card.conditionSize();
        checkTensor("input", inputs, names.t(), "t", new long[] {-1}, true);
        checkTensor("input", inputs, names.x(), "x", new long[] {-1, d}, true);
        checkTensor("input", inputs, names.condition(), "condition", new long[] {-1, c}, c > 0);
        if (c == 0 && inputs.containsKey(names.condition())) {
            problems.add(
                    "the graph takes input "
                            + names.condition()
                            + " "
                            + describe(inputs.get(names.condition()))
                            + " but the card says condition_size = 0; set condition_size to its"
                            + " width");
        }
        checkTensor("output", outputs, names.h(), "h", new long[] {-1, d}, true);

        boolean tangentIn = inputs.containsKey(names.xTangent());
        boolean tangentOut = outputs.containsKey(names.hTangent());
        if (tangentIn != tangentOut) {
            problems.add(
                    "the graph has "
                            + (tangentIn
                                    ? "input " + names.xTangent()
                                    : "output " + names.hTangent())
                            + " but not "
                            + (tangentIn
                                    ? "output " + names.hTangent()
                                    : "input " + names.xTangent())
                            + "; a tangent graph needs both (DESIGN.md section 3.2)");
        }
        if (tangentIn && tangentOut) {
            checkTensor("input", inputs, names.xTangent(), "x_tangent", new long[] {-1, d}, true);
            checkTensor("output", outputs, names.hTangent(), "h_tangent", new long[] {-1, d}, true);
        }
        checkNoExtraInputs(tangentIn);
        return tangentIn && tangentOut;
    }

    private void checkTensor(
            String role,
            Map<String, NodeInfo> tensors,
            String name,
            String contractName,
            long[] expected,
            boolean required) {
        NodeInfo node = tensors.get(name);
        if (node == null) {
            if (required) {
                problems.add(
                        "the graph has no "
                                + role
                                + " named \""
                                + name
                                + "\" (the contract's "
                                + contractName
                                + "); for a model made elsewhere map it in the sidecar's"
                                + " tensor_names");
            }
            return;
        }
        if (!(node.getInfo() instanceof TensorInfo info)) {
            problems.add(role + " " + name + " is " + node.getInfo() + ", not a tensor");
            return;
        }
        if (info.type != OnnxJavaType.FLOAT) {
            problems.add(
                    role
                            + " "
                            + name
                            + " has element type "
                            + info.type
                            + "; the contract needs float32 (export in float32 or cast at the"
                            + " graph's edges)");
        }
        long[] shape = info.getShape();
        if (!shapeMatches(shape, expected)) {
            problems.add(
                    role
                            + " "
                            + name
                            + " has shape "
                            + describe(node)
                            + " but the card needs "
                            + describeExpected(expected));
        } else if (shape[0] > 0) {
            problems.add(
                    role
                            + " "
                            + name
                            + " has a fixed batch dimension "
                            + shape[0]
                            + "; export it with a symbolic one (torch.onnx.export: dynamic_axes"
                            + " with {0: \"N\"} for every input and output)");
        }
    }

    private static boolean shapeMatches(long[] shape, long[] expected) {
        if (shape.length != expected.length) {
            return false;
        }
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private void checkNoExtraInputs(boolean tangent) {
        TreeSet<String> extra = new TreeSet<>(inputs.keySet());
        extra.remove(names.t());
        extra.remove(names.x());
        if (card.conditionSize() > 0) {
            extra.remove(names.condition());
        }
        if (tangent) {
            extra.remove(names.xTangent());
        }
        extra.remove(names.condition()); // reported above when unexpected
        if (!extra.isEmpty()) {
            problems.add(
                    "the graph has inputs "
                            + extra
                            + " that the contract does not feed; map the contract's names in the"
                            + " sidecar's tensor_names or remove them from the export");
        }
    }

    private String report() {
        StringBuilder message =
                new StringBuilder("ONNX model ")
                        .append(model)
                        .append(" does not match its model card (x_size = ")
                        .append(card.xSize())
                        .append(", condition_size = ")
                        .append(card.conditionSize())
                        .append("):");
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        message.append("\n  graph inputs: ").append(describeAll(inputs));
        message.append("\n  graph outputs: ").append(describeAll(outputs));
        return message.toString();
    }

    private static String describeAll(Map<String, NodeInfo> tensors) {
        List<String> parts = new ArrayList<>();
        tensors.forEach((name, node) -> parts.add(name + " " + describe(node)));
        return String.join(", ", parts);
    }

    private static String describe(NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo info)) {
            return String.valueOf(node.getInfo());
        }
        long[] shape = info.getShape();
        String[] dimNames = info.getDimensionNames();
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            boolean symbolic = shape[i] < 0;
            String dimName = i < dimNames.length ? dimNames[i] : "";
            dims.add(symbolic ? (dimName.isEmpty() ? "?" : dimName) : Long.toString(shape[i]));
        }
        return "[" + String.join(", ", dims) + "] " + info.type;
    }

    private static String describeExpected(long[] expected) {
        List<String> dims = new ArrayList<>();
        for (long dim : expected) {
            dims.add(dim < 0 ? "N" : Long.toString(dim));
        }
        return "[" + String.join(", ", dims) + "] FLOAT";
    }
}
