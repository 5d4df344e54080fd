/**
 * Models over the batch network contract: each {@link org.grl4j.sampler.model.GenerativeModel}
 * states its time span and hands out per-call fields for the solvers.
 *
 * <ul>
 *   <li>{@link org.grl4j.sampler.model.DiffusionModel}: a Gaussian path, a parameterization and a
 *       network; path time from 1 (noise) down to t_end, reverse SDE dx = [f x - (1 + eta^2) (g^2 /
 *       2) score] dt + eta g dW (eta = 0: probability-flow ODE). Exposes the score, noise, data and
 *       velocity views of the network.
 *   <li>{@link org.grl4j.sampler.model.FlowModel}: a velocity network from the source at t = 0 to
 *       the data at t = 1; ODE only.
 *   <li>{@link org.grl4j.sampler.model.BridgeModel}: SF2M's velocity and score networks; ODE with
 *       the velocity, SDE dx = [v + eta^2 (sigma^2 / 2) s] dt + eta sigma dW from 0 to 1.
 * </ul>
 *
 * Arrays are row-major {@code double}: {@code t[N]}, {@code x[N * D]}, {@code condition[N * C]} or
 * null.
 */
package org.grl4j.sampler.model;
