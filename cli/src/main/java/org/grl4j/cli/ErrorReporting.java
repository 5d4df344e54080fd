package org.grl4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one line on stderr, {@code grl4j <command>: <message>}, and an exit code
 * from {@link ExitCodes}; {@code --verbose} adds the stack trace. Library exceptions already say
 * what was wrong and how to fix it, so their message is printed as it is.
 */
final class ErrorReporting {

    private ErrorReporting() {}

    static void install(CommandLine commandLine) {
        commandLine.setParameterExceptionHandler(ErrorReporting::usageError);
        commandLine.setExecutionExceptionHandler(ErrorReporting::executionError);
    }

    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(
                prefix(command)
                        + oneLine(error.getMessage())
                        + " (see '"
                        + command.getCommandSpec().qualifiedName()
                        + " --help')");
        if (Grl4j.isVerbose(args)) {
            error.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int executionError(
            Exception error, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String hint =
                error instanceof UsageException
                        ? " (see '" + command.getCommandSpec().qualifiedName() + " --help')"
                        : "";
        err.println(prefix(command) + describe(error) + hint);
        if (Grl4j.isVerbose(parseResult.originalArgs().toArray(String[]::new))) {
            error.printStackTrace(err);
        }
        err.flush();
        return error instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + ": ";
    }

    /** The message of the error, or of its cause when the error only wraps it. */
    static String describe(Throwable error) {
        Throwable shown = error;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        if (shown instanceof UncheckedIOException io && io.getCause() != null) {
            shown = io.getCause();
        }
        if (shown instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            return shown.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
