package org.grl4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.grl4j.cli.io.InputFiles;
import org.grl4j.cli.training.ConfiguredModel;
import org.grl4j.cli.training.Presets;
import org.grl4j.cli.training.TorchThreads;
import org.grl4j.cli.training.TrainingInputs;
import org.grl4j.cli.training.TrainingRun;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.GenerativeConfig;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code grl4j train}: trains a configuration or a preset and exports the result. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a model from a GenerativeRL-style configuration or a preset, then export it.",
            "The configuration is JSON or YAML with GenerativeRL's keys; the data is a .csv or"
                    + " .npy file or a built-in dataset.",
            "Writes into the output directory: checkpoint.grl4j (resumable; Ctrl-C saves it),"
                    + " run.json, loss.csv, loss.png and model.onnx.",
            "Data is standardized per dimension before training (the model file records it and"
                    + " the sampler maps samples back); --no-normalize trains on raw values as"
                    + " GenerativeRL does."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./grl4j train --list-presets",
            "  ./grl4j train --preset swiss_roll_diffusion --iterations 1000",
            "  ./grl4j train --config my.yaml --data points.csv --out runs/mine",
            "  ./grl4j train --config cond.yaml --data x.csv --condition c.csv",
            "  ./grl4j train --preset swiss_roll_icfm_with_mask --condition mask:0.3",
            "  ./grl4j train --preset swiss_roll_otcfm --out runs/ot --resume"
        })
final class TrainCommand implements Callable<Integer> {

