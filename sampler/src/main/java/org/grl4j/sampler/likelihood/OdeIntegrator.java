package org.grl4j.sampler.likelihood;

/**
 * The Commons Math integrator used for the augmented ODE (x, delta).
 *
 * <ul>
 *   <li>{@link #DORMAND_PRINCE_54}: adaptive 5(4) pair ({@code DormandPrince54Integrator}).
 *   <li>{@link #DORMAND_PRINCE_853}: adaptive 8(5,3) ({@code DormandPrince853Integrator}).
 *   <li>{@link #RK4}: classical Runge-Kutta with a fixed number of equal steps ({@code
 *       ClassicalRungeKuttaIntegrator}).
 * </ul>
 */
public enum OdeIntegrator {
    DORMAND_PRINCE_54,
    DORMAND_PRINCE_853,
    RK4
}
