package org.grl4j.sampler.onnx;

/** Where ONNX Runtime runs the network. */
public enum ExecutionProvider {
    /** ONNX Runtime's CPU kernels; always available. */
    CPU,
    /**
     * NVIDIA GPUs through the CUDA execution provider. Needs the {@code
     * com.microsoft.onnxruntime:onnxruntime_gpu} artifact instead of {@code onnxruntime} (never
     * both on one class path) and the CUDA 12 and cuDNN 9 system libraries.
     */
    CUDA
}
