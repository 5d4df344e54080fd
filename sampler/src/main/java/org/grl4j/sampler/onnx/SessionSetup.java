package org.grl4j.sampler.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an ONNX Runtime session with the requested execution provider and threading, falling back
 * from CUDA to CPU only when the options allow it, and saying so.
 *
 * @param session the open session
 * @param provider the provider the session actually uses
 */
record SessionSetup(OrtSession session, ExecutionProvider provider) {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);

    static final String HOW_TO_ENABLE_CUDA =
            "to run on CUDA, depend on com.microsoft.onnxruntime:onnxruntime_gpu (same version)"
                    + " instead of com.microsoft.onnxruntime:onnxruntime (never both), install the"
                    + " CUDA 12 and cuDNN 9 libraries where the library path finds them, and check"
                    + " the device ordinal; or set allowFallbackToCpu to run on the CPU instead";

    static SessionSetup open(OrtEnvironment environment, Path model, OnnxNetworkOptions options) {
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            ExecutionProvider provider = configure(sessionOptions, model, options);
            return new SessionSetup(
                    environment.createSession(model.toString(), sessionOptions), provider);
        } catch (OrtException e) {
            throw new OnnxModelException(
                    "ONNX Runtime cannot load "
                            + model
                            + " ("
                            + e.getMessage()
                            + "); is it an ONNX model? A grl4j model is written by the exporter"
                            + " as a .onnx file; check that the file is complete and not another"
                            + " format (a checkpoint, a TorchScript file)",
                    e);
        }
    }

    private static ExecutionProvider configure(
            OrtSession.SessionOptions sessionOptions, Path model, OnnxNetworkOptions options)
            throws OrtException {
        if (options.intraOpThreads() > 0) {
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
        }
        if (options.interOpThreads() > 0) {
            sessionOptions.setInterOpNumThreads(options.interOpThreads());
        }
        if (options.interOpThreads() > 1) {
            sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.PARALLEL);
        }
        sessionOptions.setOptimizationLevel(options.optimizationLevel());
        sessionOptions.setMemoryPatternOptimization(options.memoryPattern());
        sessionOptions.setCPUArenaAllocator(options.cpuArena());
        if (!options.spinning()) {
            sessionOptions.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        if (options.executionProvider() == ExecutionProvider.CUDA) {
            return addCuda(sessionOptions, model, options);
        }
        return ExecutionProvider.CPU;
    }

    private static ExecutionProvider addCuda(
            OrtSession.SessionOptions sessionOptions, Path model, OnnxNetworkOptions options) {
        try {
            sessionOptions.addCUDA(options.cudaDeviceId());
            return ExecutionProvider.CUDA;
        } catch (OrtException | UnsatisfiedLinkError e) {
            if (!options.allowFallbackToCpu()) {
                throw new OnnxModelException(
                        "the CUDA execution provider (device "
                                + options.cudaDeviceId()
                                + ") is not available for "
                                + model
                                + ": "
                                + e.getMessage()
                                + "; "
                                + HOW_TO_ENABLE_CUDA,
                        e);
            }
            LOG.warn(
                    "CUDA execution provider (device {}) is not available ({}); running {} on the"
                            + " CPU because allowFallbackToCpu is set",
                    options.cudaDeviceId(),
                    e.getMessage(),
                    model);
            return ExecutionProvider.CPU;
        }
    }
}
