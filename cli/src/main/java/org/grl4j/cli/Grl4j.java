package org.grl4j.cli;

import org.grl4j.cli.fidelity.FidelityCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code grl4j} command: trains, exports, samples and evaluates generative models. */
@Command(
        name = "grl4j",
        mixinStandardHelpOptions = true,
        version = "grl4j 0.1.0",
        description = "Train diffusion, flow and bridge models, export them to ONNX, sample them.",
        subcommands = {CommandLine.HelpCommand.class, FidelityCommand.class})
public final class Grl4j implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with every subcommand; tests call this to run commands in-process.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Grl4j());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
