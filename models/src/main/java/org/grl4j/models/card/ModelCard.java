package org.grl4j.models.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.grl4j.models.data.Normalization;
import org.grl4j.models.param.Parameterization;

/**
 * What a sampler needs to know about a frozen network, stored beside its weights: the ONNX file's
 * {@code metadata_props} (DESIGN.md section 3.3), or a sidecar JSON for a network made elsewhere.
 *
 * <p>In the ONNX metadata every value is a string, JSON where structured, under these keys:
 *
 * <pre>
 *   grl4j.format            "1", the version of this contract ({@link #FORMAT_VERSION})
 *   grl4j.model             diffusion | icfm | otcfm | sf2m          ({@link ModelKind})
 *   grl4j.parameterization  noise_function | score_function | data_prediction_function |
 *                           velocity_function                        ({@link Parameterization})
 *   grl4j.path              {"type": "linear_vp_sde", "beta_0": 0.1, "beta_1": 20.0}
 *   grl4j.time              data_at_0 | data_at_1                    ({@link TimeConvention})
 *   grl4j.x_size            D, e.g. "2"
 *   grl4j.condition_size    C, "0" for an unconditional network      (optional, default 0)
 *   grl4j.normalization     {"mean": [..D], "scale": [..D]}          (optional, default identity)
 *   grl4j.config            the full training configuration, JSON    (optional, default {})
 *   grl4j.training          steps, final loss, seed, date, version   (optional, default {})
 *   grl4j.quantization      none | int8_dynamic                     (optional, default none)
 * </pre>
 *
 * <p>The JSON form ({@link #toJson}, {@link #fromJson}) uses the same keys without the {@code
 * grl4j.} prefix and with native JSON values: numbers for sizes, objects for the path,
 * normalization, config and training. Readers refuse a format version they do not know, name every
 * missing required key, and refuse unknown {@code grl4j.} keys, so a typo cannot pass silently.
 *
 * @param model the model family
 * @param parameterization what the network output h means
 * @param path the probability path the network was trained on
 * @param time which end of [0, 1] is the data
 * @param xSize D, the width of a state row, at least 1
 * @param conditionSize C, the width of a condition row, 0 for an unconditional network
 * @param normalization the data normalization, dimension D
 * @param config the training configuration as raw JSON (provenance), {@code {}} when unknown
 * @param training facts about the training run as raw JSON, {@code {}} when unknown
 * @param quantization how the file stores its weights ({@link Quantization}); null means none
 */
public record ModelCard(
        ModelKind model,
        Parameterization parameterization,
        PathSpec path,
        TimeConvention time,
        int xSize,
        int conditionSize,
        Normalization normalization,
        String config,
        String training,
        Quantization quantization) {

    /** The version of the metadata contract this code writes. */
    public static final String FORMAT_VERSION = "1";

    /** Every format version this code reads. */
    public static final List<String> SUPPORTED_FORMATS = List.of(FORMAT_VERSION);

    /** The prefix of every grl4j metadata key. */
    public static final String PREFIX = "grl4j.";

    public static final String KEY_FORMAT = "grl4j.format";
    public static final String KEY_MODEL = "grl4j.model";
    public static final String KEY_PARAMETERIZATION = "grl4j.parameterization";
    public static final String KEY_PATH = "grl4j.path";
    public static final String KEY_TIME = "grl4j.time";
    public static final String KEY_X_SIZE = "grl4j.x_size";
    public static final String KEY_CONDITION_SIZE = "grl4j.condition_size";
    public static final String KEY_NORMALIZATION = "grl4j.normalization";
    public static final String KEY_CONFIG = "grl4j.config";
    public static final String KEY_TRAINING = "grl4j.training";
    public static final String KEY_QUANTIZATION = "grl4j.quantization";

    public ModelCard {
        requireNonNull(model, "model", "a ModelKind such as DIFFUSION");
        requireNonNull(parameterization, "parameterization", "a Parameterization");
        requireNonNull(path, "path", "a PathSpec such as linear_vp_sde(0.1, 20)");
        requireNonNull(time, "time", "DATA_AT_ZERO or DATA_AT_ONE");
        if (xSize < 1) {
            throw new InvalidModelCardException("x_size is " + xSize + "; it must be at least 1");
        }
        if (conditionSize < 0) {
            throw new InvalidModelCardException(
                    "condition_size is "
                            + conditionSize
                            + "; it must be 0 (unconditional) or more");
        }
        if (normalization == null) {
            normalization = Normalization.identity(xSize);
        }
        if (normalization.dimension() != xSize) {
            throw new InvalidModelCardException(
                    "normalization has "
                            + normalization.dimension()
                            + " dimensions but x_size is "
                            + xSize
                            + "; give one mean and one scale per data dimension");
        }
        config = CardJson.checkedJson("config", config);
        training = CardJson.checkedJson("training", training);
        if (quantization == null) {
            quantization = Quantization.NONE;
        }
    }

    /** A card of a float32 model file (no quantization). */
    public ModelCard(
            ModelKind model,
            Parameterization parameterization,
            PathSpec path,
            TimeConvention time,
            int xSize,
            int conditionSize,
            Normalization normalization,
            String config,
            String training) {
        this(
                model,
                parameterization,
                path,
                time,
                xSize,
                conditionSize,
                normalization,
                config,
                training,
                Quantization.NONE);
    }

    /** This card with another quantization. */
    public ModelCard withQuantization(Quantization newQuantization) {
        return new ModelCard(
                model,
                parameterization,
                path,
                time,
                xSize,
                conditionSize,
                normalization,
                config,
                training,
                newQuantization);
    }

    /** Whether the file's weights are quantized (anything but {@link Quantization#NONE}). */
    public boolean isQuantized() {
        return quantization != Quantization.NONE;
    }

    /**
     * A card with identity normalization and empty configuration and training records.
     *
     * @see #ModelCard
     */
    public static ModelCard of(
            ModelKind model,
            Parameterization parameterization,
            PathSpec path,
            TimeConvention time,
            int xSize,
            int conditionSize) {
        return new ModelCard(
                model, parameterization, path, time, xSize, conditionSize, null, "{}", "{}");
    }

    /** Whether the network takes a condition input (C > 0). */
    public boolean isConditional() {
        return conditionSize > 0;
    }

    /** The ONNX {@code metadata_props} of this card, every key of the class description. */
    public Map<String, String> toMetadata() {
        return CardJson.toMetadata(this);
    }

    /**
     * Reads a card from ONNX metadata. Keys that do not start with {@code grl4j.} are ignored
     * (other tools stamp their own).
     *
     * @throws InvalidModelCardException when the format version is missing or unknown, a required
     *     key is missing, a key is unknown, or a value is not valid JSON or out of range
     */
    public static ModelCard fromMetadata(Map<String, String> metadata) {
        return CardJson.fromMetadata(metadata);
    }

    /** The JSON form of this card: the metadata keys without prefix, native JSON values. */
    public ObjectNode toJson() {
        return CardJson.toJson(this);
    }

    /**
     * Reads a card from its JSON form (a sidecar file, for example).
     *
     * @throws InvalidModelCardException as {@link #fromMetadata}
     */
    public static ModelCard fromJson(JsonNode json) {
        return CardJson.fromJson(json);
    }

    private static void requireNonNull(Object value, String name, String allowed) {
        if (value == null) {
            throw new InvalidModelCardException(name + " is null; give " + allowed);
        }
    }
}
