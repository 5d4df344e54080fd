package org.grl4j.sampler.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Reusable direct float buffers for the tensors of one network call, so that steady-state
 * evaluation allocates no native memory. A caller borrows a workspace for one call and returns it;
 * concurrent calls get different workspaces, so the pool holds as many as the peak number of
 * concurrent callers. A workspace grows to the largest batch it has served and keeps that size.
 */
final class WorkspacePool {

    private final int xSize;
    private final int conditionSize;
    private final ConcurrentLinkedDeque<Workspace> free = new ConcurrentLinkedDeque<>();

    WorkspacePool(int xSize, int conditionSize) {
        this.xSize = xSize;
        this.conditionSize = conditionSize;
    }

    /** A workspace with room for at least {@code rows} rows, exclusively the caller's. */
    Workspace borrow(int rows) {
        Workspace workspace = free.pollFirst();
        if (workspace == null) {
            workspace = new Workspace();
        }
        workspace.ensureRows(rows);
        return workspace;
    }

    /** Gives a workspace back; the most recently returned is lent first (its memory is warm). */
    void release(Workspace workspace) {
        free.offerFirst(workspace);
    }

    /** Drops every pooled workspace; their direct memory goes with the garbage collector. */
    void clear() {
        free.clear();
    }

    /** Native-order direct buffers for t [N], x [N, D], condition [N, C], tangents and outputs. */
    final class Workspace {
        private int capacity;
        FloatBuffer t;
        FloatBuffer x;
        FloatBuffer condition;
        FloatBuffer xTangent;
        FloatBuffer h;
        FloatBuffer hTangent;

        private void ensureRows(int rows) {
            if (rows <= capacity) {
                return;
            }
            capacity = Math.max(rows, Math.min(2 * capacity, Integer.MAX_VALUE / 2));
            t = allocate(capacity);
            x = allocate((long) capacity * xSize);
            condition = conditionSize > 0 ? allocate((long) capacity * conditionSize) : null;
            xTangent = null;
            h = allocate((long) capacity * xSize);
            hTangent = null;
        }

        /** The tangent buffers, allocated on first use: most callers never need them. */
        void ensureTangents() {
            if (xTangent == null) {
                xTangent = allocate((long) capacity * xSize);
                hTangent = allocate((long) capacity * xSize);
            }
        }

        private static FloatBuffer allocate(long floats) {
            if (floats * Float.BYTES > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "a batch of "
                                + floats
                                + " float values does not fit one direct buffer (2 GiB); split"
                                + " the batch");
            }
            return ByteBuffer.allocateDirect((int) (floats * Float.BYTES))
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
    }
}
