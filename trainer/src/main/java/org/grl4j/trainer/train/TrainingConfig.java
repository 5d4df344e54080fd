package org.grl4j.trainer.train;

import java.nio.file.Path;

/**
 * How to train: steps, batch size, optimizer and schedule, clipping, EMA, seed, logging and
 * checkpoints. GenerativeRL's {@code parameter.{iterations, batch_size, lr, clip_grad_norm}} map to
 * {@code steps}, {@code batchSize}, {@code optimizer.learningRate} and {@code clipGradNorm}.
 *
 * @param steps the total number of optimizer steps, positive
 * @param batchSize rows per step, positive
 * @param optimizer Adam or AdamW
 * @param schedule the learning-rate schedule
 * @param clipGradNorm the largest global L2 norm of the gradient (PyTorch's clip_grad_norm_), or 0
 *     for no clipping
 * @param emaDecay the decay of an exponential moving average of the weights, in [0, 1); 0 keeps
 *     none
 * @param seed fixes the batches, times and noise of every step (and, through {@link
 *     org.grl4j.trainer.network.Networks#initialize}, the initial weights)
 * @param logEvery log a progress line every this many steps, positive
 * @param checkpointEvery write a checkpoint every this many steps, or 0 for none (a stop request
 *     and the end of training still write one when a directory is set)
 * @param checkpointDirectory where checkpoints go, or null for none
 * @param resume continue from the checkpoint in {@code checkpointDirectory} when there is one
 * @param progressBar draw a progress bar on the terminal (stderr); for command-line use
 */
public record TrainingConfig(
        long steps,
        int batchSize,
        OptimizerConfig optimizer,
        LearningRateSchedule schedule,
        double clipGradNorm,
        double emaDecay,
        long seed,
        int logEvery,
        int checkpointEvery,
        Path checkpointDirectory,
        boolean resume,
        boolean progressBar) {

    /** Validates every field, naming the bad one and what is allowed. */
    public TrainingConfig {
        require(steps > 0, "iterations", steps, "a positive number of steps");
        require(batchSize > 0, "batch_size", batchSize, "positive");
        if (optimizer == null || schedule == null) {
            throw new IllegalArgumentException(
                    "training config needs an optimizer and an lr schedule");
        }
        require(
                clipGradNorm >= 0 && Double.isFinite(clipGradNorm),
                "clip_grad_norm",
                clipGradNorm,
                ">= 0 (0 turns clipping off; GenerativeRL uses 1.0)");
        require(
                emaDecay >= 0 && emaDecay < 1,
                "ema_decay",
                emaDecay,
                "in [0, 1), e.g. 0.999 (0: no EMA)");
        require(logEvery > 0, "log_every", logEvery, "positive");
        require(
                checkpointEvery >= 0,
                "checkpoint_every",
                checkpointEvery,
                ">= 0 (0: only at the end)");
        if (resume && checkpointDirectory == null) {
            throw new IllegalArgumentException(
                    "resume needs a checkpoint directory; set checkpointDirectory or resume ="
                            + " false");
        }
    }

    private static void require(boolean ok, String name, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + allowed + ", got " + value);
        }
    }

    /**
     * A config with Adam at {@code learningRate}, constant rate, no clipping, no EMA, logging every
     * 100 steps and no checkpoints.
     */
    public static TrainingConfig simple(long steps, int batchSize, double learningRate, long seed) {
        return new TrainingConfig(
                steps,
                batchSize,
                OptimizerConfig.adam(learningRate),
                LearningRateSchedule.constant(),
                0,
                0,
                seed,
                100,
                0,
                null,
                false,
                false);
    }

    public TrainingConfig withCheckpoints(Path directory, int every, boolean resumeFromLast) {
        return new TrainingConfig(
                steps,
                batchSize,
                optimizer,
                schedule,
                clipGradNorm,
                emaDecay,
                seed,
                logEvery,
                every,
                directory,
                resumeFromLast,
                progressBar);
    }

    public TrainingConfig withOptimizer(
            OptimizerConfig newOptimizer, LearningRateSchedule newSchedule) {
        return new TrainingConfig(
                steps,
                batchSize,
                newOptimizer,
                newSchedule,
                clipGradNorm,
                emaDecay,
                seed,
                logEvery,
                checkpointEvery,
                checkpointDirectory,
                resume,
                progressBar);
    }

    public TrainingConfig withClippingAndEma(double newClipGradNorm, double newEmaDecay) {
        return new TrainingConfig(
                steps,
                batchSize,
                optimizer,
                schedule,
                newClipGradNorm,
                newEmaDecay,
                seed,
                logEvery,
                checkpointEvery,
                checkpointDirectory,
                resume,
                progressBar);
    }

    public TrainingConfig withSteps(long newSteps) {
        return new TrainingConfig(
                newSteps,
                batchSize,
                optimizer,
                schedule,
                clipGradNorm,
                emaDecay,
                seed,
                logEvery,
                checkpointEvery,
                checkpointDirectory,
                resume,
                progressBar);
    }
}
