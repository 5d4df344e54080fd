/**
 * The training loop: {@link org.grl4j.trainer.train.Trainer} runs a {@link
 * org.grl4j.trainer.loss.TrainingObjective} on {@link org.grl4j.trainer.train.TrainingData} under a
 * {@link org.grl4j.trainer.train.TrainingConfig} ({@link org.grl4j.trainer.train.OptimizerConfig}
 * for Adam / AdamW, {@link org.grl4j.trainer.train.LearningRateSchedule}, clipping, EMA, seed,
 * logging, checkpoints).
 *
 * <p>Each step k draws from a generator seeded by (seed, k), so a {@link
 * org.grl4j.trainer.train.Checkpoint} (weights, Adam moments, EMA, step) is the complete state: a
 * resumed run repeats the uninterrupted one. Checkpoints are replaced atomically. {@link
 * org.grl4j.trainer.train.TrainingListener}s see every step ({@link
 * org.grl4j.trainer.train.StepInfo}) on the training thread and may evaluate or stop the run.
 */
package org.grl4j.trainer.train;
