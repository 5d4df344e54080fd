package org.grl4j.cli.fidelity;

/**
 * Which intermediate weights of each flow and bridge training to measure, for experiments on how
 * much W2 moves between iterates: steps {@code every}, 2 {@code every}, ... that are at least
 * {@code from}. Each traced step samples the current weights like a result row (exact W2 at both
 * sizes), so a trace of k steps costs about k extra rows.
 *
 * @param every the interval in steps, 0 for no trace
 * @param from the first step to trace, at least 0
 */
public record IterateTrace(long every, long from) {

    /** No trace. */
    public static final IterateTrace NONE = new IterateTrace(0, 0);

    /** Validates the fields. */
    public IterateTrace {
        if (every < 0 || from < 0) {
            throw new IllegalArgumentException(
                    "--trace-every and --trace-from must be at least 0 (0: no trace), got "
                            + every
                            + " and "
                            + from);
        }
    }

    /** True when {@code step} is traced. */
    boolean traces(long step) {
        return every > 0 && step >= from && step % every == 0;
    }

    /**
     * One traced measurement.
     *
     * @param task the task id
     * @param method the method row ({@code otcfm}, {@code sf2m-sde}, ...)
     * @param seed the run's seed
     * @param step the step whose weights were measured
     * @param w2 exact W2 at the protocol's test size
     * @param w2Small exact W2 on the first smallTestPoints
     * @param validationLoss the validation loss at that step, or NaN when it was not a check
     */
    public record Point(
            String task,
            String method,
            long seed,
            long step,
            double w2,
            double w2Small,
            double validationLoss) {}
}
