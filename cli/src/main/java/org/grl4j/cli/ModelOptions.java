package org.grl4j.cli;

import java.nio.file.Path;
import org.grl4j.cli.io.InputFiles;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.sampler.onnx.OnnxNetworkOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model file and where to run it, shared by {@code sample} and {@code eval}. */
final class ModelOptions {

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "A model file from export.")
    Path model;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            defaultValue = "cpu",
            description =
                    "cpu (default) or cuda[:N]; cuda needs the onnxruntime_gpu build and CUDA 12"
                            + " libraries.")
    String device;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "ONNX Runtime intra-op threads (default: ONNX Runtime's choice).")
    Integer threads;

    /** Loads the model, turning a missing file or a malformed flag into a usage error. */
    OnnxModel load() {
        InputFiles.requireFile(model, "model file");
        return OnnxModel.load(model, networkOptions());
    }

    private OnnxNetworkOptions networkOptions() {
        OnnxNetworkOptions options;
        if (device.equals("cpu")) {
            options = OnnxNetworkOptions.cpu();
        } else if (device.matches("cuda(:\\d+)?")) {
            int id = device.contains(":") ? Integer.parseInt(device.substring(5)) : 0;
            options = OnnxNetworkOptions.cuda(id);
        } else {
            throw new UsageException(
                    "--device must be cpu, cuda or cuda:N, found '" + device + "'");
        }
        if (threads != null) {
            if (threads < 1) {
                throw new UsageException("--threads must be at least 1, found " + threads);
            }
            options = options.withIntraOpThreads(threads);
        }
        return options;
    }
}
