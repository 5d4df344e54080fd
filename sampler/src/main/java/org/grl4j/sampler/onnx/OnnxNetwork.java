package org.grl4j.sampler.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.grl4j.models.card.InvalidModelCardException;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.network.BatchNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A frozen network in an ONNX file, evaluated by ONNX Runtime behind the {@link BatchNetwork}
 * contract: h = network(t, x, condition) for N rows at once (DESIGN.md section 3.1).
 *
 * <p><b>Layout.</b> The Java side is double precision and row-major: {@code t[N]}, {@code x[N *
 * D]}, {@code condition[N * C]} (null when C = 0), {@code out[N * D]}. The graph side is float32:
 * inputs {@code t [N]}, {@code x [N, D]}, {@code condition [N, C]}, output {@code h [N, D]}, with N
 * symbolic so that one session serves batch 1 and batch 100 000. Values are rounded to float on the
 * way in and widened back on the way out, so results carry float32 precision (relative error around
 * 1e-7 per operation). Time is passed through unchanged, in the model's own convention (see {@link
 * ModelCard#time()}); h is in the declared {@link ModelCard#parameterization()}.
 *
 * <p><b>Loading.</b> {@link #load(Path)} reads the file, reads its grl4j metadata into a {@link
 * ModelCard} and checks the graph's inputs and outputs against it. A file with no grl4j metadata (a
 * network made elsewhere) is described by a {@link ModelSidecar}, read from {@code
 * <name>.grl4j.json} beside the model or passed to {@link #load(Path, ModelSidecar,
 * OnnxNetworkOptions)}. A graph that also has the tangent pair {@code x_tangent -> h_tangent}
 * (section 3.2) loads as an {@link OnnxTangentNetwork}, so {@code network instanceof
 * TangentNetwork} tells whether exact Jacobian-vector products are available.
 *
 * <p><b>Threads.</b> One instance is safe to share: ONNX Runtime's {@code OrtSession.run} may be
 * called concurrently, and each call borrows its own set of direct float buffers from a pool (so a
 * steady stream of calls allocates no native memory; the pool grows to the peak number of
 * concurrent callers and each buffer to the largest batch seen). With many caller threads, set
 * {@link OnnxNetworkOptions#intraOpThreads()} to 1 so that the threads do not oversubscribe the
 * cores. With {@link OnnxNetworkOptions#chunkRows()} set, a large call is split into chunks of
 * rows, each evaluated by its own ONNX Runtime call (and, with {@link
 * OnnxNetworkOptions#parallelChunks()} above 1, on the caller and the network's own pool threads at
 * once); rows are independent, so the result is the same. {@link #close()} waits for calls in
 * flight, then stops the pool threads and releases the session; later calls throw {@link
 * IllegalStateException}. Close twice is a no-op. Do not close from inside a call.
 *
 * <p><b>Quantized files.</b> A model whose card says {@code grl4j.quantization = int8_dynamic}
 * quantizes each layer's input with one scale per call, so a row's result would depend on the rows
 * beside it; such a model is always evaluated one row per ONNX Runtime call (chunks of 1 row, in
 * parallel when the options ask for parallel chunks), which keeps rows independent and results
 * reproducible at any batch size. Quantized files are meant for single-sample latency.
 *
 * <p><b>Errors.</b> Bad arguments (wrong array length for the card's D or C, a NaN or infinite
 * value, or one that overflows float32) raise {@link IllegalArgumentException} naming the array,
 * the index and the fix; problems with the file, the graph or ONNX Runtime raise {@link
 * OnnxModelException}.
 */
public sealed class OnnxNetwork implements BatchNetwork, AutoCloseable permits OnnxTangentNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxNetwork.class);

    private final OrtSession session;
    private final Path modelPath;
    private final ModelCard card;
    private final TensorNames names;
    private final ExecutionProvider executionProvider;
    private final boolean tangentGraph;
    private final WorkspacePool pool;
    private final int chunkRows;
    private final ChunkRunner chunkRunner;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    OnnxNetwork(
            OrtEnvironment environment,
            OrtSession session,
            Path modelPath,
            ModelSidecar description,
            ExecutionProvider executionProvider,
            boolean tangentGraph,
            OnnxNetworkOptions options) {
        this.session = session;
        this.modelPath = modelPath;
        this.card = description.card();
        this.names = description.tensorNames();
        this.executionProvider = executionProvider;
        this.tangentGraph = tangentGraph;
        this.pool =
                new WorkspacePool(
                        environment, names, card.xSize(), card.conditionSize(), tangentGraph);
        this.chunkRows = card.isQuantized() ? 1 : options.chunkRows();
        this.chunkRunner =
                chunkRows > 0 && options.parallelChunks() > 1
                        ? new ChunkRunner(options.parallelChunks())
                        : null;
    }

    /** Loads a model on the CPU with ONNX Runtime's default threading. */
    public static OnnxNetwork load(Path model) {
        return load(model, OnnxNetworkOptions.cpu());
    }

    /**
     * Loads a model described by its grl4j metadata, or else by the sidecar {@code
     * <name>.grl4j.json} beside it.
     *
     * @throws OnnxModelException when the file is missing, unreadable or not an ONNX model, when it
     *     has neither grl4j metadata nor a sidecar, when the metadata is invalid (an unknown {@code
     *     grl4j.format}, for one), when the graph does not match the card, or when CUDA was asked
     *     for, is not available and {@code allowFallbackToCpu} is off
     */
    public static OnnxNetwork load(Path model, OnnxNetworkOptions options) {
        return load(model, null, options);
    }

    /**
     * Loads a model described by {@code description}, whatever metadata the file has; this is how a
     * network made elsewhere is described in code rather than in a sidecar file.
     *
     * @param description the card and tensor names, or null to read them as {@link #load(Path,
     *     OnnxNetworkOptions)} does
     * @throws OnnxModelException as {@link #load(Path, OnnxNetworkOptions)}
     */
    public static OnnxNetwork load(
            Path model, ModelSidecar description, OnnxNetworkOptions options) {
        if (model == null || options == null) {
            throw new IllegalArgumentException(
                    "model path and options must not be null; use OnnxNetworkOptions.cpu() for"
                            + " the defaults");
        }
        checkFile(model);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        SessionSetup setup = SessionSetup.open(environment, model, options);
        try {
            ModelSidecar resolved = description != null ? description : describe(model, setup);
            boolean tangent =
                    GraphSignature.check(
                            model.toString(),
                            resolved.card(),
                            resolved.tensorNames(),
                            setup.session().getInputInfo(),
                            setup.session().getOutputInfo());
            OnnxNetwork network =
                    tangent
                            ? new OnnxTangentNetwork(
                                    environment,
                                    setup.session(),
                                    model,
                                    resolved,
                                    setup.provider(),
                                    options)
                            : new OnnxNetwork(
                                    environment,
                                    setup.session(),
                                    model,
                                    resolved,
                                    setup.provider(),
                                    false,
                                    options);
            LOG.info("Loaded {}", network);
            return network;
        } catch (OrtException e) {
            closeQuietly(setup.session());
            throw new OnnxModelException(
                    "ONNX Runtime could not describe the graph of " + model + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            closeQuietly(setup.session());
            throw e;
        }
    }

    private static void checkFile(Path model) {
        if (!Files.exists(model)) {
            throw new OnnxModelException(
                    "ONNX model file "
                            + model.toAbsolutePath()
                            + " does not exist; check the path (the working directory is "
                            + Path.of("").toAbsolutePath()
                            + ")");
        }
        if (!Files.isRegularFile(model)) {
            throw new OnnxModelException(
                    "ONNX model path " + model + " is not a regular file; give the .onnx file");
        }
        if (!Files.isReadable(model)) {
            throw new OnnxModelException(
                    "ONNX model file " + model + " cannot be read; check its permissions");
        }
    }

    /** The card and names from the file's grl4j metadata, or else from the default sidecar. */
    private static ModelSidecar describe(Path model, SessionSetup setup) throws OrtException {
        Map<String, String> metadata = setup.session().getMetadata().getCustomMetadata();
        boolean hasGrl4jKeys =
                metadata.keySet().stream().anyMatch(key -> key.startsWith(ModelCard.PREFIX));
        if (hasGrl4jKeys) {
            try {
                return new ModelSidecar(ModelCard.fromMetadata(metadata), TensorNames.STANDARD);
            } catch (InvalidModelCardException e) {
                throw new OnnxModelException("ONNX model " + model + ": " + e.getMessage(), e);
            }
        }
        Path sidecar = ModelSidecar.locationFor(model);
        if (!Files.exists(sidecar)) {
            throw new OnnxModelException(
                    "ONNX model "
                            + model
                            + " has no grl4j metadata (metadata keys found: "
                            + metadata.keySet()
                            + ") and no sidecar "
                            + sidecar
                            + "; export it with grl4j, or describe it in that sidecar (format in"
                            + " the ModelSidecar javadoc), or pass a ModelSidecar to"
                            + " OnnxNetwork.load");
        }
        LOG.info("{} has no grl4j metadata; using sidecar {}", model, sidecar);
        return ModelSidecar.read(sidecar);
    }

    @Override
    public int xSize() {
        return card.xSize();
    }

    @Override
    public int conditionSize() {
        return card.conditionSize();
    }

    /** What this network is: kind, parameterization, path, time convention, sizes, provenance. */
    public ModelCard card() {
        return card;
    }

    /** The graph's names for the contract's tensors. */
    public TensorNames tensorNames() {
        return names;
    }

    /** The model file this network was loaded from. */
    public Path modelPath() {
        return modelPath;
    }

    /** The execution provider the session actually runs on (CPU after a CUDA fallback). */
    public ExecutionProvider executionProvider() {
        return executionProvider;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Evaluates h on {@code n} rows (see the class description for layouts).
     *
     * @throws IllegalArgumentException when an array length does not match n and the card's sizes,
     *     or an input is not finite in float32
     * @throws IllegalStateException after {@link #close()}
     * @throws OnnxModelException when ONNX Runtime fails
     */
    @Override
    public void evaluate(int n, double[] t, double[] x, double[] condition, double[] out) {
        checkArguments(n, t, x, condition);
        checkLength("out", out, n, card.xSize(), "x_size D");
        run(n, t, x, condition, null, out, null);
    }

    /** The tangent path of {@link OnnxTangentNetwork}: same checks, plus the tangent arrays. */
    void evaluateTangent(
            int n,
            double[] t,
            double[] x,
            double[] condition,
            double[] xTangent,
            double[] out,
            double[] hTangent) {
        checkArguments(n, t, x, condition);
        checkLength("xTangent", xTangent, n, card.xSize(), "x_size D");
        checkLength("out", out, n, card.xSize(), "x_size D");
        checkLength("hTangent", hTangent, n, card.xSize(), "x_size D");
        if (out == hTangent) {
            throw new IllegalArgumentException("out and hTangent are the same array; give two");
        }
        run(n, t, x, condition, xTangent, out, hTangent);
    }

    private void checkArguments(int n, double[] t, double[] x, double[] condition) {
        if (n < 0) {
            throw new IllegalArgumentException(
                    "n is " + n + "; give the number of rows, 0 or more");
        }
        checkLength("t", t, n, 1, "one time per row");
        checkLength("x", x, n, card.xSize(), "x_size D");
        if (card.conditionSize() == 0) {
            if (condition != null) {
                throw new IllegalArgumentException(
                        "condition has "
                                + condition.length
                                + " values but "
                                + modelPath.getFileName()
                                + " is unconditional (condition_size = 0); pass null");
            }
        } else {
            checkLength("condition", condition, n, card.conditionSize(), "condition_size C");
        }
    }

    private void checkLength(String name, double[] values, int n, int width, String widthName) {
        long expected = (long) n * width;
        if (values == null) {
            throw new IllegalArgumentException(
                    name
                            + " is null; give "
                            + expected
                            + " values ("
                            + n
                            + " rows of "
                            + width
                            + ")");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    name
                            + " has "
                            + values.length
                            + " values, but n = "
                            + n
                            + " rows of "
                            + widthName
                            + " = "
                            + width
                            + " need "
                            + expected
                            + "; "
                            + name
                            + " is row-major [N * "
                            + width
                            + "] for model "
                            + modelPath.getFileName());
        }
    }

    private void run(
            int n,
            double[] t,
            double[] x,
            double[] condition,
            double[] xTangent,
            double[] out,
            double[] hTangent) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(
                        "OnnxNetwork for " + modelPath + " is closed; load the model again");
            }
            if (n == 0) {
                return;
            }
            Batch batch = new Batch(t, x, condition, xTangent, out, hTangent);
            int chunks = chunkRows > 0 ? Math.max(1, (n + chunkRows - 1) / chunkRows) : 1;
            if (chunks == 1) {
                runChunk(batch, 0, n);
            } else if (chunkRunner == null) {
                for (int i = 0; i < chunks; i++) {
                    runChunk(batch, chunkStart(n, chunks, i), chunkRows(n, chunks, i));
                }
            } else {
                chunkRunner.run(
                        chunks,
                        i -> runChunk(batch, chunkStart(n, chunks, i), chunkRows(n, chunks, i)));
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The arrays of one call; a chunk reads and writes its own rows of them. */
    private record Batch(
            double[] t,
            double[] x,
            double[] condition,
            double[] xTangent,
            double[] out,
            double[] hTangent) {}

    /** Chunk i of n rows split into {@code chunks} chunks whose sizes differ by at most one row. */
    private static int chunkStart(int n, int chunks, int i) {
        return (int) ((long) n * i / chunks);
    }

    private static int chunkRows(int n, int chunks, int i) {
        return chunkStart(n, chunks, i + 1) - chunkStart(n, chunks, i);
    }

    private void runChunk(Batch batch, int first, int rows) {
        try {
            WorkspacePool.Workspace workspace = pool.borrow(rows);
            try {
                runIn(workspace, batch, first, rows);
            } finally {
                pool.release(workspace);
            }
        } catch (OrtException e) {
            throw new OnnxModelException(
                    "ONNX Runtime failed to evaluate "
                            + modelPath
                            + " on "
                            + rows
                            + " rows: "
                            + e.getMessage(),
                    e);
        }
    }

    private void runIn(WorkspacePool.Workspace workspace, Batch batch, int first, int rows)
            throws OrtException {
        int d = card.xSize();
        int c = card.conditionSize();
        fill(workspace.t, batch.t(), first, rows, 1, "t");
        fill(workspace.x, batch.x(), first * d, rows * d, d, "x");
        if (c > 0) {
            fill(workspace.condition, batch.condition(), first * c, rows * c, c, "condition");
        }
        if (tangentGraph && batch.xTangent() != null) {
            fill(workspace.xTangent, batch.xTangent(), first * d, rows * d, d, "xTangent");
        } else if (tangentGraph) {
            zeros(workspace.xTangent, rows * d);
        }

        boolean withTangent = batch.hTangent() != null;
        var outputs = withTangent ? workspace.outputsWithTangent : workspace.outputs;
        // Every requested output is pinned to the workspace, so the result owns no tensor.
        session.run(workspace.inputs, outputs).close();
        copy(workspace.h, batch.out(), first * d, rows * d);
        if (withTangent) {
            copy(workspace.hTangent, batch.hTangent(), first * d, rows * d);
        }
    }

    /**
     * Rounds {@code count} values from {@code offset} to float into {@code buffer}, refusing values
     * not finite in float.
     */
    private static void fill(
            FloatBuffer buffer, double[] values, int offset, int count, int width, String name) {
        for (int i = 0; i < count; i++) {
            float value = (float) values[offset + i];
            if (!Float.isFinite(value)) {
                throw notFinite(name, values[offset + i], offset + i, width);
            }
            buffer.put(i, value);
        }
    }

    private static IllegalArgumentException notFinite(
            String name, double value, int index, int width) {
        String where =
                width == 1
                        ? name + "[" + index + "]"
                        : name
                                + "["
                                + index
                                + "] (row "
                                + index / width
                                + ", column "
                                + index % width
                                + ")";
        String what = Double.isFinite(value) ? value + ", beyond the float32 range," : "" + value;
        return new IllegalArgumentException(
                where
                        + " is "
                        + what
                        + "; the network needs finite float32 inputs. A NaN usually comes from an"
                        + " earlier step: check the solver's step size and the previous output");
    }

    private static void zeros(FloatBuffer buffer, int count) {
        for (int i = 0; i < count; i++) {
            buffer.put(i, 0f);
        }
    }

    private static void copy(FloatBuffer from, double[] to, int offset, int count) {
        for (int i = 0; i < count; i++) {
            to[offset + i] = from.get(i);
        }
    }

    /**
     * Releases the ONNX Runtime session after waiting for calls in flight. Idempotent; calls after
     * close throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (chunkRunner != null) {
                chunkRunner.close();
            }
            pool.clear();
            closeQuietly(session);
            LOG.debug("Closed {}", modelPath);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the ONNX Runtime session failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName()
                + "["
                + modelPath
                + ": "
                + card.model().configName()
                + ", "
                + card.parameterization().configName()
                + ", path "
                + card.path().type()
                + ", "
                + card.time().configName()
                + ", D = "
                + card.xSize()
                + ", C = "
                + card.conditionSize()
                + ", "
                + executionProvider
                + (closed ? ", closed" : "")
                + "]";
    }
}
