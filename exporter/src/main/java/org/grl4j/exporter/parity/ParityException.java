package org.grl4j.exporter.parity;

/**
 * An exported graph does not compute what the DJL network computes. The message gives the errors
 * and their limits; {@link #report()} gives the numbers.
 */
public final class ParityException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient ParityReport report;

    public ParityException(String message, ParityReport report) {
        super(message);
        this.report = report;
    }

    /** The failed check. */
    public ParityReport report() {
        return report;
    }
}
