package org.grl4j.exporter.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.grl4j.exporter.onnx.proto.OnnxProtos.AttributeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.GraphProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.NodeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.OperatorSetIdProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.StringStringEntryProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.TensorProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.TensorShapeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.TypeProto;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ValueInfoProto;

/**
 * Builds one ONNX graph, node by node, and wraps it in a model (IR version {@value #IR_VERSION},
 * default-domain opset {@value #OPSET}).
 *
 * <p>Every method that adds a node returns the {@link Value} it produces, with its shape worked out
 * from the inputs, so wrong wiring fails here with the value names rather than in a runtime. Graph
 * inputs and outputs are float tensors whose batch axis ({@link Value#BATCH}) is written as the
 * symbolic dimension {@value #BATCH_DIM}, so one file serves any batch size. Weights become
 * initializers stored little-endian in {@code raw_data}.
 *
 * <p>Names are made unique within the graph; {@link #scope(String)} prefixes them with the block
 * being exported ({@code down0/linear/Gemm}) so the file reads like the network. A builder is not
 * thread-safe and builds one model.
 */
public final class OnnxGraphBuilder {

    /** IR version written to the model: readable by every ONNX Runtime since 1.10. */
    public static final long IR_VERSION = 8;

    /** Default-domain operator set the graph follows (ONNX 1.12). */
    public static final long OPSET = 17;

    /** Name of the symbolic batch dimension. */
    public static final String BATCH_DIM = "N";

    /** Value of {@code producer_name} in every written model. */
    public static final String PRODUCER = "grl4j";

    private final String graphName;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<Float, Value> scalars = new HashMap<>();
    private final Deque<String> scopes = new ArrayDeque<>();

    /** Starts an empty graph with the given name. */
    public OnnxGraphBuilder(String graphName) {
        if (graphName == null || graphName.isBlank()) {
            throw new IllegalArgumentException(
                    "graph name is '" + graphName + "'; give the graph a non-blank name");
        }
        this.graphName = graphName;
    }

    // ---- graph boundary ------------------------------------------------------------------

    /**
     * Declares a float graph input.
     *
     * @param name the exact input name (not prefixed by scopes)
     * @param shape axis sizes, {@link Value#BATCH} for the symbolic batch axis
     */
    public Value input(String name, long... shape) {
        Value value = reserveExact(name, ElementType.FLOAT, shape);
        inputs.add(valueInfo(value));
        return value;
    }

    /**
     * Declares a graph output named {@code name} holding {@code value}; an Identity node renames
     * the value when its name differs.
     */
    public Value output(String name, Value value) {
        Value named = value;
        if (!value.name().equals(name)) {
            named = reserveExact(name, value.type(), value.shapeArray());
            nodes.add(node("Identity", List.of(value), named.name(), List.of()));
        }
        outputs.add(valueInfo(named));
        return named;
    }

    /** Opens a naming scope; values and nodes created until it closes get its prefix. */
    public Scope scope(String name) {
        scopes.push(name);
        return new Scope();
    }

    /** Closes the naming scope opened by {@link #scope(String)}. */
    public final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope() {}

