package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** The training objective, GenerativeRL's {@code parameter.training_loss_type}. */
public enum TrainingLossType {
    /**
     * Denoising score matching on a diffusion model's Gaussian path (DESIGN.md 2.3); time sampling
     * follows {@link WeightingScheme}.
     */
    SCORE_MATCHING("score_matching"),
    /**
     * Flow matching: on a diffusion model, regression on the path velocity s'(t) x_0 + sigma'(t)
     * noise; on a flow model, the CFM/OT-CFM/SF2M objective of its model type.
     */
    FLOW_MATCHING("flow_matching");

    private final String configName;

    TrainingLossType(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files, e.g. {@code score_matching}. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /**
     * The loss type with this name, ignoring case.
     *
     * @throws ConfigException naming the allowed names
     */
    public static TrainingLossType fromConfigName(Object name) {
        return Checks.byName(
                values(),
                TrainingLossType::configName,
                name,
                "set training_loss_type to score_matching (diffusion models only) or"
                        + " flow_matching");
    }
}
