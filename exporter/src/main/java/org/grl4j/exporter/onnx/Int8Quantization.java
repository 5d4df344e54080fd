package org.grl4j.exporter.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.grl4j.exporter.onnx.proto.OnnxProtos.AttributeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.GraphProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.NodeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.TensorProto;

/**
 * Dynamic int8 quantization of the fully connected layers of a model, for single-sample latency: a
 * batch-1 evaluation reads every weight once, so it is bound by how many bytes the weights take,
 * and int8 weights take a quarter of float32's.
 *
 * <p>Every {@code Gemm} y = x W^T + b whose weight W [out, in] is a float initializer with at least
 * {@code minElements} elements becomes, in standard ONNX operators (opset 10 and 11):
 *
 * <pre>
 *   x_q, a, z = DynamicQuantizeLinear(x)    a = (max(0, max x) - min(0, min x)) / 255,
 *                                           z = round(-min(0, min x) / a), x_q = round(x / a) + z
 *   p         = MatMulInteger(x_q, Q, z, 0) int32: sum_i (x_q,i - z) Q_ij
 *   y         = Cast(p) * (a s) + b         s_j per output unit
 * </pre>
 *
 * with W quantized offline, symmetrically per output unit: s_j = max_i |W_ji| / 127 and Q_ij =
 * round(W_ji / s_j) in [-127, 127] (Q is W transposed, [in, out]), stored as uint8 Q + 128 with
 * zero point 128 (see {@link #WEIGHT_ZERO_POINT}). ONNX Runtime fuses the pattern into one int8
 * kernel. The error per layer is at most about a/2 sum_i |W_ji| + (s_j / 2) sum_i |x_i|; {@code
 * Int8QuantizationTest} measures it on the standard network.
 *
 * <p>a and z are taken over the whole input tensor, so a row's result depends on the other rows of
 * the same call; the model card marks the file (grl4j.quantization) and the sampler evaluates such
 * a file one row per call.
 */
public final class Int8Quantization {

    /** The default smallest weight quantized: a 64 x 64 layer. Smaller layers stay float. */
    public static final int DEFAULT_MIN_ELEMENTS = 4096;

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /**
     * The weight codes are stored as uint8 Q + 128 with zero point 128. Signed int8 codes would be
     * as exact in ONNX's definition, but ONNX Runtime's uint8 x int8 kernel for AVX2 processors
     * without VNNI adds pairs of products in saturating 16-bit arithmetic (255 x 127 x 2 exceeds 32
     * 767) and was measured 8% off on such a machine; its uint8 x uint8 kernel widens first.
     */
    private static final int WEIGHT_ZERO_POINT = 128;

    private Int8Quantization() {}

    /** The result: the new model and how many layers were quantized. */
    public record Result(ModelProto model, int quantizedLayers, long floatBytesRemoved) {}

