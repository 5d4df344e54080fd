package org.grl4j.trainer.train;

/**
 * The learning rate as a function of the step k = 0, 1, ... (the step about to be taken):
 *
 * <pre>
 *   constant:  lr(k) = base
 *   warmup:    lr(k) = base * min(1, (k + 1) / warmupSteps)
 *   cosine:    warm-up as above, then with p = (k - warmupSteps) / (totalSteps - warmupSteps),
 *              lr(k) = base * (minRatio + (1 - minRatio) (1 + cos(pi min(p, 1))) / 2)
 * </pre>
 *
 * A pure function of k, so a resumed run continues the same schedule.
 *
 * @param kind constant, warm-up then constant, or warm-up then cosine decay
 * @param warmupSteps steps of linear warm-up, at least 0 (0: none)
 * @param totalSteps the step at which the cosine reaches its floor (cosine only)
 * @param minRatio the floor as a fraction of the base rate, in [0, 1] (cosine only)
 */
public record LearningRateSchedule(Kind kind, long warmupSteps, long totalSteps, double minRatio) {

    /** The schedule family. */
    public enum Kind {
        CONSTANT,
        WARMUP,
        COSINE
    }

    /** Validates the fields. */
    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException(
                    "lr schedule must be CONSTANT, WARMUP or COSINE, got null");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("lr warmup_steps must be >= 0, got " + warmupSteps);
        }
        if (kind == Kind.COSINE && totalSteps <= warmupSteps) {
            throw new IllegalArgumentException(
                    "cosine lr schedule needs total_steps > warmup_steps, got total "
                            + totalSteps
                            + " and warm-up "
                            + warmupSteps
                            + "; use the training iterations as total_steps");
        }
        if (!(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("lr min_ratio must be in [0, 1], got " + minRatio);
        }
    }

    /** The base rate throughout. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 0, 0, 0);
    }

    /** Linear warm-up over {@code warmupSteps}, then the base rate. */
    public static LearningRateSchedule warmup(long warmupSteps) {
        return new LearningRateSchedule(Kind.WARMUP, warmupSteps, 0, 0);
    }

    /**
     * Linear warm-up, then cosine decay to {@code minRatio} times the base at {@code totalSteps}.
     */
    public static LearningRateSchedule cosine(long warmupSteps, long totalSteps, double minRatio) {
        return new LearningRateSchedule(Kind.COSINE, warmupSteps, totalSteps, minRatio);
    }

    /** The learning rate for step {@code k}. */
    public double rate(double base, long k) {
        double warm = warmupSteps == 0 ? 1 : Math.min(1.0, (k + 1) / (double) warmupSteps);
        if (kind == Kind.CONSTANT) {
            return base;
        }
        if (kind == Kind.WARMUP || k < warmupSteps) {
            return base * warm;
        }
        double p = Math.min(1.0, (k - warmupSteps) / (double) (totalSteps - warmupSteps));
        return base * (minRatio + (1 - minRatio) * (1 + Math.cos(Math.PI * p)) / 2);
    }
}
