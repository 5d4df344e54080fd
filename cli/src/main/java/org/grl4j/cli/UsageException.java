package org.grl4j.cli;

/**
 * A command line that parsed but cannot work: an input file that does not exist, or a flag that
 * does not fit the model it is used with. Reported in one line with exit code {@link
 * ExitCodes#USAGE}.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
