package org.grl4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.grl4j.cli.io.InputFiles;
import org.grl4j.cli.sampling.SolverOptions;
import org.grl4j.models.data.PointFiles;
import org.grl4j.models.data.PointSet;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.sampler.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code grl4j sample}: draws samples from a model file into a CSV or .npy file. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Draw samples from an exported model into a CSV or .npy file.",
            "Samples are in data space (the model's normalization is undone); the format follows"
                    + " the extension and the file is written atomically.",
            "For a conditional model give --condition: k samples per condition row, sample j of"
                    + " row i at output row i*k + j."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./grl4j sample model.onnx -n 10000 -o samples.csv",
            "  ./grl4j sample model.onnx --solver dpm-solver++ --steps 20 -o s.npy",
            "  ./grl4j sample model.onnx --solver dopri5 --rtol 1e-4 --atol 1e-4 -o s.csv",
            "  ./grl4j sample model.onnx --solver euler-maruyama --steps 500 -o s.csv",
            "  ./grl4j sample cond.onnx --condition c.csv --per-condition 16 -o s.csv"
        })
final class SampleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ModelOptions modelOptions;

    @Mixin SolverOptions solverOptions;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "Where to write the samples: .csv or .npy.")
    Path output;

    @Option(
            names = {"-n", "--n"},
            paramLabel = "N",
            defaultValue = "1000",
            description = "Number of samples of an unconditional model (default ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Seed of the initial noise (and SDE noise); default ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--condition",
            paramLabel = "FILE",
            description = "Condition rows (.csv or .npy) for a conditional model.")
    Path conditionFile;

    @Option(
            names = "--per-condition",
            paramLabel = "K",
            defaultValue = "1",
            description = "Samples per condition row (default ${DEFAULT-VALUE}).")
    int perCondition;

    @Override
    public Integer call() {
        checkOutputName();
        if (count < 1) {
            throw new UsageException("-n must be at least 1, found " + count);
        }
        if (perCondition < 1) {
            throw new UsageException("--per-condition must be at least 1, found " + perCondition);
        }
        PointSet conditions =
                conditionFile == null
                        ? null
                        : InputFiles.readPoints(conditionFile, "condition file (--condition)");
        try (OnnxModel model = modelOptions.load()) {
            checkConditions(model, conditions);
            solverOptions.check(model.card().model());
            Samples samples =
                    solverOptions.sample(
                            model,
                            count,
                            conditions == null ? null : conditions.toArray(),
                            perCondition,
                            seed);
            PointFiles.write(output, PointSet.of(samples.rows(), samples.xSize(), samples.x()));
            report(samples);
        }
        return ExitCodes.OK;
    }

    private void checkOutputName() {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".npy")) {
            throw new UsageException(
                    "the output " + output + " must end in .csv or .npy (the format follows it)");
        }
    }

    private void checkConditions(OnnxModel model, PointSet conditions) {
        int c = model.card().conditionSize();
        if (c > 0 && conditions == null) {
            throw new UsageException(
                    "the model is conditional (condition width "
                            + c
                            + "); give the condition rows with --condition FILE");
        }
        if (c == 0 && conditions != null) {
            throw new UsageException(
                    "the model is unconditional; drop --condition " + conditionFile);
        }
        if (conditions != null && conditions.dimension() != c) {
            throw new UsageException(
                    "the condition file "
                            + conditionFile
                            + " has "
                            + conditions.dimension()
                            + " columns but the model takes conditions of width "
                            + c);
        }
    }

    private void report(Samples samples) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "wrote %d samples of dimension %d to %s (%s: %d NFE, %.2f s)%n",
                samples.rows(),
                samples.xSize(),
                output,
                solverOptions.describe(),
                samples.evaluations(),
                samples.wallNanos() / 1e9);
        out.flush();
    }
}
