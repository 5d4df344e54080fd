/**
 * Parameterizations of a diffusion network's output and the conversions between them.
 *
 * <p>A network trained on a {@link org.grl4j.models.path.GaussianPath} outputs one of four views
 * ({@link org.grl4j.models.param.Parameterization}): the noise, the score, the data prediction or
 * the probability-flow velocity. {@link org.grl4j.models.param.Conversions} turns any view into any
 * other through the predicted noise (DESIGN.md section 2.2), given the path's s, sigma, f and g^2
 * at the row's time, so that the trainer's losses and the sampler's solvers can each work in the
 * view that suits them.
 */
package org.grl4j.models.param;