        @Override
        public void close() {
            if (!closed) {
                scopes.pop();
                closed = true;
            }
        }
    }

    // ---- constants -----------------------------------------------------------------------

    /**
     * Adds a float initializer (a weight) of the given shape, row-major.
     *
     * @throws IllegalArgumentException if the shape does not hold exactly {@code data.length}
     *     elements
     */
    public Value initializer(String name, float[] data, long... shape) {
        checkElementCount(name, data.length, shape);
        Value value = reserve(name, ElementType.FLOAT, shape);
        ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        initializers.add(tensor(value).setRawData(ByteString.copyFrom(bytes)).build());
        return value;
    }

    /** Adds an int64 initializer (axes, shapes) of the given shape, row-major. */
    public Value int64Initializer(String name, long[] data, long... shape) {
        checkElementCount(name, data.length, shape);
        Value value = reserve(name, ElementType.INT64, shape);
        TensorProto.Builder tensor = tensor(value);
        for (long d : data) {
            tensor.addInt64Data(d);
        }
        initializers.add(tensor.build());
        return value;
    }

    /** A float scalar constant (rank 0); equal constants share one initializer. */
    public Value scalar(float constant) {
        Value cached = scalars.get(constant);
        if (cached == null) {
            String name = "const_" + Float.toString(constant).replace('-', 'm');
            cached = reserveExact(uniqueUnscoped(name), ElementType.FLOAT, new long[0]);
            ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.putFloat(constant);
            bytes.flip();
            initializers.add(tensor(cached).setRawData(ByteString.copyFrom(bytes)).build());
            scalars.put(constant, cached);
        }
        return cached;
    }

    // ---- element-wise operators ----------------------------------------------------------

    /** Identity: y = x. */
    public Value identity(Value x) {
        return unary("Identity", x);
    }

    /** Sigmoid: y = 1 / (1 + exp(-x)). */
    public Value sigmoid(Value x) {
        return unary("Sigmoid", x);
    }

    /** Tanh: y = tanh(x). */
    public Value tanh(Value x) {
        return unary("Tanh", x);
    }

    /** Relu: y = max(x, 0). */
    public Value relu(Value x) {
        return unary("Relu", x);
    }

    /** Softplus: y = log(1 + exp(x)). */
    public Value softplus(Value x) {
        return unary("Softplus", x);
    }

    /** Sin: y = sin(x). */
    public Value sin(Value x) {
        return unary("Sin", x);
    }

    /** Cos: y = cos(x). */
    public Value cos(Value x) {
        return unary("Cos", x);
    }

    /** Exp: y = exp(x). */
    public Value exp(Value x) {
        return unary("Exp", x);
    }

    /** Erf: y = (2 / sqrt pi) times the integral of exp(-s²) from 0 to x. */
    public Value erf(Value x) {
        return unary("Erf", x);
    }

    /** Neg: y = -x. */
    public Value neg(Value x) {
        return unary("Neg", x);
    }

    /** Elu: y = x for x > 0, alpha (exp(x) - 1) otherwise. */
    public Value elu(Value x, float alpha) {
        return unary("Elu", x, floatAttribute("alpha", alpha));
    }

    /** Selu: y = gamma x for x > 0, gamma alpha (exp(x) - 1) otherwise. */
    public Value selu(Value x, float alpha, float gamma) {
        return unary("Selu", x, floatAttribute("alpha", alpha), floatAttribute("gamma", gamma));
    }

    /** SiLU (swish with beta 1): y = x sigmoid(x), as Sigmoid then Mul. */
    public Value silu(Value x) {
        return mul(x, sigmoid(x));
    }

    /** Mish: y = x tanh(softplus(x)), composed because opset 17 has no Mish operator. */
    public Value mish(Value x) {
        return mul(x, tanh(softplus(x)));
    }

    /**
     * GELU, exact form: y = x Φ(x) = x (1 + erf(x / √2)) / 2, composed because opset 17 has no Gelu
     * operator.
     */
    public Value gelu(Value x) {
        return mul(x, normalCdf(x));
    }

    /** Φ(x) = (1 + erf(x / √2)) / 2, the standard normal distribution function. */
    public Value normalCdf(Value x) {
        Value erf = erf(mul(x, scalar((float) (1 / Math.sqrt(2)))));
        return mul(add(erf, scalar(1f)), scalar(0.5f));
    }

    /** Add with broadcasting: y = a + b. */
    public Value add(Value a, Value b) {
        return binary("Add", a, b);
    }

    /** Sub with broadcasting: y = a - b. */
    public Value sub(Value a, Value b) {
        return binary("Sub", a, b);
    }

    /** Mul with broadcasting: y = a b. */
    public Value mul(Value a, Value b) {
        return binary("Mul", a, b);
    }

    /** Div with broadcasting: y = a / b. */
    public Value div(Value a, Value b) {
        return binary("Div", a, b);
    }

    /** Greater with broadcasting: a boolean tensor, a > b. */
    public Value greater(Value a, Value b) {
        Value out =
                reserve("Greater", ElementType.BOOL, toArray(Shapes.broadcast("Greater", a, b)));
        nodes.add(node("Greater", List.of(a, b), out.name(), List.of()));
        return out;
    }

    /** Where with broadcasting: y = condition ? a : b. */
    public Value where(Value condition, Value a, Value b) {
        Shapes.requireType("Where", condition, ElementType.BOOL);
        Value ab = new Value("Where branches", a.type(), Shapes.broadcast("Where", a, b));
        Value out = reserve("Where", a.type(), toArray(Shapes.broadcast("Where", condition, ab)));
        nodes.add(node("Where", List.of(condition, a, b), out.name(), List.of()));
        return out;
    }

    /** A float tensor of zeros with the shape of {@code like} (ConstantOfShape of Shape). */
    public Value zerosLike(Value like) {
        Value shape = reserve("Shape", ElementType.INT64, new long[] {like.rank()});
        nodes.add(node("Shape", List.of(like), shape.name(), List.of()));
        Value out = reserve("ConstantOfShape", ElementType.FLOAT, like.shapeArray());
        nodes.add(node("ConstantOfShape", List.of(shape), out.name(), List.of()));
        return out;
    }

    // ---- linear algebra and layout -------------------------------------------------------

    /**
     * Gemm: y = a · b (or a · bᵀ when {@code transB}) + c, for a [M, K]. With {@code transB} a
     * weight stored [out, in], as DJL's Linear stores it, is used without a copy.
     *
     * @param c the bias broadcast over rows, or null for none
     */
    public Value gemm(Value a, Value b, Value c, boolean transB) {
        Value out = reserve("Gemm", ElementType.FLOAT, toArray(Shapes.gemm(a, b, c, transB)));
        List<Value> in = c == null ? List.of(a, b) : List.of(a, b, c);
        List<AttributeProto> attributes =
                transB ? List.of(intAttribute("transB", 1)) : List.<AttributeProto>of();
        nodes.add(node("Gemm", in, out.name(), attributes));
        return out;
    }

    /** MatMul of two matrices: y = a · b, a [M, K], b [K, N]. */
    public Value matMul(Value a, Value b) {
        Value out = reserve("MatMul", ElementType.FLOAT, toArray(Shapes.matMul(a, b)));
        nodes.add(node("MatMul", List.of(a, b), out.name(), List.of()));
        return out;
    }

    /** Concat along {@code axis} (negative counts from the end). */
    public Value concat(int axis, Value... parts) {
        List<Value> in = Arrays.asList(parts);
        Value out = reserve("Concat", parts[0].type(), toArray(Shapes.concat(axis, in)));
        nodes.add(node("Concat", in, out.name(), List.of(intAttribute("axis", axis))));
        return out;
    }

    /** Unsqueeze: inserts size-1 axes at {@code axes} (an int64 input since opset 13). */
    public Value unsqueeze(Value x, long... axes) {
        List<Long> shape = Shapes.unsqueeze(x, axes);
        Value axesValue = int64Initializer("axes", axes.clone(), axes.length);
        Value out = reserve("Unsqueeze", x.type(), toArray(shape));
        nodes.add(node("Unsqueeze", List.of(x, axesValue), out.name(), List.of()));
        return out;
    }

    /**
     * Adds any default-domain operator with one output, for block exporters that need an operator
     * this class has no method for. The caller states the output type and shape.
     */
    public Value node(
            String opType,
            List<Value> in,
            List<AttributeProto> attributes,
            ElementType outputType,
            long... outputShape) {
        Value out = reserve(opType, outputType, outputShape);
        nodes.add(node(opType, in, out.name(), attributes));
        return out;
    }

    // ---- attributes ----------------------------------------------------------------------

    /** A float attribute for {@link #node}. */
    public static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    /** An int attribute for {@link #node}. */
    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    // ---- the model -----------------------------------------------------------------------

    /**
     * Wraps the graph in a model with the given metadata ({@code metadata_props}, in order).
     *
     * @throws IllegalStateException if no output was declared
     */
    public ModelProto build(Map<String, String> metadata) {
        if (outputs.isEmpty()) {
            throw new IllegalStateException(
                    "graph '"
                            + graphName
                            + "' has no output; declare one with output(name, value)");
        }
        GraphProto graph =
                GraphProto.newBuilder()
                        .setName(graphName)
                        .addAllNode(nodes)
                        .addAllInitializer(initializers)
                        .addAllInput(inputs)
                        .addAllOutput(outputs)
                        .build();
        ModelProto.Builder model =
                ModelProto.newBuilder()
                        .setIrVersion(IR_VERSION)
                        .setProducerName(PRODUCER)
                        .setProducerVersion(producerVersion())
                        .setGraph(graph)
                        .addOpsetImport(
                                OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        for (Map.Entry<String, String> entry : new LinkedHashMap<>(metadata).entrySet()) {
            model.addMetadataProps(
                    StringStringEntryProto.newBuilder()
                            .setKey(entry.getKey())
                            .setValue(entry.getValue()));
        }
        return model.build();
    }

    /** The number of nodes added so far. */
    public int nodeCount() {
        return nodes.size();
    }

    private static String producerVersion() {
        String version = OnnxGraphBuilder.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    // ---- internals -----------------------------------------------------------------------

    private Value unary(String op, Value x, AttributeProto... attributes) {
        Shapes.requireType(op, x, ElementType.FLOAT);
        Value out = reserve(op, x.type(), x.shapeArray());
        nodes.add(node(op, List.of(x), out.name(), List.of(attributes)));
        return out;
    }

    private Value binary(String op, Value a, Value b) {
        Shapes.requireType(op, a, ElementType.FLOAT);
        Shapes.requireType(op, b, ElementType.FLOAT);
        Value out = reserve(op, a.type(), toArray(Shapes.broadcast(op, a, b)));
        nodes.add(node(op, List.of(a, b), out.name(), List.of()));
        return out;
    }

    private NodeProto node(
            String op, List<Value> in, String output, List<AttributeProto> attributes) {
        NodeProto.Builder node =
                NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
        for (Value v : in) {
            node.addInput(v.name());
        }
        return node.addAllAttribute(attributes).build();
    }

    private Value reserve(String hint, ElementType type, long... shape) {
        return reserveExact(uniqueUnscoped(prefix() + hint), type, shape);
    }

    private Value reserveExact(String name, ElementType type, long[] shape) {
        if (!usedNames.add(name)) {
            throw new IllegalArgumentException(
                    "value name '"
                            + name
                            + "' is already used in graph '"
                            + graphName
                            + "'; graph inputs and outputs need distinct names");
        }
        return new Value(name, type, Arrays.stream(shape).boxed().toList());
    }

    private String uniqueUnscoped(String name) {
        if (!usedNames.contains(name)) {
            return name;
        }
        int k = 1;
        while (usedNames.contains(name + "_" + k)) {
            k++;
        }
        return name + "_" + k;
    }

    private String prefix() {
        if (scopes.isEmpty()) {
            return "";
        }
        List<String> outerFirst = new ArrayList<>(scopes);
        Collections.reverse(outerFirst);
        return String.join("/", outerFirst) + "/";
    }

    private static void checkElementCount(String name, int count, long[] shape) {
        long expected = 1;
        for (long size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException(
                        "initializer '"
                                + name
                                + "' has shape "
                                + Arrays.toString(shape)
                                + "; constants need fixed, non-negative sizes");
            }
            expected *= size;
        }
        if (expected != count) {
            throw new IllegalArgumentException(
                    "initializer '"
                            + name
                            + "' has "
                            + count
                            + " elements but shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + expected
                            + "; pass data of exactly that length");
        }
    }

    private static TensorProto.Builder tensor(Value value) {
        TensorProto.Builder tensor =
                TensorProto.newBuilder().setName(value.name()).setDataType(value.type().code());
        for (long size : value.shape()) {
            tensor.addDims(size);
        }
        return tensor;
    }

    private static ValueInfoProto valueInfo(Value value) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long size : value.shape()) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (size == Value.BATCH) {
                dim.setDimParam(BATCH_DIM);
            } else {
                dim.setDimValue(size);
            }
            shape.addDim(dim);
        }
        TypeProto type =
                TypeProto.newBuilder()
                        .setTensorType(
                                TypeProto.Tensor.newBuilder()
                                        .setElemType(value.type().code())
                                        .setShape(shape))
                        .build();
        return ValueInfoProto.newBuilder().setName(value.name()).setType(type).build();
    }

    private static long[] toArray(List<Long> shape) {
        return shape.stream().mapToLong(Long::longValue).toArray();
    }
}
