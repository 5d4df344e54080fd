package org.grl4j.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.grl4j.models.network.BatchNetwork;

/**
 * An {@link IntrinsicModel} behind the {@link BatchNetwork} contract, so that the sampler's solvers
 * can evaluate a DJL network, for example to sample or measure W2 while training.
 *
 * <p>Layout as in {@link BatchNetwork}: {@code t[N]}, {@code x[N * D]}, {@code condition[N * C]}
 * row-major doubles; they are rounded to float32 for the network and the float32 output is widened
 * back. Evaluation uses the block's current weights (a live view, not a copy) in inference mode (no
 * gradient recording, whatever the calling thread's state).
 *
 * <p>Thread safety: calls from several threads are safe; they are serialized, and PyTorch
 * parallelizes each call internally. A call must not overlap an update of the same weights (the
 * trainer evaluates between steps, on its own thread). Large batches are evaluated in chunks of
 * {@link #maxChunkRows()} rows to bound memory. Closing releases the native scratch memory; the
 * model itself stays open.
 */
public final class DjlBatchNetwork implements BatchNetwork, AutoCloseable {

    /** The default number of rows per native call. */
    public static final int DEFAULT_CHUNK_ROWS = 65_536;

    private final IntrinsicModel model;
    private final NDManager manager;
    private final int maxChunkRows;
    private boolean closed;

    /**
     * @param model an initialized network
     * @param parent the manager under which scratch arrays are allocated (for example the one that
     *     holds the model)
     */
    public DjlBatchNetwork(IntrinsicModel model, NDManager parent) {
        this(model, parent, DEFAULT_CHUNK_ROWS);
    }

    public DjlBatchNetwork(IntrinsicModel model, NDManager parent, int maxChunkRows) {
        if (!model.isInitialized()) {
            throw new IllegalArgumentException(
                    "DjlBatchNetwork needs an initialized model; call Networks.initialize first");
        }
        if (maxChunkRows <= 0) {
            throw new IllegalArgumentException(
                    "maxChunkRows must be positive, got " + maxChunkRows);
        }
        this.model = model;
        this.manager = parent.newSubManager();
        this.maxChunkRows = maxChunkRows;
    }

    public IntrinsicModel model() {
        return model;
    }

    public int maxChunkRows() {
        return maxChunkRows;
    }

    @Override
    public int xSize() {
        return model.xSize();
    }

    @Override
    public int conditionSize() {
        return model.conditionSize();
    }

    @Override
    public synchronized void evaluate(
            int n, double[] t, double[] x, double[] condition, double[] out) {
        if (closed) {
            throw new IllegalStateException("DjlBatchNetwork is closed");
        }
        checkArguments(n, t, x, condition, out);
        try (GradMode.Scope ignored = GradMode.disabled()) {
            for (int start = 0; start < n; start += maxChunkRows) {
                evaluateChunk(start, Math.min(maxChunkRows, n - start), t, x, condition, out);
            }
        }
    }

    private void evaluateChunk(
            int start, int rows, double[] t, double[] x, double[] condition, double[] out) {
        int d = model.xSize();
        int c = model.conditionSize();
        try (NDManager scope = manager.newSubManager()) {
            NDArray tArray = scope.create(toFloat(t, start, rows), new Shape(rows));
            NDArray xArray = scope.create(toFloat(x, start * d, rows * d), new Shape(rows, d));
            NDArray cArray =
                    c == 0
                            ? null
                            : scope.create(
                                    toFloat(condition, start * c, rows * c), new Shape(rows, c));
            float[] h =
                    model.forward(new ParameterStore(scope, false), tArray, xArray, cArray, false)
                            .toFloatArray();
            for (int i = 0; i < h.length; i++) {
                out[start * d + i] = h[i];
            }
        }
    }

    private void checkArguments(int n, double[] t, double[] x, double[] condition, double[] out) {
        int d = model.xSize();
        int c = model.conditionSize();
        if (n < 0 || t.length < n || x.length < (long) n * d || out.length < (long) n * d) {
            throw new IllegalArgumentException(
                    String.format(
                            "DjlBatchNetwork.evaluate: n = %d rows of width %d need t.length >= n,"
                                    + " x.length and out.length >= n * D; got t %d, x %d, out %d",
                            n, d, t.length, x.length, out.length));
        }
        if (c == 0 && condition != null) {
            throw new IllegalArgumentException(
                    "DjlBatchNetwork.evaluate: the model is unconditional; pass condition = null");
        }
        if (c > 0 && (condition == null || condition.length < (long) n * c)) {
            throw new IllegalArgumentException(
                    "DjlBatchNetwork.evaluate: the model needs a condition of "
                            + n * c
                            + " values ("
                            + n
                            + " rows of width "
                            + c
                            + "), got "
                            + (condition == null ? "null" : condition.length));
        }
    }

    private static float[] toFloat(double[] values, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) values[offset + i];
        }
        return out;
    }

    /** Releases the scratch memory; a second close does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
