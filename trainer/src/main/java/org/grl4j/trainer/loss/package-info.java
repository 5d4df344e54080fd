/**
 * Training losses (DESIGN.md section 2.3), each a {@link org.grl4j.trainer.loss.TrainingObjective}
 * that owns the networks it trains and returns a differentiable float32 scalar: per row 1/2 the
 * squared norm over data dimensions, then the batch mean.
 *
 * <p>Diffusion models on a {@link org.grl4j.models.path.GaussianPath} (t = 0 data, t = 1 noise) use
 * {@link org.grl4j.trainer.loss.ScoreMatchingLoss} (default time sampling: maximum_likelihood, see
 * {@link org.grl4j.trainer.loss.TimeSampling}) or {@link org.grl4j.trainer.loss.FlowMatchingLoss},
 * for any of the four parameterizations. Flow and bridge models on an {@link
 * org.grl4j.models.path.InterpolationPath} (t = 0 source, t = 1 data) use {@link
 * org.grl4j.trainer.loss.ConditionalFlowMatchingLoss}: I-CFM, OT-CFM with an exact minibatch
 * assignment, and SF2M with its score network.
 *
 * <p>Every loss separates its random draws (a record such as {@link
 * org.grl4j.trainer.loss.GaussianDraw}, filled from a Java generator) from the deterministic loss
 * for given draws, so tests can fix t and the noise, and a training run is a pure function of its
 * seed. Coefficients of the path are computed per row in double and rounded once to float32.
 */
package org.grl4j.trainer.loss;
