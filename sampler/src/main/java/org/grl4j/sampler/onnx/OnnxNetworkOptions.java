package org.grl4j.sampler.onnx;

/**
 * How {@link OnnxNetwork} sets up its ONNX Runtime session.
 *
 * <p>With {@link ExecutionProvider#CUDA}, a class path or machine without CUDA support makes the
 * load fail with an {@link OnnxModelException} that says how to enable CUDA, unless {@code
 * allowFallbackToCpu} is set: then the network runs on the CPU and a WARN line says so. {@link
 * OnnxNetwork#executionProvider()} tells which provider a loaded network got.
 *
 * @param executionProvider where the network runs; CPU by default
 * @param cudaDeviceId the CUDA device ordinal, 0 for the first GPU; ignored on CPU
 * @param allowFallbackToCpu whether an unavailable CUDA provider falls back to CPU (logged) instead
 *     of failing
 * @param intraOpThreads threads ONNX Runtime uses inside one operator, 0 for its default (one per
 *     physical core); use 1 when many caller threads share the network
 * @param interOpThreads threads ONNX Runtime uses across independent operators, 0 for its default
 */
public record OnnxNetworkOptions(
        ExecutionProvider executionProvider,
        int cudaDeviceId,
        boolean allowFallbackToCpu,
        int intraOpThreads,
        int interOpThreads) {

    public OnnxNetworkOptions {
        if (executionProvider == null) {
            throw new IllegalArgumentException(
                    "executionProvider is null; choose ExecutionProvider.CPU or CUDA");
        }
        requireNonNegative("cudaDeviceId", cudaDeviceId);
        requireNonNegative("intraOpThreads", intraOpThreads);
        requireNonNegative("interOpThreads", interOpThreads);
    }

    /** CPU with ONNX Runtime's default thread counts. */
    public static OnnxNetworkOptions cpu() {
        return new OnnxNetworkOptions(ExecutionProvider.CPU, 0, false, 0, 0);
    }

    /** CUDA on the given device, failing (not falling back) when CUDA is unavailable. */
    public static OnnxNetworkOptions cuda(int deviceId) {
        return new OnnxNetworkOptions(ExecutionProvider.CUDA, deviceId, false, 0, 0);
    }

    /** These options with a CPU fallback when CUDA is unavailable ({@code true}) or without. */
    public OnnxNetworkOptions withFallbackToCpu(boolean allow) {
        return new OnnxNetworkOptions(
                executionProvider, cudaDeviceId, allow, intraOpThreads, interOpThreads);
    }

    /** These options with the given intra-op thread count (0 for ONNX Runtime's default). */
    public OnnxNetworkOptions withIntraOpThreads(int threads) {
        return new OnnxNetworkOptions(
                executionProvider, cudaDeviceId, allowFallbackToCpu, threads, interOpThreads);
    }

    /** These options with the given inter-op thread count (0 for ONNX Runtime's default). */
    public OnnxNetworkOptions withInterOpThreads(int threads) {
        return new OnnxNetworkOptions(
                executionProvider, cudaDeviceId, allowFallbackToCpu, intraOpThreads, threads);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    name + " is " + value + "; it must be 0 (the default) or more");
        }
    }
}
