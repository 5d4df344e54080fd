package org.grl4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.grl4j.cli.io.InputFiles;
import org.grl4j.cli.io.JsonOutput;
import org.grl4j.cli.sampling.Evaluation;
import org.grl4j.cli.sampling.SolverOptions;
import org.grl4j.models.data.PointSet;
import org.grl4j.sampler.OnnxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code grl4j eval}: scores a model against a data file. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Score a model against data: exact W2, MMD and (with a tangent output) likelihood.",
            "Draws one sample per reference row and reports the exact 2-Wasserstein distance and"
                    + " the MMD (RBF kernel, median-heuristic bandwidth), both in data space.",
            "When the model file has the tangent output (export --tangent) it also reports the"
                    + " mean PF-ODE log-likelihood of the reference rows (exact trace) and bits per"
                    + " dimension.",
            "Exact W2 costs O(n^3): keep -n at a few thousand."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./grl4j eval model.onnx --data held_out.csv",
            "  ./grl4j eval model.onnx --data held_out.npy -n 5000 --json metrics.json",
            "  ./grl4j eval model.onnx --data held_out.csv --solver dpm-solver++",
            "  ./grl4j eval cond.onnx --data x.csv --condition c.csv"
        })
final class EvalCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ModelOptions modelOptions;

    @Mixin SolverOptions solverOptions;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "FILE",
            description = "Reference rows (.csv or .npy) in data space.")
    Path dataFile;

    @Option(
            names = "--condition",
            paramLabel = "FILE",
            description = "One condition row per reference row, for a conditional model.")
    Path conditionFile;

    @Option(
            names = {"-n", "--n"},
            paramLabel = "N",
            defaultValue = "2000",
            description =
                    "Use at most N reference rows (a seeded random subset); default"
                            + " ${DEFAULT-VALUE}.")
    int maxRows;

    @Option(
            names = "--likelihood-rows",
            paramLabel = "N",
            defaultValue = "200",
            description =
                    "Rows scored by the likelihood, 0 for none (default ${DEFAULT-VALUE}; each row"
                            + " costs an adaptive ODE solve with D tangent evaluations per step).")
    int likelihoodRows;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Seed of the subset and of the samples; default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics as JSON.")
    Path json;

    @Override
    public Integer call() {
        if (maxRows < 2) {
            throw new UsageException("-n must be at least 2, found " + maxRows);
        }
        if (likelihoodRows < 0) {
            throw new UsageException("--likelihood-rows must be >= 0, found " + likelihoodRows);
        }
        PointSet data = InputFiles.readPoints(dataFile, "data file (--data)");
        PointSet conditions =
                conditionFile == null
                        ? null
                        : InputFiles.readPoints(conditionFile, "condition file (--condition)");
        try (OnnxModel model = modelOptions.load()) {
            check(model, data, conditions);
            solverOptions.check(model.card().model());
            Evaluation.Report report =
                    Evaluation.evaluate(
                            model, data, conditions, solverOptions, maxRows, likelihoodRows, seed);
            print(report, Evaluation.hasTangent(model));
            if (json != null) {
                JsonOutput.write(json, toJson(report));
            }
        }
        return ExitCodes.OK;
    }

    private void check(OnnxModel model, PointSet data, PointSet conditions) {
        if (data.dimension() != model.card().xSize()) {
            throw new UsageException(
                    "the data file "
                            + dataFile
                            + " has "
                            + data.dimension()
                            + " columns but the model's samples have "
                            + model.card().xSize());
        }
        int c = model.card().conditionSize();
        if (c > 0 && conditions == null) {
            throw new UsageException(
                    "the model is conditional; give one condition row per data row with"
                            + " --condition FILE");
        }
        if (c == 0 && conditions != null) {
            throw new UsageException("the model is unconditional; drop --condition");
        }
        if (conditions != null
                && (conditions.size() != data.size() || conditions.dimension() != c)) {
            throw new UsageException(
                    "the condition file has "
                            + conditions.size()
                            + " rows of width "
                            + conditions.dimension()
                            + "; the model needs "
                            + data.size()
                            + " rows (one per data row) of width "
                            + c);
        }
    }

    private void print(Evaluation.Report report, boolean tangent) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-34s %s%n", "metric", "value");
        out.printf(
                Locale.ROOT, "%-34s %.4f%n", "W2, exact (n = " + report.rows() + ")", report.w2());
        out.printf(Locale.ROOT, "%-34s %.4f%n", "MMD, RBF median bandwidth", report.mmd());
        if (report.likelihoodRows() > 0) {
            out.printf(
                    Locale.ROOT,
                    "%-34s %.4f%n",
                    "log-likelihood, nats (n = " + report.likelihoodRows() + ")",
                    report.logLikelihood());
            out.printf(
                    Locale.ROOT, "%-34s %.4f%n", "bits per dimension", report.bitsPerDimension());
        } else {
            out.printf(
                    Locale.ROOT,
                    "%-34s %s%n",
                    "log-likelihood",
                    tangent ? "skipped (--likelihood-rows 0)" : "n/a (export with --tangent)");
        }
        out.printf(
                Locale.ROOT,
                "%-34s %s, %d NFE, %.2f s%n",
                "sampling",
                solverOptions.describe(),
                report.samples().evaluations(),
                report.samples().wallNanos() / 1e9);
        out.flush();
    }

    private ObjectNode toJson(Evaluation.Report report) {
        ObjectNode root = JsonOutput.object();
        root.put("model", modelOptions.model.toString());
        root.put("data", dataFile.toString());
        root.put("rows", report.rows());
        root.put("w2", report.w2());
        root.put("mmd", report.mmd());
        if (report.likelihoodRows() > 0) {
            root.put("likelihood_rows", report.likelihoodRows());
            root.put("log_likelihood", report.logLikelihood());
            root.put("bits_per_dimension", report.bitsPerDimension());
        }
        root.put("solver", solverOptions.describe());
        root.put("nfe", report.samples().evaluations());
        root.put("sampling_seconds", report.samples().wallNanos() / 1e9);
        root.put("seed", seed);
        return root;
    }
}
