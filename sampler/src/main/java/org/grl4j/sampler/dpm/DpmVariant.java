package org.grl4j.sampler.dpm;

import org.grl4j.models.param.Parameterization;

/**
 * Which prediction the exponential integrator is built on.
 *
 * <ul>
 *   <li>{@link #DPM_SOLVER}: Lu et al. 2022, "DPM-Solver: A Fast ODE Solver for Diffusion
 *       Probabilistic Model Sampling in Around 10 Steps" (NeurIPS), on the predicted noise.
 *   <li>{@link #DPM_SOLVER_PLUS_PLUS}: Lu et al. 2022b, "DPM-Solver++: Fast Solver for Guided
 *       Sampling of Diffusion Probabilistic Models", on the predicted data x_0.
 * </ul>
 */
public enum DpmVariant {
    /** Noise prediction, configuration name {@code dpm_solver}. */
    DPM_SOLVER("dpm_solver", Parameterization.NOISE_FUNCTION),
    /** Data prediction, configuration name {@code dpm_solver++}. */
    DPM_SOLVER_PLUS_PLUS("dpm_solver++", Parameterization.DATA_PREDICTION_FUNCTION);

    private final String configName;
    private final Parameterization prediction;

    DpmVariant(String configName, Parameterization prediction) {
        this.configName = configName;
        this.prediction = prediction;
    }

    /** The name used in configuration files, as in GenerativeRL's {@code type} argument. */
    public String configName() {
        return configName;
    }

    /** The parameterization the update formulas use: noise or data prediction. */
    public Parameterization prediction() {
        return prediction;
    }
}
