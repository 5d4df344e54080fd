/**
 * Probability paths: how a noised sample x_t is built from data, in closed form.
 *
 * <p>Two families with opposite time directions:
 *
 * <ul>
 *   <li>{@link org.grl4j.models.path.GaussianPath} for diffusion models, t = 0 data and t = 1
 *       noise: x_t = s(t) x_0 + sigma(t) noise. {@link org.grl4j.models.path.LinearVpPath} ({@code
 *       linear_vp_sde}), {@link org.grl4j.models.path.GvpPath} ({@code gvp}) and {@link
 *       org.grl4j.models.path.LinearPath} ({@code linear}) give s, sigma, the forward-SDE
 *       coefficients f and g^2, their derivatives, and the half log-SNR lambda with its inverse
 *       (DESIGN.md section 2.1). The parameterization conversions in {@code models.param} and the
 *       solvers in the sampler are written against this interface only.
 *   <li>{@link org.grl4j.models.path.InterpolationPath} for flow and bridge models, t = 0 source
 *       and t = 1 data: x_t = (1 - t) x_0 + t x_1 + sigma(t) z. {@link
 *       org.grl4j.models.path.ConstantNoisePath} (I-CFM, OT-CFM) and {@link
 *       org.grl4j.models.path.BrownianBridgePath} (SF2M) give sigma(t), its log-derivative and the
 *       conditional velocity used as the flow-matching target (DESIGN.md section 2.3).
 * </ul>
 *
 * <p>All paths are immutable records, validated on construction, and work on one scalar coordinate
 * at a time in double precision.
 */
package org.grl4j.models.path;