    /** Points drawn from a built-in dataset when neither the command nor data_num says. */
    static final int DEFAULT_DATA_NUM = 10_000;

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "A configuration file (.json, .yaml or .yml).")
        Path config;

        @Option(
                names = "--preset",
                paramLabel = "NAME",
                description = "A built-in configuration named after a GenerativeRL tutorial.")
        String preset;

        @Option(names = "--list-presets", description = "List the presets and exit.")
        boolean listPresets;
    }

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Training rows, .csv or .npy (one row per point).")
    Path dataFile;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description =
                    "A built-in dataset instead of --data: swiss_roll, moons, 8gaussians, scurve,"
                            + " checkerboard, standard_normal. Presets name their own.")
    String dataset;

    @Option(
            names = "--data-num",
            paramLabel = "N",
            description = "Points drawn from a built-in dataset (default: data_num, else 10000).")
    Integer dataNum;

    @Option(
            names = "--condition",
            paramLabel = "FILE|mask:P",
            description =
                    "Conditions for a conditional model: a file with one row per data row, or"
                            + " mask:P, a copy of the data with each coordinate hidden (set to 0)"
                            + " with probability P.")
    String condition;

    @Option(names = "--iterations", paramLabel = "N", description = "Override iterations.")
    Integer iterations;

    @Option(names = "--batch-size", paramLabel = "N", description = "Override batch_size.")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "S", description = "Override the seed (default 0).")
    Long seed;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            description = "The run directory (default: grl4j-out/<preset or config name>).")
    Path out;

    @Option(names = "--resume", description = "Continue from the run directory's checkpoint.")
    boolean resume;

    @Option(names = "--no-normalize", description = "Train on the data as it is.")
    boolean noNormalize;

    @Option(names = "--no-export", description = "Skip writing model.onnx.")
    boolean noExport;

    @Option(
            names = "--tangent",
            description = "Export the tangent output too (exact likelihoods in eval).")
    boolean tangent;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(
            names = "--lr-schedule",
            paramLabel = "NAME",
            defaultValue = "constant",
            description =
                    "constant (GenerativeRL's, the default) or cosine (decay to 1%% of lr at the"
                            + " last iteration).")
    String lrSchedule;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "PyTorch threads per operation (default ${DEFAULT-VALUE}: small networks run"
                            + " faster on one, by 8x on a busy 2-core machine).")
    int threads;

    @Override
    public Integer call() {
        if (source.listPresets) {
            listPresets();
            return ExitCodes.OK;
        }
        checkCounts();
        TorchThreads.set(threads);
        Presets.Preset preset = source.preset == null ? null : Presets.named(source.preset);
        GenerativeConfig config =
                preset != null
                        ? preset.config()
                        : ConfigLoader.load(InputFiles.requireFile(source.config, "config file"));
        Path directory = out != null ? out : Path.of("grl4j-out", runName());
        TrainingRun.Options options =
                new TrainingRun.Options(
                        directory,
                        iterations,
                        batchSize,
                        seed,
                        resume,
                        !quiet && System.console() != null,
                        quiet || System.console() != null ? null : progressStream(),
                        !noExport,
                        tangent,
                        preset == null ? null : preset.name(),
                        cosineSchedule());
        config = TrainingRun.withOverrides(config, options);
        TrainingInputs inputs = inputs(config, preset);
        checkConditionWidth(config, inputs);

        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(
                Locale.ROOT,
                "training %s on %s: %d iterations, batch %d -> %s%n",
                runName(),
                inputs.description(),
                config.requireParameter().iterations(),
                config.requireParameter().batchSize(),
                directory);
        printer.flush();
        TrainingRun.Result result = TrainingRun.run(config, inputs, options);
        printSummary(printer, result);
        return ExitCodes.OK;
    }

    private boolean cosineSchedule() {
        return switch (lrSchedule) {
            case "constant" -> false;
            case "cosine" -> true;
            default ->
                    throw new UsageException(
                            "--lr-schedule must be constant or cosine, found '" + lrSchedule + "'");
        };
    }

    private void checkCounts() {
        requirePositive("--iterations", iterations);
        requirePositive("--batch-size", batchSize);
        requirePositive("--data-num", dataNum);
        requirePositive("--threads", threads);
        if (dataFile != null && dataset != null) {
            throw new UsageException("give --data FILE or --dataset NAME, not both");
        }
        if (dataFile != null && dataNum != null) {
            throw new UsageException("--data-num applies to built-in datasets, not to --data");
        }
    }

    private static void requirePositive(String flag, Integer value) {
        if (value != null && value < 1) {
            throw new UsageException(flag + " must be at least 1, found " + value);
        }
    }

    private String runName() {
        if (source.preset != null) {
            return source.preset;
        }
        String name = source.config.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private TrainingInputs inputs(GenerativeConfig config, Presets.Preset preset) {
        long dataSeed = config.requireParameter().seed();
        PointSet data;
        String description;
        if (dataFile != null) {
            data = InputFiles.readPoints(dataFile, "data file (--data)");
            description = dataFile + " (" + data.size() + " rows)";
        } else {
            String name = dataset != null ? dataset : preset != null ? preset.dataset() : null;
            if (name == null) {
                throw new UsageException(
                        "no training data; give --data FILE or --dataset NAME (one of "
                                + Datasets.names()
                                + ")");
            }
            if (!Datasets.names().contains(name)) {
                throw new UsageException(
                        "no built-in dataset '" + name + "'; choose one of " + Datasets.names());
            }
            Integer configured = config.requireParameter().dataNum();
            int size =
                    dataNum != null ? dataNum : configured != null ? configured : DEFAULT_DATA_NUM;
            data = Datasets.byName(name, size, dataSeed);
            description = name + " (" + size + " points, seed " + dataSeed + ")";
        }
        String conditionSource =
                condition != null ? condition : preset != null ? preset.condition() : null;
        PointSet conditions = conditions(conditionSource, data, dataSeed);
        return TrainingInputs.of(data, conditions, !noNormalize, description);
    }

    private static PointSet conditions(String source, PointSet data, long seed) {
        if (source == null) {
            return null;
        }
        if (source.startsWith("mask:")) {
            double probability;
            try {
                probability = Double.parseDouble(source.substring(5));
            } catch (NumberFormatException e) {
                throw new UsageException(
                        "--condition mask:P needs a probability P, found '" + source + "'");
            }
            if (!(probability >= 0 && probability <= 1)) {
                throw new UsageException(
                        "--condition mask:P needs P in [0, 1], found " + probability);
            }
            return TrainingInputs.maskedCopy(data, probability, seed + 1);
        }
        return InputFiles.readPoints(Path.of(source), "condition file (--condition)");
    }

    private static void checkConditionWidth(GenerativeConfig config, TrainingInputs inputs) {
        int declared = ConfiguredModel.declaredConditionSize(config);
        if (declared < 0) {
            return;
        }
        if (declared > 0 && inputs.conditions() == null) {
            throw new UsageException(
                    "the configuration is conditional (condition_dim "
                            + declared
                            + "); give --condition FILE or --condition mask:P");
        }
        if (declared != inputs.conditionSize()) {
            throw new UsageException(
                    "the conditions have width "
                            + inputs.conditionSize()
                            + " but the configuration's condition_dim is "
                            + declared
                            + "; make them agree");
        }
    }

    private PrintStream progressStream() {
        return System.err;
    }

    private void listPresets() {
        PrintWriter printer = spec.commandLine().getOut();
        for (Presets.Preset preset : Presets.all()) {
            printer.printf(Locale.ROOT, "%-36s %s%n", preset.name(), preset.description());
        }
        printer.flush();
    }

    private static void printSummary(PrintWriter printer, TrainingRun.Result result) {
        printer.printf(
                Locale.ROOT,
                "trained %d steps in %.1f s (%.1f steps/s), final loss %.4f%n",
                result.record().steps(),
                result.seconds(),
                result.stepsPerSecond(),
                result.record().finalLoss());
        if (result.model() != null) {
            printer.printf(
                    Locale.ROOT,
                    "exported %s (%d bytes; parity %s)%n",
                    result.model(),
                    result.export().bytes(),
                    result.export().parity().summary());
        }
        printer.flush();
    }
}
