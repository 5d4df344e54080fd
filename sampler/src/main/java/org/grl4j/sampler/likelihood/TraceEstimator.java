package org.grl4j.sampler.likelihood;

/**
 * How the divergence of the velocity, tr(J_x v), is computed at every ODE evaluation.
 *
 * <ul>
 *   <li>{@link #EXACT}: D Jacobian-vector products with the unit vectors e_1..e_D; tr J = sum_j (J
 *       e_j)_j. Cost: D tangent evaluations of the network per velocity evaluation.
 *   <li>{@link #HUTCHINSON_GAUSSIAN}: tr J ~ u^T J u with u ~ N(0, I) (Hutchinson 1989; Skilling
 *       1989); variance 2 ||sym J||_F^2 per evaluation.
 *   <li>{@link #HUTCHINSON_RADEMACHER}: the same with u_j = +-1; variance 2 sum_{i != j} of the
 *       squared symmetric off-diagonal entries (zero for a diagonal Jacobian).
 * </ul>
 *
 * The probe is applied to the whole velocity Jacobian J_v = a I + b J_h, not to J_h alone: for a
 * diffusion model a and b tr(J_h) are large and nearly cancel, and probing J_h alone was measured
 * on VP Gaussian data at a per-sample standard deviation of ~11 nats against ~1.1 for J_v.
 *
 * <p>A Hutchinson probe is drawn once per sample from the configured seed and held fixed along the
 * whole trajectory (as in FFJORD, Grathwohl et al. 2019), so the estimate of the integral of the
 * trace is unbiased and the ODE right-hand side stays smooth for adaptive step control.
 */
public enum TraceEstimator {
    EXACT,
    HUTCHINSON_GAUSSIAN,
    HUTCHINSON_RADEMACHER
}
