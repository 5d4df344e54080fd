package org.grl4j.cli.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grl4j.cli.io.JsonOutput;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.GenerativeConfig;
import org.grl4j.models.data.Normalization;

/**
 * What a training run needs to be exported again later, kept as {@code run.json} beside its
 * checkpoint: the resolved configuration, the condition width, the data normalization and facts
 * about the run.
 *
 * @param config the configuration as trained, JSON with GenerativeRL's keys and every default
 * @param conditionSize C, 0 for an unconditional model
 * @param normalization data space to network space
 * @param data where the training rows came from
 * @param preset the preset's name, or null for a configuration file
 * @param steps the steps completed
 * @param finalLoss the loss of the last step
 * @param trainingSeconds the wall time of the training loop in this run
 */
public record RunRecord(
        String config,
        int conditionSize,
        Normalization normalization,
        String data,
        String preset,
        long steps,
        double finalLoss,
        double trainingSeconds) {

    /** The file name inside a run directory. */
    public static final String FILE_NAME = "run.json";

    /** The parsed configuration. */
    public GenerativeConfig parsedConfig() {
        return ConfigLoader.fromJson(config);
    }

    /** Writes this record to {@code directory/run.json}, atomically. */
    public void write(Path directory) {
        ObjectNode root = JsonOutput.object();
        try {
            root.set("config", JsonOutput.MAPPER.readTree(config));
            root.put("condition_size", conditionSize);
            root.set("normalization", JsonOutput.MAPPER.readTree(normalization.toJson()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the run record", e);
        }
        root.put("data", data);
        root.put("preset", preset);
        root.put("steps", steps);
        root.put("final_loss", finalLoss);
        root.put("training_seconds", trainingSeconds);
        JsonOutput.write(directory.resolve(FILE_NAME), root);
    }

    /**
     * Reads {@code directory/run.json}.
     *
     * @throws IllegalArgumentException naming the file and the problem when it is unreadable or
     *     incomplete
     */
    public static RunRecord read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            JsonNode root = JsonOutput.MAPPER.readTree(Files.readString(file));
            return new RunRecord(
                    JsonOutput.MAPPER.writeValueAsString(required(root, "config", file)),
                    required(root, "condition_size", file).asInt(),
                    Normalization.fromJson(
                            JsonOutput.MAPPER.writeValueAsString(
                                    required(root, "normalization", file))),
                    root.path("data").asText(""),
                    root.hasNonNull("preset") ? root.get("preset").asText() : null,
                    root.path("steps").asLong(0),
                    root.path("final_loss").asDouble(Double.NaN),
                    root.path("training_seconds").asDouble(Double.NaN));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the run record " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode root, String key, Path file) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(
                    "the run record "
                            + file
                            + " has no '"
                            + key
                            + "'; it was not written by"
                            + " grl4j train, or was edited");
        }
        return node;
    }
}
