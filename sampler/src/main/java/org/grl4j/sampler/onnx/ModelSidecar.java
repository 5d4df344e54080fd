package org.grl4j.sampler.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grl4j.models.card.ModelCard;

/**
 * The description of a network made elsewhere: a model card plus the graph's own tensor names. It
 * lets an ONNX file with no grl4j metadata, for example a GenerativeRL network exported by {@code
 * torch.onnx.export}, load as an {@link OnnxNetwork}.
 *
 * <p>The sidecar file is JSON, by default beside the model as {@code <name>.grl4j.json} for {@code
 * <name>.onnx} ({@link #locationFor}). It holds the keys of {@link ModelCard#fromJson} (the
 * metadata keys without the {@code grl4j.} prefix, native JSON values) and an optional {@code
 * tensor_names} object that maps the contract names {@code t, x, condition, h, x_tangent,
 * h_tangent} to the graph's names; names left out keep the contract name. For example:
 *
 * <pre>{@code
 * {
 *   "format": "1",
 *   "model": "diffusion",
 *   "parameterization": "noise_function",
 *   "path": {"type": "linear_vp_sde", "beta_0": 0.1, "beta_1": 20.0},
 *   "time": "data_at_0",
 *   "x_size": 2,
 *   "condition_size": 0,
 *   "normalization": {"mean": [0.0, 0.0], "scale": [1.0, 1.0]},
 *   "tensor_names": {"t": "time", "x": "state", "h": "output"}
 * }
 * }</pre>
 *
 * <p>{@code format}, {@code model}, {@code parameterization}, {@code path}, {@code time} and {@code
 * x_size} are required; {@code condition_size} (0), {@code normalization} (identity), {@code
 * config} and {@code training} ({@code {}}) are optional. Unknown keys are errors.
 *
 * @param card what the network is
 * @param tensorNames the graph's names for the contract's tensors
 */
public record ModelSidecar(ModelCard card, TensorNames tensorNames) {

    /** The suffix that replaces {@code .onnx} in the default sidecar file name. */
    public static final String SUFFIX = ".grl4j.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ModelSidecar {
        if (card == null) {
            throw new IllegalArgumentException("sidecar card is null; give the model's ModelCard");
        }
        if (tensorNames == null) {
            tensorNames = TensorNames.STANDARD;
        }
    }

    /**
     * The default sidecar location for a model file: {@code dir/name.onnx -> dir/name.grl4j.json}.
     */
    public static Path locationFor(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        return model.resolveSibling(stem + SUFFIX);
    }

    /**
     * Reads a sidecar file.
     *
     * @throws OnnxModelException naming the file when it is missing, unreadable, not JSON, or not a
     *     valid description (the message then names the key)
     */
    public static ModelSidecar read(Path file) {
        return parse(readText(file), file.toString());
    }

    /**
     * Parses sidecar JSON text; {@code source} names it in error messages.
     *
     * @throws OnnxModelException as {@link #read}
     */
    public static ModelSidecar parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OnnxModelException(
                    "sidecar " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new OnnxModelException(
                    "sidecar "
                            + source
                            + " must hold one JSON object with the model card keys and"
                            + " tensor_names; found "
                            + root);
        }
        ObjectNode cardJson = ((ObjectNode) root).deepCopy();
        JsonNode names = cardJson.remove("tensor_names");
        try {
            TensorNames tensorNames =
                    names == null ? TensorNames.STANDARD : TensorNames.fromJson(names);
            return new ModelSidecar(ModelCard.fromJson(cardJson), tensorNames);
        } catch (IllegalArgumentException e) { // InvalidModelCardException included
            throw new OnnxModelException("sidecar " + source + ": " + e.getMessage(), e);
        }
    }

    /** This sidecar as JSON text, the form {@link #parse} reads. */
    public String toJson() {
        ObjectNode json = card.toJson();
        ObjectNode names = json.putObject("tensor_names");
        names.put("t", tensorNames.t());
        names.put("x", tensorNames.x());
        names.put("condition", tensorNames.condition());
        names.put("h", tensorNames.h());
        names.put("x_tangent", tensorNames.xTangent());
        names.put("h_tangent", tensorNames.hTangent());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    private static String readText(Path file) {
        if (!Files.exists(file)) {
            throw new OnnxModelException(
                    "sidecar "
                            + file
                            + " does not exist; write one beside the model (see ModelSidecar for"
                            + " the format) or pass the ModelCard and tensor names directly");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new OnnxModelException(
                    "sidecar " + file + " cannot be read (" + e + "); check its permissions", e);
        }
    }
}
