package org.grl4j.sampler.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * How {@link OnnxNetwork} sets up its ONNX Runtime session and splits large batches.
 *
 * <p>With {@link ExecutionProvider#CUDA}, a class path or machine without CUDA support makes the
 * load fail with an {@link OnnxModelException} that says how to enable CUDA, unless {@code
 * allowFallbackToCpu} is set: then the network runs on the CPU and a WARN line says so. {@link
 * OnnxNetwork#executionProvider()} tells which provider a loaded network got.
 *
 * <p><b>Batch splitting.</b> A call with more than {@code chunkRows} rows is evaluated as chunks of
 * at most that many rows (equal sizes, differing by at most one row), so that each operator's
 * activations stay in the CPU caches instead of streaming a [N, 512] tensor through memory per
 * operator; with {@code parallelChunks} above 1, that many threads (the caller and pool threads
 * owned by the network) evaluate the chunks concurrently, each with {@code intraOpThreads} threads
 * inside ONNX Runtime. Rows are independent, so splitting never changes what a row gets (up to
 * float32 rounding of the matrix kernels). {@link #throughput(int)} is the setting measured fastest
 * for large batches on a CPU (docs/performance.md).
 *
 * @param executionProvider where the network runs; CPU by default
 * @param cudaDeviceId the CUDA device ordinal, 0 for the first GPU; ignored on CPU
 * @param allowFallbackToCpu whether an unavailable CUDA provider falls back to CPU (logged) instead
 *     of failing
 * @param intraOpThreads threads ONNX Runtime uses inside one operator, 0 for its default (one per
 *     physical core); use 1 when many caller threads share the network
 * @param interOpThreads threads ONNX Runtime uses across independent operators, 0 for its default
 * @param optimizationLevel ONNX Runtime's graph optimization level (ALL_OPT by default: constant
 *     folding, node fusions, layout changes)
 * @param memoryPattern whether ONNX Runtime plans tensor memory from the first call's shapes
 * @param cpuArena whether ONNX Runtime takes tensor memory from its arena allocator
 * @param spinning whether ONNX Runtime's intra-op threads spin while waiting for work (faster
 *     hand-offs; wastes cycles on a machine shared with other work)
 * @param chunkRows the most rows per ONNX Runtime call, 0 for no splitting
 * @param parallelChunks how many threads evaluate the chunks of one call, at least 1 (1: the
 *     calling thread only)
 */
public record OnnxNetworkOptions(
        ExecutionProvider executionProvider,
        int cudaDeviceId,
        boolean allowFallbackToCpu,
        int intraOpThreads,
        int interOpThreads,
        OptLevel optimizationLevel,
        boolean memoryPattern,
        boolean cpuArena,
        boolean spinning,
        int chunkRows,
        int parallelChunks) {

    public OnnxNetworkOptions {
        if (executionProvider == null) {
            throw new IllegalArgumentException(
                    "executionProvider is null; choose ExecutionProvider.CPU or CUDA");
        }
        if (optimizationLevel == null) {
            throw new IllegalArgumentException(
                    "optimizationLevel is null; use OptLevel.ALL_OPT (the default)");
        }
        requireNonNegative("cudaDeviceId", cudaDeviceId);
        requireNonNegative("intraOpThreads", intraOpThreads);
        requireNonNegative("interOpThreads", interOpThreads);
        requireNonNegative("chunkRows", chunkRows);
        if (parallelChunks < 1) {
            throw new IllegalArgumentException(
                    "parallelChunks is "
                            + parallelChunks
                            + "; it must be 1 (the calling thread only) or more");
        }
    }

    /** The options of earlier versions: ONNX Runtime's defaults for everything else. */
    public OnnxNetworkOptions(
            ExecutionProvider executionProvider,
            int cudaDeviceId,
            boolean allowFallbackToCpu,
            int intraOpThreads,
            int interOpThreads) {
        this(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                intraOpThreads,
                interOpThreads,
                OptLevel.ALL_OPT,
                true,
                true,
                true,
                0,
                1);
    }

    /** CPU with ONNX Runtime's default thread counts and one call per batch. */
    public static OnnxNetworkOptions cpu() {
        return new OnnxNetworkOptions(ExecutionProvider.CPU, 0, false, 0, 0);
    }

    /**
     * CPU tuned for large batches on {@code threads} cores: chunks of {@link
     * #THROUGHPUT_CHUNK_ROWS} rows evaluated by {@code threads} threads with one ONNX Runtime
     * thread each.
     */
    public static OnnxNetworkOptions throughput(int threads) {
        return cpu().withIntraOpThreads(1)
                .withChunkRows(THROUGHPUT_CHUNK_ROWS)
                .withParallelChunks(threads);
    }

    /**
     * CPU tuned for single-sample calls on {@code threads} cores: {@code threads} intra-op threads
     * that sleep rather than spin between operators, since a spinning thread takes a core from
     * other work on a shared machine.
     */
    public static OnnxNetworkOptions latency(int threads) {
        return cpu().withIntraOpThreads(threads).withSpinning(false);
    }

    /** The chunk size of {@link #throughput(int)}. */
    public static final int THROUGHPUT_CHUNK_ROWS = 256;

    /** CUDA on the given device, failing (not falling back) when CUDA is unavailable. */
    public static OnnxNetworkOptions cuda(int deviceId) {
        return new OnnxNetworkOptions(ExecutionProvider.CUDA, deviceId, false, 0, 0);
    }

    /** These options with a CPU fallback when CUDA is unavailable ({@code true}) or without. */
    public OnnxNetworkOptions withFallbackToCpu(boolean allow) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allow,
                intraOpThreads,
                interOpThreads,
                optimizationLevel,
                memoryPattern,
                cpuArena,
                spinning,
                chunkRows,
                parallelChunks);
    }

    /** These options with the given intra-op thread count (0 for ONNX Runtime's default). */
    public OnnxNetworkOptions withIntraOpThreads(int threads) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                threads,
                interOpThreads,
                optimizationLevel,
                memoryPattern,
                cpuArena,
                spinning,
                chunkRows,
                parallelChunks);
    }

    /** These options with the given inter-op thread count (0 for ONNX Runtime's default). */
    public OnnxNetworkOptions withInterOpThreads(int threads) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                intraOpThreads,
                threads,
                optimizationLevel,
                memoryPattern,
                cpuArena,
                spinning,
                chunkRows,
                parallelChunks);
    }

    /** These options with the given graph optimization level. */
    public OnnxNetworkOptions withOptimizationLevel(OptLevel level) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                intraOpThreads,
                interOpThreads,
                level,
                memoryPattern,
                cpuArena,
                spinning,
                chunkRows,
                parallelChunks);
    }

    /** These options with ONNX Runtime's memory-pattern planning and arena on or off. */
    public OnnxNetworkOptions withMemory(boolean pattern, boolean arena) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                intraOpThreads,
                interOpThreads,
                optimizationLevel,
                pattern,
                arena,
                spinning,
                chunkRows,
                parallelChunks);
    }

    /** These options with intra-op thread spinning on or off. */
    public OnnxNetworkOptions withSpinning(boolean spin) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                intraOpThreads,
                interOpThreads,
                optimizationLevel,
                memoryPattern,
                cpuArena,
                spin,
                chunkRows,
                parallelChunks);
    }

    /** These options with batches split into chunks of at most {@code rows} rows (0: never). */
    public OnnxNetworkOptions withChunkRows(int rows) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                intraOpThreads,
                interOpThreads,
                optimizationLevel,
                memoryPattern,
                cpuArena,
                spinning,
                rows,
                parallelChunks);
    }

    /** These options with chunks evaluated by {@code threads} threads (1: the caller only). */
    public OnnxNetworkOptions withParallelChunks(int threads) {
        return new OnnxNetworkOptions(
                executionProvider,
                cudaDeviceId,
                allowFallbackToCpu,
                intraOpThreads,
                interOpThreads,
                optimizationLevel,
                memoryPattern,
                cpuArena,
                spinning,
                chunkRows,
                threads);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    name + " is " + value + "; it must be 0 (the default) or more");
        }
    }
}
