package org.grl4j.sampler.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Reusable direct float buffers, and the ONNX Runtime tensors that view them, for the calls of one
 * network, so that a steady stream of calls with the same batch size allocates nothing: neither
 * native memory nor tensors. A caller borrows a workspace for one call and returns it; concurrent
 * calls get different workspaces, so the pool holds as many as the peak number of concurrent
 * callers. A workspace keeps buffers for the largest batch it has served and tensors for the last
 * batch size (a solver's batch size rarely changes between steps).
 */
final class WorkspacePool {

    private final OrtEnvironment environment;
    private final TensorNames names;
    private final int xSize;
    private final int conditionSize;
    private final boolean tangentGraph;
    private final ConcurrentLinkedDeque<Workspace> free = new ConcurrentLinkedDeque<>();

    WorkspacePool(
            OrtEnvironment environment,
            TensorNames names,
            int xSize,
            int conditionSize,
            boolean tangentGraph) {
        this.environment = environment;
        this.names = names;
        this.xSize = xSize;
        this.conditionSize = conditionSize;
        this.tangentGraph = tangentGraph;
    }

    /** A workspace bound to exactly {@code rows} rows, exclusively the caller's until released. */
    Workspace borrow(int rows) throws OrtException {
        Workspace workspace = free.pollFirst();
        if (workspace == null) {
            workspace = new Workspace();
        }
        try {
            workspace.bind(rows);
        } catch (OrtException | RuntimeException e) {
            workspace.close();
            throw e;
        }
        return workspace;
    }

    /** Gives a workspace back; the most recently returned is lent first (its memory is warm). */
    void release(Workspace workspace) {
        free.offerFirst(workspace);
    }

    /** Closes every pooled workspace's tensors; call only when no workspace is lent out. */
    void clear() {
        Workspace workspace;
        while ((workspace = free.pollFirst()) != null) {
            workspace.close();
        }
    }

    /**
     * Native-order direct buffers for t [N], x [N, D], condition [N, C], the tangents and the
     * outputs, with the input and pinned-output tensor maps that {@code OrtSession.run} takes.
     */
    final class Workspace {
        private int capacity;
        private int boundRows = -1;
        FloatBuffer t;
        FloatBuffer x;
        FloatBuffer condition;
        FloatBuffer xTangent;
        FloatBuffer h;
        FloatBuffer hTangent;
        final Map<String, OnnxTensor> inputs = new HashMap<>(8);
        final Map<String, OnnxTensor> outputs = new HashMap<>(2);
        final Map<String, OnnxTensor> outputsWithTangent = new HashMap<>(4);

        private void bind(int rows) throws OrtException {
            if (rows == boundRows) {
                return;
            }
            close();
            if (rows > capacity) {
                allocate(rows);
            }
            long[] rowShape = {rows};
            long[] stateShape = {rows, xSize};
            inputs.put(names.t(), tensor(t, rows, rowShape));
            inputs.put(names.x(), tensor(x, rows * xSize, stateShape));
            if (conditionSize > 0) {
                long[] conditionShape = {rows, conditionSize};
                inputs.put(
                        names.condition(), tensor(condition, rows * conditionSize, conditionShape));
            }
            OnnxTensor hTensor = tensor(h, rows * xSize, stateShape);
            outputs.put(names.h(), hTensor);
            if (tangentGraph) {
                inputs.put(names.xTangent(), tensor(xTangent, rows * xSize, stateShape));
                outputsWithTangent.put(names.h(), hTensor);
                outputsWithTangent.put(
                        names.hTangent(), tensor(hTangent, rows * xSize, stateShape));
            }
            boundRows = rows;
        }

        private void allocate(int rows) {
            capacity = Math.max(rows, Math.min(2 * capacity, Integer.MAX_VALUE / 2));
            t = floats(capacity);
            x = floats((long) capacity * xSize);
            condition = conditionSize > 0 ? floats((long) capacity * conditionSize) : null;
            h = floats((long) capacity * xSize);
            xTangent = tangentGraph ? floats((long) capacity * xSize) : null;
            hTangent = tangentGraph ? floats((long) capacity * xSize) : null;
        }

        /** A tensor over the first {@code count} floats of {@code buffer}; it views, not copies. */
        private OnnxTensor tensor(FloatBuffer buffer, int count, long[] shape) throws OrtException {
            buffer.clear();
            buffer.limit(count);
            return OnnxTensor.createTensor(environment, buffer, shape);
        }

        /** Closes the tensors (not the buffers, which the garbage collector frees). */
        void close() {
            inputs.values().forEach(OnnxTensor::close);
            outputs.values().forEach(OnnxTensor::close);
            outputsWithTangent.values().forEach(OnnxTensor::close);
            inputs.clear();
            outputs.clear();
            outputsWithTangent.clear();
            boundRows = -1;
        }

        private static FloatBuffer floats(long count) {
            if (count * Float.BYTES > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "a batch of "
                                + count
                                + " float values does not fit one direct buffer (2 GiB); split"
                                + " the batch");
            }
            return ByteBuffer.allocateDirect((int) (count * Float.BYTES))
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
    }
}
