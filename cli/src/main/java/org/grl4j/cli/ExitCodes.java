package org.grl4j.cli;

/**
 * What the {@code grl4j} process returns. Scripts can tell a wrong command line (fix the call) from
 * a failure of the work itself (look at the input files or the run).
 */
public final class ExitCodes {

    /** The command did what it was asked. */
    public static final int OK = 0;

    /**
     * The command ran and failed: a data or model file with invalid contents, training that
     * diverged, an export whose parity check failed, a file that could not be written.
     */
    public static final int FAILURE = 1;

    /**
     * The command line is wrong: an unknown or malformed flag, a missing required flag, an input
     * file that does not exist, or a flag that does not fit the model (a condition file for an
     * unconditional model, DPM-Solver for a flow model). picocli uses the same code for its own
     * parse errors.
     */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