    /**
     * Quantizes every eligible layer of {@code model} (see the class description).
     *
     * @throws IllegalArgumentException if {@code minElements} is not positive or the model has no
     *     eligible layer
     */
    public static Result apply(ModelProto model, int minElements) {
        if (minElements < 1) {
            throw new IllegalArgumentException(
                    "minElements is " + minElements + "; it must be at least 1 (default 4096)");
        }
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto tensor : graph.getInitializerList()) {
            initializers.put(tensor.getName(), tensor);
        }
        Rewrite rewrite = new Rewrite(initializers, minElements, names(graph));
        for (NodeProto node : graph.getNodeList()) {
            rewrite.visit(node);
        }
        if (rewrite.quantized == 0) {
            throw new IllegalArgumentException(
                    "no fully connected layer has a weight of "
                            + minElements
                            + " or more elements, so there is nothing to quantize; lower the"
                            + " threshold or export the float model");
        }
        GraphProto.Builder out = graph.toBuilder().clearNode().addAllNode(rewrite.nodes);
        out.clearInitializer();
        Set<String> stillUsed = inputsOf(rewrite.nodes);
        for (TensorProto tensor : graph.getInitializerList()) {
            if (stillUsed.contains(tensor.getName())) {
                out.addInitializer(tensor);
            }
        }
        out.addAllInitializer(rewrite.added);
        long removed = 0;
        for (String name : rewrite.replacedWeights) {
            if (!stillUsed.contains(name)) {
                removed += 4L * elements(initializers.get(name));
            }
        }
        return new Result(model.toBuilder().setGraph(out).build(), rewrite.quantized, removed);
    }

    /** The walk over the nodes, in order, replacing eligible Gemms. */
    private static final class Rewrite {
        private final Map<String, TensorProto> initializers;
        private final int minElements;
        private final Set<String> usedNames;
        private final Map<String, String> quantizedWeights = new HashMap<>();
        final List<NodeProto> nodes = new ArrayList<>();
        final List<TensorProto> added = new ArrayList<>();
        final Set<String> replacedWeights = new HashSet<>();
        int quantized;

        Rewrite(Map<String, TensorProto> initializers, int minElements, Set<String> usedNames) {
            this.initializers = initializers;
            this.minElements = minElements;
            this.usedNames = usedNames;
        }

        void visit(NodeProto node) {
            TensorProto weight = eligibleWeight(node);
            if (weight == null) {
                nodes.add(node);
                return;
            }
            String q = quantizedWeights.computeIfAbsent(weight.getName(), k -> addWeight(weight));
            String x = node.getInput(0);
            String y = node.getOutput(0);
            String xq = fresh(y + "/x_quantized");
            String a = fresh(y + "/x_scale");
            String z = fresh(y + "/x_zero_point");
            String product = fresh(y + "/int_product");
            String real = fresh(y + "/float_product");
            String scale = fresh(y + "/scale");
            boolean bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty();
            String scaled = bias ? fresh(y + "/scaled") : y;
            nodes.add(node("DynamicQuantizeLinear", List.of(x), List.of(xq, a, z)));
            nodes.add(
                    node(
                            "MatMulInteger",
                            List.of(xq, q + "/q", z, q + "/zero_point"),
                            List.of(product)));
            nodes.add(
                    node("Cast", List.of(product), List.of(real)).toBuilder()
                            .addAttribute(OnnxGraphBuilder.intAttribute("to", FLOAT))
                            .build());
            nodes.add(node("Mul", List.of(a, q + "/scale"), List.of(scale)));
            nodes.add(node("Mul", List.of(real, scale), List.of(scaled)));
            if (bias) {
                nodes.add(node("Add", List.of(scaled, node.getInput(2)), List.of(y)));
            }
            replacedWeights.add(weight.getName());
            quantized++;
        }

        /** The weight of a Gemm x W^T + b that may be quantized, or null. */
        private TensorProto eligibleWeight(NodeProto node) {
            if (!node.getOpType().equals("Gemm") || !node.getDomain().isEmpty()) {
                return null;
            }
            if (!plainTransposedGemm(node) || node.getInputCount() < 2) {
                return null;
            }
            TensorProto weight = initializers.get(node.getInput(1));
            if (weight == null
                    || weight.getDataType() != FLOAT
                    || weight.getDimsCount() != 2
                    || elements(weight) < minElements) {
                return null;
            }
            if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
                TensorProto bias = initializers.get(node.getInput(2));
                if (bias == null || bias.getDimsCount() != 1) {
                    return null;
                }
            }
            return weight;
        }

        /**
         * Adds Q + 128 [in, out] and zero points 128 [out] as uint8, s [out] float; returns the
         * stem.
         */
        private String addWeight(TensorProto weight) {
            int out = (int) weight.getDims(0);
            int in = (int) weight.getDims(1);
            float[] w = floats(weight);
            float[] scale = new float[out];
            byte[] q = new byte[in * out];
            for (int j = 0; j < out; j++) {
                scale[j] = channelScale(w, j, in);
                for (int i = 0; i < in; i++) {
                    q[i * out + j] = (byte) (quantize(w[j * in + i], scale[j]) + WEIGHT_ZERO_POINT);
                }
            }
            byte[] zeroPoints = new byte[out];
            Arrays.fill(zeroPoints, (byte) WEIGHT_ZERO_POINT);
            String stem = fresh(weight.getName() + "/int8");
            int uint8 = TensorProto.DataType.UINT8_VALUE;
            added.add(tensor(stem + "/q", uint8, q, in, out));
            added.add(tensor(stem + "/zero_point", uint8, zeroPoints, out));
            added.add(tensor(stem + "/scale", FLOAT, littleEndian(scale), out));
            return stem;
        }

        private String fresh(String wanted) {
            String name = wanted;
            for (int k = 1; !usedNames.add(name); k++) {
                name = wanted + "_" + k;
            }
            return name;
        }
    }

    /** s_j = max_i |W_ji| / 127, or 1 for an all-zero row (its codes are then all 0). */
    static float channelScale(float[] w, int row, int in) {
        float largest = 0;
        for (int i = 0; i < in; i++) {
            largest = Math.max(largest, Math.abs(w[row * in + i]));
        }
        return largest == 0 ? 1f : largest / 127f;
    }

    /** round(w / s), half to even, clipped to [-127, 127]. */
    static byte quantize(float w, float scale) {
        double code = Math.rint(w / scale);
        return (byte) Math.max(-127, Math.min(127, code));
    }

    private static boolean plainTransposedGemm(NodeProto node) {
        boolean transB = false;
        for (AttributeProto attribute : node.getAttributeList()) {
            switch (attribute.getName()) {
                case "transB" -> transB = attribute.getI() == 1;
                case "transA" -> {
                    if (attribute.getI() != 0) {
                        return false;
                    }
                }
                case "alpha", "beta" -> {
                    if (attribute.getF() != 1f) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return transB;
    }

    private static NodeProto node(String op, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder()
                .setOpType(op)
                .setName(outputs.get(0))
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .build();
    }

    private static TensorProto tensor(String name, int type, byte[] raw, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            tensor.addDims(d);
        }
        return tensor.setRawData(ByteString.copyFrom(raw)).build();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    /** The float values of an initializer stored as raw_data or float_data. */
    static float[] floats(TensorProto tensor) {
        int n = (int) elements(tensor);
        float[] values = new float[n];
        if (tensor.hasRawData()) {
            tensor.getRawData()
                    .asReadOnlyByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(values);
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = tensor.getFloatData(i);
            }
        }
        return values;
    }

    private static long elements(TensorProto tensor) {
        long n = 1;
        for (long d : tensor.getDimsList()) {
            n *= d;
        }
        return n;
    }

    private static Set<String> names(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getOutputList().forEach(v -> names.add(v.getName()));
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        for (NodeProto node : graph.getNodeList()) {
            names.addAll(node.getOutputList());
            names.add(node.getName());
        }
        return names;
    }

    private static Set<String> inputsOf(List<NodeProto> nodes) {
        Set<String> inputs = new HashSet<>();
        for (NodeProto node : nodes) {
            inputs.addAll(node.getInputList());
        }
        return inputs;
    }
}
