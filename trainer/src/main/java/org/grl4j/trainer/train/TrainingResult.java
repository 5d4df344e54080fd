package org.grl4j.trainer.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of {@link Trainer#train()}.
 *
 * @param steps the steps completed in total (including those before a resume)
 * @param lastLoss the loss of the last step taken in this run (NaN if none)
 * @param interrupted whether the run stopped before the configured number of steps
 * @param checkpoint the last checkpoint written, or null without a checkpoint directory
 * @param emaWeights the EMA weights by {@code role/name}, or null without EMA
 */
public record TrainingResult(
        long steps,
        double lastLoss,
        boolean interrupted,
        Path checkpoint,
        Map<String, float[]> emaWeights) {}
