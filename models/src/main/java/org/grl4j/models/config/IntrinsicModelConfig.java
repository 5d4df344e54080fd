package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The network behind a model, GenerativeRL's {@code model.args} ({@code IntrinsicModel}): an
 * optional encoder for each input and a backbone. The network computes h = backbone(t_encoder(t),
 * x_encoder(x), condition_encoder(c)); a missing encoder is the identity.
 *
 * @param tEncoder the time encoder, e.g. {@code GaussianFourierProjectionTimeEncoder}; optional
 * @param xEncoder the state encoder; optional
 * @param conditionEncoder the condition encoder; optional
 * @param backbone the backbone, e.g. {@code TemporalSpatialResidualNet}; required
 */
public record IntrinsicModelConfig(
        @JsonProperty("t_encoder") TypedSpec tEncoder,
        @JsonProperty("x_encoder") TypedSpec xEncoder,
        @JsonProperty("condition_encoder") TypedSpec conditionEncoder,
        @JsonProperty("backbone") TypedSpec backbone) {

    /** Checks that the backbone is present. */
    public IntrinsicModelConfig {
        Checks.required(
                "backbone",
                backbone,
                "a {type, args} block naming a registered backbone, e.g."
                        + " TemporalSpatialResidualNet",
                "add backbone: {type: TemporalSpatialResidualNet, args: {hidden_sizes: [512, 256,"
                        + " 128], output_dim: <x_size>, t_dim: 32}}");
    }
}
