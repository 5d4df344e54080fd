package org.grl4j.models.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads configurations from JSON or YAML and binds them to the configuration records.
 *
 * <p>Reading happens in two steps: the text is parsed into a tree (syntax errors report line and
 * column), then the tree is bound to records whose compact constructors validate every value
 * (errors report the key path, the value, what is allowed and a fix). Both steps throw only {@link
 * ConfigException}. All methods are thread-safe.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /**
     * Reads a configuration file, choosing the format by extension (.json, .yaml or .yml).
     *
     * @throws ConfigException for any problem, with the file name first in the message
     */
    public static GenerativeConfig load(Path file) {
        return load(file, GenerativeConfig.class);
    }

    /** Reads a file into any configuration type (a record validated like the built-in ones). */
    public static <T> T load(Path file, Class<T> type) {
        try {
            ConfigFormat format = ConfigFormat.of(file);
            return read(readText(file), format, type);
        } catch (ConfigException e) {
            throw e.source() == null ? e.withSource(file.toString()) : e;
        }
    }

    /** Reads a configuration written as JSON. */
    public static GenerativeConfig fromJson(String json) {
        return read(json, ConfigFormat.JSON, GenerativeConfig.class);
    }

    /** Reads a configuration written as YAML. */
    public static GenerativeConfig fromYaml(String yaml) {
        return read(yaml, ConfigFormat.YAML, GenerativeConfig.class);
    }

    /** Reads text in the given format into any configuration type. */
    public static <T> T read(String text, ConfigFormat format, Class<T> type) {
        JsonNode root = readTree(text, format);
        if (root.isMissingNode() || root.isNull()) {
            throw ConfigException.invalidDescribed(
                    "",
                    "an empty document",
                    JacksonErrors.describeType(type),
                    "write the configuration into the document");
        }
        return bind(root, type, "");
    }

    /**
     * Parses text into a tree without binding it.
     *
     * @throws ConfigException for a syntax error, naming line and column
     */
    public static JsonNode readTree(String text, ConfigFormat format) {
        if (format == ConfigFormat.YAML) {
            return YamlTrees.read(text);
        }
        try {
            JsonNode root = ConfigMappers.JSON_READER.readTree(text);
            return root == null ? MissingNode.getInstance() : root;
        } catch (JsonProcessingException e) {
            throw JacksonErrors.syntax(e, format);
        }
    }

    /**
     * Binds a tree to a configuration type, strictly: unknown keys, wrong types, missing required
     * keys and out-of-range values all fail.
     *
     * @param keyPath where {@code node} sits in the whole configuration (e.g. {@code
     *     diffusion_model.model.args.backbone.args}), prefixed to every error's key path; empty for
     *     the root
     * @throws ConfigException naming the full key path of the problem
     */
    public static <T> T bind(JsonNode node, Class<T> type, String keyPath) {
        try {
            return ConfigMappers.BINDER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw JacksonErrors.binding(e, node, keyPath, type);
        } catch (ConfigException e) {
            throw e.under(keyPath);
        }
    }

    /**
     * Writes a configuration back as JSON with GenerativeRL's keys and every default filled in: the
     * provenance record stored with a trained model.
     */
    public static String toJson(Object config) {
        try {
            return ConfigMappers.BINDER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write configuration " + config, e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.file(
                    file.toString(),
                    "no readable file (" + e.getClass().getSimpleName() + ")",
                    "a readable UTF-8 text file",
                    "check the path and the file's permissions");
        }
    }
}
