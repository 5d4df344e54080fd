package org.grl4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One in-process run of the command line, with what it printed.
 *
 * @param exitCode the code {@code main} would exit with
 * @param out what went to stdout
 * @param err what went to stderr (through picocli's writer)
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code grl4j args...} in this JVM. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Grl4j.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The non-empty lines of stderr. */
    List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A description for assertion messages. */
    String describe() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
