/**
 * The sampler's front door: {@link org.grl4j.sampler.Sampler} draws samples from a model with one
 * solver, {@link org.grl4j.sampler.Solvers} names the solvers, {@link org.grl4j.sampler.Samples}
 * holds a batch with its NFE and wall time.
 *
 * <p>How the packages fit: a {@code model} ({@code DiffusionModel}, {@code FlowModel}, {@code
 * BridgeModel}, or a {@code guidance.GuidedModel} mixing two) wraps batch networks from {@code
 * org.grl4j.models.network} and hands out, per call, an {@code ode.VectorField} (the probability
 * flow) or an {@code sde.StochasticField} (an SDE with noise scale eta). An {@code ode.OdeSolver}
 * or {@code sde.SdeSolver} integrates it from the model's start time (noise or source) to its end
 * time (data). Noise is drawn from per-row streams of the call's seed ({@code sde.RowNoise}), so
 * results do not depend on threads.
 *
 * <p>All arrays are {@code double}, row-major: states {@code [N * D]}, conditions {@code [N * C]},
 * times {@code [N]}.
 */
package org.grl4j.sampler;
