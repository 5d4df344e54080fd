package org.grl4j.cli;

import org.grl4j.cli.bench.BenchCommand;
import org.grl4j.cli.fidelity.FidelityCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code grl4j} command: trains, exports, samples and evaluates generative models.
 *
 * <p>Exit codes ({@link ExitCodes}): 0 success, 1 the command ran and failed (an invalid file, a
 * diverged run, a failed parity check), 2 the command line is wrong (an unknown or malformed flag,
 * a missing input file, a flag that does not fit the model). Errors are one line on stderr; {@code
 * --verbose} adds the stack trace and the libraries' INFO logs.
 */
@Command(
        name = "grl4j",
        mixinStandardHelpOptions = true,
        version = "grl4j " + Grl4j.VERSION,
        description = "Train diffusion, flow and bridge models, export them to ONNX, sample them.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            SampleCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            FidelityCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./grl4j demo",
            "  ./grl4j train --preset swiss_roll_otcfm --iterations 500",
            "  ./grl4j train --config my.yaml --data points.csv --out runs/mine",
            "  ./grl4j export runs/mine -o mine.onnx",
            "  ./grl4j sample mine.onnx -n 10000 --solver dpm-solver++ -o samples.npy",
            "  ./grl4j eval mine.onnx --data held_out.csv --json metrics.json",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the command ran and failed (invalid file contents, diverged training, parity"
                    + " check)",
            "2:usage error (unknown or malformed flag, missing input file, flag that does not fit"
                    + " the model)"
        })
public final class Grl4j implements Runnable {

    /** The version printed by {@code --version} and stamped into exported models. */
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print stack traces on errors and the libraries' INFO logs.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with every subcommand and the one-line error handlers; tests call
     * this to run commands in-process.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Grl4j());
        ErrorReporting.install(commandLine);
        return commandLine;
    }

    public static void main(String[] args) {
        Logging.configure(isVerbose(args));
        System.exit(commandLine().execute(args));
    }

    /** Whether the verbose flag is on the command line (needed before the loggers start). */
    static boolean isVerbose(String[] args) {
        for (String arg : args) {
            if (arg.equals("-v") || arg.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
