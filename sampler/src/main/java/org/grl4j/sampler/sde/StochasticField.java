package org.grl4j.sampler.sde;

import org.grl4j.sampler.ode.VectorField;

/**
 * A batch Ito SDE with diagonal noise, dx = F(t, x) dt + G(t, x) dW, where the drift F is the
 * inherited {@link #evaluate} and G is a per-coordinate diffusion coefficient.
 *
 * <p>Arrays are row-major {@code double[N * D]}. When integrated backwards in time ({@code tEnd <
 * tStart}, as reverse-time diffusion SDEs are), dW is a Brownian increment of the reverse clock:
 * its variance is |dt|.
 */
public interface StochasticField extends VectorField {

    /**
     * Writes the diagonal diffusion coefficient G(t, x) into {@code out} (length N * D). A zero
     * entry keeps that coordinate noise-free.
     */
    void diffusion(int n, double t, double[] x, double[] out);
}
