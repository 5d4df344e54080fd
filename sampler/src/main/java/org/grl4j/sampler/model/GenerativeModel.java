package org.grl4j.sampler.model;

import java.util.Optional;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.sampler.ode.VectorField;
import org.grl4j.sampler.sde.StochasticField;

/**
 * A sampleable model: a source distribution N(0, I) at {@link #startTime()} and dynamics that carry
 * it to the data at {@link #endTime(boolean)}, as an ODE (the probability flow) or an SDE with
 * noise scale eta that has the same marginals.
 *
 * <p>Time is the model's own: diffusion models run path time from 1 (noise) down to t_end near 0
 * (data); flow and bridge models run from 0 (source) up to 1 (data). Arrays are row-major {@code
 * double[N * D]} states and {@code double[N * C]} conditions ({@code null} for an unconditional
 * model). Models are immutable and thread-safe; each {@code ...Flow} call returns a new field that
 * owns scratch buffers for one sampling call. Fields trust their inputs: the {@code Sampler} facade
 * validates widths and values.
 */
public interface GenerativeModel {

    /** D, the width of one sample. */
    int xSize();

    /** C, the width of one condition row, or 0 for an unconditional model. */
    int conditionSize();

    /** The time at which sampling starts from N(0, I). */
    double startTime();

    /**
     * The time at which sampling stops.
     *
     * @param margin true when the solver evaluates the end time or injects noise in its last step;
     *     a diffusion model then stops at a small t_end > 0 instead of at the singular t = 0
     */
    double endTime(boolean margin);

    /** The ODE drift (the probability-flow velocity in model time) for {@code n} rows. */
    VectorField probabilityFlow(int n, double[] condition);

    /**
     * An SDE with the probability flow's marginals whose injected noise is scaled by {@code eta}
     * (eta = 0 is the probability flow).
     *
     * @throws UnsupportedOperationException when the model has no SDE (a flow model has no score)
     */
    StochasticField stochasticFlow(int n, double eta, double[] condition);

    /**
     * The Gaussian path that noises data at time t, for inpainting (x_t = s(t) x + sigma(t) noise),
     * or empty when the model has none.
     */
    default Optional<GaussianPath> noisingPath() {
        return Optional.empty();
    }
}
