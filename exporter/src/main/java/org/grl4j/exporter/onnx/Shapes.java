package org.grl4j.exporter.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Static shape rules for the operators the builder emits, so that a wrongly wired graph fails while
 * it is built, with the names of the values involved, rather than when a runtime loads the file.
 */
final class Shapes {

    private Shapes() {}

    /** Multidirectional (numpy) broadcasting; the batch axis broadcasts like an unknown size. */
    static List<Long> broadcast(String op, Value a, Value b) {
        int rank = Math.max(a.rank(), b.rank());
        List<Long> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            long da = axisFromEnd(a, rank - i);
            long db = axisFromEnd(b, rank - i);
            out.add(broadcastAxis(op, a, b, da, db));
        }
        return out;
    }

    private static long axisFromEnd(Value v, int fromEnd) {
        int axis = v.rank() - fromEnd;
        return axis < 0 ? 1 : v.shape().get(axis);
    }

    private static long broadcastAxis(String op, Value a, Value b, long da, long db) {
        if (da == db || db == 1) {
            return da;
        }
        if (da == 1) {
            return db;
        }
        if (da == Value.BATCH || db == Value.BATCH) {
            return Math.max(da, db);
        }
        throw new IllegalArgumentException(
                op
                        + ": shapes "
                        + a.shape()
                        + " of '"
                        + a.name()
                        + "' and "
                        + b.shape()
                        + " of '"
                        + b.name()
                        + "' do not broadcast; give both the same sizes or size 1 on each axis");
    }

    /** Gemm: A [M, K] times B [K, N] (or [N, K] when transposed) plus C broadcast to [M, N]. */
    static List<Long> gemm(Value a, Value b, Value c, boolean transB) {
        requireRank("Gemm", a, 2);
        requireRank("Gemm", b, 2);
        long k = a.dim(1);
        long kB = transB ? b.dim(1) : b.dim(0);
        long n = transB ? b.dim(0) : b.dim(1);
        if (k != kB) {
            throw new IllegalArgumentException(
                    "Gemm: '"
                            + a.name()
                            + "' has "
                            + k
                            + " columns but weight '"
                            + b.name()
                            + "' of shape "
                            + b.shape()
                            + (transB ? " (transposed)" : "")
                            + " expects "
                            + kB
                            + "; the layer's input width must match the previous output width");
        }
        List<Long> out = List.of(a.dim(0), n);
        if (c != null) {
            Value product = new Value("Gemm product", ElementType.FLOAT, out);
            List<Long> sum = broadcast("Gemm bias", product, c);
            if (!sum.equals(out)) {
                throw new IllegalArgumentException(
                        "Gemm: bias '"
                                + c.name()
                                + "' of shape "
                                + c.shape()
                                + " is not "
                                + "broadcastable to the product shape "
                                + out);
            }
        }
        return out;
    }

    /** MatMul of two matrices: [M, K] times [K, N]. */
    static List<Long> matMul(Value a, Value b) {
        return gemm(a, b, null, false);
    }

    /** Concat: all sizes equal except along the axis, where they add up. */
    static List<Long> concat(int axis, List<Value> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Concat needs at least one input, got none");
        }
        Value first = inputs.get(0);
        int resolved = axis < 0 ? axis + first.rank() : axis;
        List<Long> out = new ArrayList<>(first.shape());
        long total = 0;
        for (Value v : inputs) {
            checkConcatCompatible(first, v, resolved);
            long size = v.dim(resolved);
            total = (total == Value.BATCH || size == Value.BATCH) ? Value.BATCH : total + size;
        }
        out.set(resolved, total);
        return out;
    }

    private static void checkConcatCompatible(Value first, Value v, int axis) {
        boolean sameRank = v.rank() == first.rank();
        boolean sameOtherAxes = sameRank;
        for (int i = 0; sameRank && i < v.rank(); i++) {
            if (i != axis && !v.shape().get(i).equals(first.shape().get(i))) {
                sameOtherAxes = false;
            }
        }
        if (!sameOtherAxes || v.type() != first.type()) {
            throw new IllegalArgumentException(
                    "Concat on axis "
                            + axis
                            + ": '"
                            + v.name()
                            + "' "
                            + v.type()
                            + v.shape()
                            + " does not match '"
                            + first.name()
                            + "' "
                            + first.type()
                            + first.shape()
                            + "; all inputs need the same type and the same sizes off the axis");
        }
    }

    /** Unsqueeze: inserts size-1 axes at the given positions of the output. */
    static List<Long> unsqueeze(Value x, long[] axes) {
        int outRank = x.rank() + axes.length;
        boolean[] inserted = new boolean[outRank];
        for (long axis : axes) {
            int resolved = (int) (axis < 0 ? axis + outRank : axis);
            if (resolved < 0 || resolved >= outRank || inserted[resolved]) {
                throw new IllegalArgumentException(
                        "Unsqueeze of '"
                                + x.name()
                                + "' "
                                + x.shape()
                                + ": axis "
                                + axis
                                + " is out of range or repeated; axes lie in ["
                                + (-outRank)
                                + ", "
                                + (outRank - 1)
                                + "]");
            }
            inserted[resolved] = true;
        }
        List<Long> out = new ArrayList<>(outRank);
        int next = 0;
        for (int i = 0; i < outRank; i++) {
            out.add(inserted[i] ? 1L : x.shape().get(next++));
        }
        return out;
    }

    static void requireRank(String op, Value v, int rank) {
        if (v.rank() != rank) {
            throw new IllegalArgumentException(
                    op
                            + ": '"
                            + v.name()
                            + "' has shape "
                            + v.shape()
                            + " but rank "
                            + rank
                            + " is required");
        }
    }

    static void requireType(String op, Value v, ElementType type) {
        if (v.type() != type) {
            throw new IllegalArgumentException(
                    op + ": '" + v.name() + "' is " + v.type() + " but " + type + " is required");
        }
    }
}
