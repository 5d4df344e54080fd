package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A diffusion model, GenerativeRL's {@code diffusion_model} block (its {@code DiffusionModel}):
 * data at t = 0 is carried to noise at t = 1 by a Gaussian path, and a network in one of four
 * parameterizations learns to reverse it.
 *
 * <pre>
 * diffusion_model:
 *   device: cpu
 *   x_size: 2
 *   alpha: 1.0
 *   solver: {type: ODESolver, args: {library: torchdyn}}
 *   path: {type: linear_vp_sde, beta_0: 0.1, beta_1: 20.0}
 *   model:
 *     type: noise_function
 *     args:
 *       t_encoder: {type: GaussianFourierProjectionTimeEncoder, args: {embed_dim: 32, scale: 30.0}}
 *       backbone: {type: TemporalSpatialResidualNet, args: {hidden_sizes: [512, 256, 128], ...}}
 * </pre>
 *
 * @param device cpu, cuda, cuda:N, gpu or gpu:N; null lets the trainer choose
 * @param xSize the data dimension D (states are [N, D] arrays), &gt;= 1
 * @param alpha accepted so GenerativeRL configurations load, and otherwise ignored: GenerativeRL
 *     reads it only in its energy-conditional model (the inverse temperature on the energy), which
 *     grl4j does not have. Must be finite when present
 * @param path the forward (noising) path
 * @param reversePath the path whose diffusion coefficient drives reverse-time SDE sampling;
 *     optional, same schema as path
 * @param model the network and its parameterization
 * @param solver the default sampler, e.g. {@code {type: ODESolver, args: {...}}}, resolved by the
 *     sampler's registry; optional
 */
public record DiffusionModelConfig(
        @JsonProperty("device") String device,
        @JsonProperty(value = "x_size", required = true) int xSize,
        @JsonProperty("alpha") Double alpha,
        @JsonProperty("path") DiffusionPathConfig path,
        @JsonProperty("reverse_path") DiffusionPathConfig reversePath,
        @JsonProperty("model") ModelConfig model,
        @JsonProperty("solver") TypedSpec solver) {

    /** Checks ranges and that the path and model are present. */
    public DiffusionModelConfig {
        Checks.device("device", device);
        Checks.atLeast("x_size", xSize, 1, "set x_size to the number of data columns, e.g. 2");
        if (alpha != null) {
            Checks.finite("alpha", alpha, "remove alpha (grl4j does not use it)");
        }
        Checks.required(
                "path",
                path,
                "a path block {type: linear_vp_sde | gvp | linear, ...}",
                "add path: {type: linear_vp_sde, beta_0: 0.1, beta_1: 20.0}");
        Checks.required(
                "model",
                model,
                "a model block {type: <parameterization>, args: {...}}",
                "add model: {type: noise_function, args: {backbone: ...}}");
    }
}
