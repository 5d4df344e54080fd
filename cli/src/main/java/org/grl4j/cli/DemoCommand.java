package org.grl4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.grl4j.cli.demo.SwissRollDemo;
import org.grl4j.cli.training.TorchThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code grl4j demo}: the whole pipeline on the swiss roll, with pictures. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Train, export, sample and plot GenerativeRL's swiss-roll diffusion model.",
            "Trains the swiss-roll diffusion model (linear_vp_sde 0.1/20, noise_function, Fourier"
                    + " 32 + TemporalSpatialResidualNet [128, 64, 32]) for a few minutes on the"
                    + " CPU, exports it to ONNX, samples it with Euler and DPM-Solver++, and writes"
                    + " into the output directory:",
            "  samples.png      held-out data next to the samples of both solvers",
            "  loss.png         the training loss",
            "  trajectory.png   snapshots of the Euler trajectory from noise to data",
            "  trajectory.gif   the same as an animation",
            "  metrics.json     W2 to held-out data (trained, and an untrained network of the same"
                    + " shape), NFE, wall times",
            "  model.onnx       the exported model (try: grl4j sample <dir>/model.onnx -o s.csv)",
            "  config.yaml, run.json, checkpoint.grl4j, loss.csv, held_out.csv"
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ./grl4j demo", "  ./grl4j demo --out /tmp/demo --iterations 500"})
final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            defaultValue = "grl4j-out/demo",
            description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            description = "Training steps (default: the demo configuration's, 2000).")
    Integer iterations;

    @Option(
            names = "--eval-points",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Held-out points and samples per solver (default ${DEFAULT-VALUE}).")
    int evalPoints;

    @Option(
            names = "--euler-steps",
            paramLabel = "N",
            defaultValue = "100",
            description = "Euler steps (default ${DEFAULT-VALUE}).")
    int eulerSteps;

    @Option(
            names = "--dpm-steps",
            paramLabel = "N",
            defaultValue = "20",
            description = "DPM-Solver++ steps (default ${DEFAULT-VALUE}).")
    int dpmSteps;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Seed of data, weights and sampling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Threads per operation for PyTorch (training) and ONNX Runtime (sampling);"
                            + " default ${DEFAULT-VALUE}, the fastest for these small networks.")
    int threads;

    @Override
    public Integer call() {
        if (iterations != null && iterations < 1) {
            throw new UsageException("--iterations must be at least 1, found " + iterations);
        }
        if (evalPoints < 2 || eulerSteps < 1 || dpmSteps < 2) {
            throw new UsageException(
                    "--eval-points must be >= 2, --euler-steps >= 1 and --dpm-steps >= 2");
        }
        if (threads < 1) {
            throw new UsageException("--threads must be at least 1, found " + threads);
        }
        TorchThreads.set(threads);
        boolean console = System.console() != null;
        SwissRollDemo.Outcome outcome =
                SwissRollDemo.run(
                        new SwissRollDemo.Settings(
                                out,
                                iterations,
                                evalPoints,
                                eulerSteps,
                                dpmSteps,
                                seed,
                                threads,
                                quiet ? null : System.err,
                                !quiet && console));
        summary(outcome);
        return ExitCodes.OK;
    }

    private void summary(SwissRollDemo.Outcome outcome) {
        PrintWriter p = spec.commandLine().getOut();
        var training = outcome.training();
        p.printf(Locale.ROOT, "%ngrl4j demo: swiss-roll diffusion model%n");
        p.printf(
                Locale.ROOT,
                "  training     %d steps, batch %s, %.1f s (%.1f steps/s), final loss %.4f%n",
                training.record().steps(),
                training.record().parsedConfig().requireParameter().batchSize(),
                training.seconds(),
                training.stepsPerSecond(),
                training.record().finalLoss());
        p.printf(
                Locale.ROOT,
                "  export       %s (%d bytes), %s%n",
                training.model(),
                training.export().bytes(),
                training.export().parity().summary());
        p.printf(Locale.ROOT, "  W2 to %d held-out points (exact, data space):%n", evalPoints);
        line(p, "trained, Euler", outcome.euler());
        line(p, "trained, DPM-Solver++", outcome.dpm());
        line(p, "untrained, Euler", outcome.untrained());
        p.printf(
                Locale.ROOT,
                "  training cut W2 by a factor of %.1f (Euler)%n",
                outcome.untrained().w2() / outcome.euler().w2());
        p.printf(Locale.ROOT, "  total        %.1f s%n", outcome.totalSeconds());
        p.printf(Locale.ROOT, "  files        %s%n", out);
        for (Path file : outcome.files()) {
            p.printf(Locale.ROOT, "                 %s%n", out.relativize(file));
        }
        p.flush();
    }

    private static void line(PrintWriter p, String label, SwissRollDemo.SolverResult result) {
        p.printf(
                Locale.ROOT,
                "    %-24s W2 %.4f  (%d NFE, %.2f s)%n",
                label,
                result.w2(),
                result.nfe(),
                result.seconds());
    }
}
