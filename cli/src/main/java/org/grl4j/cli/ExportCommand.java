package org.grl4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.grl4j.cli.io.InputFiles;
import org.grl4j.cli.training.ConfiguredModel;
import org.grl4j.cli.training.ModelExport;
import org.grl4j.cli.training.RunRecord;
import org.grl4j.cli.training.TorchThreads;
import org.grl4j.cli.training.TrainingRun;
import org.grl4j.exporter.ExportReport;
import org.grl4j.models.card.InvalidModelCardException;
import org.grl4j.models.card.Quantization;
import org.grl4j.trainer.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grl4j export}: turns a training checkpoint into a self-describing ONNX file. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a training run's checkpoint to a self-describing ONNX file, parity checked.",
            "The file (IR 8, opset 17, symbolic batch) carries the model card in its metadata:"
                    + " path, parameterization, normalization, the full training configuration.",
            "Before writing, the ONNX graph is run with ONNX Runtime on random inputs and compared"
                    + " with the DJL network; the export fails (and writes nothing) if they"
                    + " disagree beyond 1e-5 relative."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./grl4j export grl4j-out/swiss_roll_diffusion",
            "  ./grl4j export runs/mine -o mine.onnx --tangent",
            "  ./grl4j export runs/mine -o mine-int8.onnx --quantize int8_dynamic",
            "  ./grl4j export runs/mine/checkpoint.grl4j -o mine.onnx"
        })
final class ExportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "RUN",
            description =
                    "A run directory written by train (checkpoint.grl4j and run.json), or its"
                            + " checkpoint.grl4j.")
    Path run;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "The .onnx file to write (default: RUN/model.onnx).")
    Path output;

    @Option(
            names = "--tangent",
            description =
                    "Add the x_tangent input and h_tangent output (J h . x_tangent) used for exact"
                            + " likelihoods.")
    boolean tangent;

    @Option(
            names = "--ema",
            description = "Export the EMA weights (a run trained with an EMA of the weights).")
    boolean ema;

    @Option(names = "--no-parity-check", description = "Skip the ONNX Runtime vs DJL comparison.")
    boolean noParityCheck;

    @Option(
            names = "--quantize",
            paramLabel = "KIND",
            description =
                    "none (default) or int8_dynamic: int8 weights for the layers of 4096 or more"
                            + " weights, for single-sample latency (about 1.4x faster per"
                            + " evaluation, outputs within about 1% of the float network; parity"
                            + " limit 5%). Not with --tangent.")
    String quantize = Quantization.NONE.configName();

    @Override
    public Integer call() {
        Path directory = Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
        if (!Files.isDirectory(run)) {
            InputFiles.requireFile(run, "checkpoint");
        }
        Path checkpointFile = directory.resolve(Checkpoint.FILE_NAME);
        InputFiles.requireFile(checkpointFile, "checkpoint");
        InputFiles.requireFile(directory.resolve(RunRecord.FILE_NAME), "run record");
        Path target = output != null ? output : directory.resolve(TrainingRun.MODEL_FILE);
        if (!target.getFileName().toString().endsWith(".onnx")) {
            throw new UsageException("the output " + target + " must end in .onnx");
        }

        Quantization quantization = quantization();
        TorchThreads.set(1);
        RunRecord record = RunRecord.read(directory);
        Checkpoint checkpoint = Checkpoint.read(checkpointFile);
        RunRecord atCheckpoint =
                new RunRecord(
                        record.config(),
                        record.conditionSize(),
                        record.normalization(),
                        record.data(),
                        record.preset(),
                        checkpoint.step(),
                        checkpoint.step() == record.steps() ? record.finalLoss() : Double.NaN,
                        record.trainingSeconds());
        try (NDManager manager = NDManager.newBaseManager()) {
            ConfiguredModel model =
                    ConfiguredModel.create(
                            record.parsedConfig(), record.conditionSize(), manager, 0);
            model.loadWeights(checkpoint, ema);
            ExportReport report =
                    ModelExport.export(
                            model,
                            atCheckpoint,
                            checkpoint.seed(),
                            target,
                            tangent,
                            !noParityCheck,
                            quantization);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    Locale.ROOT,
                    "exported step %d of %s to %s (%d bytes, %d nodes%s)%n",
                    checkpoint.step(),
                    directory,
                    report.file(),
                    report.bytes(),
                    report.nodes(),
                    report.parity() == null
                            ? ", parity not checked"
                            : "; " + report.parity().summary());
            out.flush();
        }
        return ExitCodes.OK;
    }

    private Quantization quantization() {
        Quantization chosen;
        try {
            chosen = Quantization.fromConfigName(quantize);
        } catch (InvalidModelCardException e) {
            throw new UsageException("--quantize: " + e.getMessage());
        }
        if (tangent && chosen != Quantization.NONE) {
            throw new UsageException(
                    "--tangent and --quantize "
                            + quantize
                            + " cannot be combined: likelihoods need the float network; export"
                            + " two files");
        }
        return chosen;
    }
}
