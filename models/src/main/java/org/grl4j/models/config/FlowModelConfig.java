package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.grl4j.models.param.Parameterization;

/**
 * A flow or bridge model, GenerativeRL's {@code flow_model} block: a velocity network carries the
 * source at t = 0 (N(0, I) by default) to the data at t = 1.
 *
 * <p>ICFM and OT-CFM take one network under {@code model}; SF2M takes {@code velocity_model} (or
 * {@code model}) and a {@code score_model}, as in GenerativeRL's SF2M tutorial:
 *
 * <pre>
 * flow_model:
 *   model_type: sf2m
 *   x_size: 2
 *   path: {sigma: 0.1}
 *   velocity_model: {type: velocity_function, args: {t_encoder: ..., backbone: ...}}
 *   score_model: {type: score_function, args: {t_encoder: ..., backbone: ...}}
 * </pre>
 *
 * <p><b>model_type is optional</b> because GenerativeRL chooses the model class in the script, not
 * the configuration: when left out it is <b>sf2m if a score_model is present, otherwise icfm</b>.
 * Write {@code model_type: otcfm} for optimal-transport pairing.
 *
 * @param modelType icfm, otcfm or sf2m (GenerativeRL's class names also work)
 * @param device cpu, cuda, cuda:N, gpu or gpu:N; null lets the trainer choose
 * @param xSize the data dimension D, &gt;= 1
 * @param alpha accepted for GenerativeRL compatibility and ignored (see {@link
 *     DiffusionModelConfig#alpha})
 * @param path the noise level of the interpolation; sigma &gt; 0 for sf2m
 * @param reversePath accepted for GenerativeRL compatibility (same schema as path); optional
 * @param model the velocity network of icfm and otcfm (type velocity_function)
 * @param velocityModel the velocity network of sf2m, GenerativeRL's name for it; sf2m accepts
 *     either this or model
 * @param scoreModel the score network of sf2m (type score_function), trained so that it is the
 *     score of the bridge marginal
 * @param solver the default sampler, resolved by the sampler's registry; optional
 */
public record FlowModelConfig(
        @JsonProperty("model_type") FlowModelType modelType,
        @JsonProperty("device") String device,
        @JsonProperty(value = "x_size", required = true) int xSize,
        @JsonProperty("alpha") Double alpha,
        @JsonProperty("path") FlowPathConfig path,
        @JsonProperty("reverse_path") FlowPathConfig reversePath,
        @JsonProperty("model") ModelConfig model,
        @JsonProperty("velocity_model") ModelConfig velocityModel,
        @JsonProperty("score_model") ModelConfig scoreModel,
        @JsonProperty("solver") TypedSpec solver) {

    /** Infers the model type when absent and checks that the networks fit it. */
    public FlowModelConfig {
        if (modelType == null) {
            modelType = scoreModel != null ? FlowModelType.SF2M : FlowModelType.ICFM;
        }
        Checks.device("device", device);
        Checks.atLeast("x_size", xSize, 1, "set x_size to the number of data columns, e.g. 2");
        if (alpha != null) {
            Checks.finite("alpha", alpha, "remove alpha (grl4j does not use it)");
        }
        Checks.required("path", path, "a path block {sigma: <number>}", "add path: {sigma: 0.1}");
        if (modelType == FlowModelType.SF2M) {
            checkBridgeNetworks(path, model, velocityModel, scoreModel);
        } else {
            checkFlowNetwork(modelType, model, velocityModel, scoreModel);
        }
    }

    /** The velocity network: {@code model}, or for sf2m whichever of the two keys was given. */
    public ModelConfig velocityNetwork() {
        return model != null ? model : velocityModel;
    }

    private static void checkFlowNetwork(
            FlowModelType type, ModelConfig model, ModelConfig velocity, ModelConfig score) {
        String why = "only sf2m has separate velocity and score networks";
        Checks.absent("velocity_model", velocity, why + "; " + type.configName() + " uses model");
        Checks.absent("score_model", score, why);
        Checks.required(
                "model",
                model,
                "a model block {type: velocity_function, args: {...}}",
                "add model: {type: velocity_function, args: {backbone: ...}}");
        model.requireType(
                "model", Parameterization.VELOCITY_FUNCTION, "flow models learn a" + " velocity");
    }

    private static void checkBridgeNetworks(
            FlowPathConfig path, ModelConfig model, ModelConfig velocity, ModelConfig score) {
        if (model != null && velocity != null) {
            throw ConfigException.invalidDescribed(
                    "model",
                    "both model and velocity_model",
                    "one of model or velocity_model",
                    "keep velocity_model (GenerativeRL's name) and remove model");
        }
        ModelConfig network = model != null ? model : velocity;
        String key = model != null ? "model" : "velocity_model";
        Checks.required(
                "velocity_model",
                network,
                "a model block {type: velocity_function, args: {...}}",
                "add velocity_model: {type: velocity_function, args: {backbone: ...}}");
        network.requireType(key, Parameterization.VELOCITY_FUNCTION, "the bridge drift");
        Checks.required(
                "score_model",
                score,
                "a model block {type: score_function, args: {...}}",
                "add score_model: {type: score_function, args: {backbone: ...}}");
        score.requireType(
                "score_model", Parameterization.SCORE_FUNCTION, "it learns the bridge score");
        if (!(path.sigma() > 0)) {
            throw ConfigException.invalid(
                    "path.sigma",
                    path.sigma(),
                    "a number > 0 for sf2m (its score loss divides by sigma)",
                    "set path.sigma to 0.1 as in GenerativeRL's SF2M tutorial");
        }
    }
}
