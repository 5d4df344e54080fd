package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * A whole configuration file: one model block ({@code diffusion_model} or {@code flow_model}) and,
 * for training, a {@code parameter} block, with GenerativeRL's keys.
 *
 * <p>Read one with {@link ConfigLoader}; every problem is a {@link ConfigException} that names the
 * key path.
 *
 * @param device GenerativeRL's top-level device; optional
 * @param diffusionModel the diffusion model; exactly one of this and flowModel
 * @param flowModel the flow or bridge model; exactly one of this and diffusionModel
 * @param parameter the training settings; null when absent (enough for sampling; {@link
 *     #requireParameter} for training)
 */
public record GenerativeConfig(
        @JsonProperty("device") String device,
        @JsonProperty("diffusion_model") DiffusionModelConfig diffusionModel,
        @JsonProperty("flow_model") FlowModelConfig flowModel,
        @JsonProperty("parameter") TrainingParameters parameter) {

    /** Checks that there is exactly one model, the loss fits it, and the devices agree. */
    public GenerativeConfig {
        Checks.device("device", device);
        if (diffusionModel == null && flowModel == null) {
            throw ConfigException.missing(
                    "diffusion_model",
                    "exactly one of diffusion_model or flow_model",
                    "add a diffusion_model block (or a flow_model block)");
        }
        if (diffusionModel != null && flowModel != null) {
            throw ConfigException.invalidDescribed(
                    "flow_model",
                    "both diffusion_model and flow_model",
                    "exactly one of diffusion_model or flow_model",
                    "keep one model block per file");
        }
        if (parameter != null
                && flowModel != null
                && parameter.trainingLossType() == TrainingLossType.SCORE_MATCHING) {
            throw ConfigException.invalid(
                    "parameter.training_loss_type",
                    TrainingLossType.SCORE_MATCHING.configName(),
                    "flow_matching for a flow_model (a flow model has no score to match)",
                    "set training_loss_type: flow_matching");
        }
        checkDevicesAgree(device, modelDevice(diffusionModel, flowModel), parameter);
    }

    /** The data dimension D of the model. */
    public int xSize() {
        return diffusionModel != null ? diffusionModel.xSize() : flowModel.xSize();
    }

    /**
     * The model's name in the artifact metadata ({@code grl4j.model}): {@code diffusion}, {@code
     * icfm}, {@code otcfm} or {@code sf2m}.
     */
    public String modelName() {
        return diffusionModel != null ? "diffusion" : flowModel.modelType().configName();
    }

    /**
     * The device named anywhere in the file (they must agree), or empty to let the trainer pick.
     */
    public Optional<String> resolvedDevice() {
        String model = modelDevice(diffusionModel, flowModel);
        if (model != null) {
            return Optional.of(model);
        }
        if (device != null) {
            return Optional.of(device);
        }
        return Optional.ofNullable(parameter == null ? null : parameter.device());
    }

    /**
     * The training settings.
     *
     * @throws ConfigException if the file has no parameter block
     */
    public TrainingParameters requireParameter() {
        if (parameter == null) {
            throw ConfigException.missing(
                    "parameter",
                    "a parameter block with training_loss_type, lr, iterations and batch_size",
                    "add parameter: {training_loss_type: score_matching, lr: 5e-3, iterations:"
                            + " 5000, batch_size: 4096}");
        }
        return parameter;
    }

    private static String modelDevice(DiffusionModelConfig diffusion, FlowModelConfig flow) {
        return diffusion != null ? diffusion.device() : flow.device();
    }

    private static void checkDevicesAgree(String top, String model, TrainingParameters parameter) {
        String modelKey = "model block's device";
        checkAgree("device", top, modelKey, model);
        if (parameter != null) {
            String reference = model != null ? model : top;
            checkAgree("parameter.device", parameter.device(), "other devices", reference);
        }
    }

    private static void checkAgree(String key, String value, String otherName, String other) {
        if (value != null && other != null && !value.equalsIgnoreCase(other)) {
            throw ConfigException.invalid(
                    key,
                    value,
                    "the same device as the " + otherName + " (" + other + ")",
                    "use one device name throughout the file, or name it once");
        }
    }
}
