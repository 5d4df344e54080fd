/**
 * Batch SDE solvers and seeded noise: an {@link org.grl4j.sampler.sde.SdeSolver} integrates a
 * {@link org.grl4j.sampler.sde.StochasticField} dx = F dt + G dW (Ito, diagonal noise) over N rows,
 * drawing Brownian increments from a {@link org.grl4j.sampler.sde.RowNoise}: one random stream per
 * row, split in row order from the call's seed, so results depend on the seed and the row index
 * only, never on threads.
 *
 * <p>{@link org.grl4j.sampler.sde.EulerMaruyamaSolver} is the one SDE solver (weak order 1); it
 * evaluates the left end of each step, in either time direction (reverse-time diffusion SDEs run
 * from t = 1 down, with increments of variance |dt|).
 */
package org.grl4j.sampler.sde;
