/**
 * Evaluation while training: {@link org.grl4j.trainer.eval.PeriodicEvaluator} is a training
 * listener that every N steps computes named metrics — the loss on held-out rows ({@link
 * org.grl4j.trainer.eval.HeldOutLoss}) and the exact 2-Wasserstein distance between model samples
 * and held-out data ({@link org.grl4j.trainer.eval.SampleDistance}) — logs them and keeps their
 * history.
 */
package org.grl4j.trainer.eval;
