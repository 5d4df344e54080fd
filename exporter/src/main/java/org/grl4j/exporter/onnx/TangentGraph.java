package org.grl4j.exporter.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Forward-mode differentiation on top of {@link OnnxGraphBuilder}: every operation takes and
 * returns {@link DualValue}s and emits the value's nodes plus, where an input carries a tangent,
 * the tangent's nodes (DESIGN.md section 3.2).
 *
 * <p>Rules, for row-major {@code [N, width]} values: Linear y = x Wᵀ + b gives dy = dx Wᵀ (the same
 * weight, no bias); an activation y = a(z) gives dy = a'(z) dz; y = a + b gives dy = da + db;
 * concatenation concatenates the tangents, with zeros for parts that carry none; y = a ⊙ b gives dy
 * = da ⊙ b + a ⊙ db. Values with no tangent (time and condition branches) emit no tangent nodes, so
 * a model exported without a tangent input has exactly the nodes of the plain network.
 */
public final class TangentGraph {

    private final OnnxGraphBuilder graph;

    /** Differentiates on top of {@code graph}. */
    public TangentGraph(OnnxGraphBuilder graph) {
        this.graph = graph;
    }

    /** The underlying builder, for initializers, scopes and tangent-free operators. */
    public OnnxGraphBuilder graph() {
        return graph;
    }

    /**
     * A fully connected layer y = x Wᵀ + b with W stored [out, in] (DJL's layout); dy = dx Wᵀ.
     *
     * @param bias [out], or null for none
     */
    public DualValue linear(DualValue x, Value weight, Value bias) {
        Value y = graph.gemm(x.primal(), weight, bias, true);
        Value dy = x.hasTangent() ? graph.gemm(x.tangent(), weight, null, true) : null;
        return new DualValue(y, dy);
    }

    /** y = a(z), dy = a'(z) dz. */
    public DualValue activation(DualValue z, Activation activation) {
        return activation.emit(graph, z);
    }

    /** y = a + b (a residual connection), dy = da + db. */
    public DualValue add(DualValue a, DualValue b) {
        Value y = graph.add(a.primal(), b.primal());
        return new DualValue(y, addNullable(a.tangent(), b.tangent()));
    }

    /** y = c a for a constant c, dy = c da. */
    public DualValue scale(DualValue a, float constant) {
        Value c = graph.scalar(constant);
        Value y = graph.mul(a.primal(), c);
        return new DualValue(y, a.hasTangent() ? graph.mul(a.tangent(), c) : null);
    }

    /** y = a ⊙ b with broadcasting, dy = da ⊙ b + a ⊙ db. */
    public DualValue mul(DualValue a, DualValue b) {
        Value y = graph.mul(a.primal(), b.primal());
        Value fromA = a.hasTangent() ? graph.mul(a.tangent(), b.primal()) : null;
        Value fromB = b.hasTangent() ? graph.mul(a.primal(), b.tangent()) : null;
        return new DualValue(y, addNullable(fromA, fromB));
    }

    /**
     * Concatenation along {@code axis}; the tangent concatenates the parts' tangents, with zeros
     * standing in for parts that carry none, and is absent when no part carries one.
     */
    public DualValue concat(int axis, DualValue... parts) {
        Value[] values = new Value[parts.length];
        boolean anyTangent = false;
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].primal();
            anyTangent |= parts[i].hasTangent();
        }
        Value y = graph.concat(axis, values);
        if (!anyTangent) {
            return DualValue.constant(y);
        }
        List<Value> tangents = new ArrayList<>(parts.length);
        for (DualValue part : parts) {
            tangents.add(part.hasTangent() ? part.tangent() : graph.zerosLike(part.primal()));
        }
        return new DualValue(y, graph.concat(axis, tangents.toArray(Value[]::new)));
    }

    private Value addNullable(Value a, Value b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return graph.add(a, b);
    }
}
