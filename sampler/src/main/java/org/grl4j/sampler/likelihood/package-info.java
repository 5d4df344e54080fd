/**
 * Log-likelihoods of diffusion and flow models through the probability-flow ODE (instantaneous
 * change of variables), in nats and bits per dimension.
 *
 * <p>How the types fit: {@link org.grl4j.sampler.likelihood.PfOdeLikelihood} takes a {@link
 * org.grl4j.sampler.likelihood.LikelihoodConfig} (integrator, trace estimator, data and prior
 * times, tolerances, probe seed) and a network with Jacobian-vector products ({@link
 * org.grl4j.models.network.TangentNetwork}). For a diffusion model, {@link
 * org.grl4j.sampler.likelihood.AffineVelocity} writes the PF-ODE velocity of each parameterization
 * as v = a x + b h, so div v = D a + b tr(J_h); a flow model's output is its velocity. The trace is
 * exact or a Hutchinson estimate ({@link org.grl4j.sampler.likelihood.TraceEstimator}); the batch
 * and its log-density increments form one augmented state integrated by Commons Math ({@link
 * org.grl4j.sampler.likelihood.OdeIntegrator}). {@link
 * org.grl4j.sampler.likelihood.LikelihoodResult} holds log p per row, the evaluation counts, bits
 * per dimension and the shift to data space for normalized models.
 *
 * <pre>{@code
 * LikelihoodResult result = new PfOdeLikelihood(LikelihoodConfig.forDiffusion(path))
 *         .diffusion(path, Parameterization.NOISE_FUNCTION, network, x, n, null);
 * double bpd = result.toDataSpace(normalizationScales).meanBitsPerDimension();
 * }</pre>
 *
 * <p>Measured on Gaussian data with the exact network: the exact-trace result matches the closed
 * form of the ODE model to 3e-8 nats on all three paths and four parameterizations; against the
 * data density the start time t_min and, on linear_vp_sde, the N(0, I) prior at t = 1 dominate (see
 * {@link org.grl4j.sampler.likelihood.LikelihoodConfig}).
 */
package org.grl4j.sampler.likelihood;
