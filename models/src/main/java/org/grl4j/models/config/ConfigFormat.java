package org.grl4j.models.config;

import java.nio.file.Path;
import java.util.Locale;

/** The two file formats a configuration may be written in, chosen by file extension. */
public enum ConfigFormat {
    /** JSON, extension {@code .json}. */
    JSON("JSON"),
    /** YAML 1.1, extensions {@code .yaml} and {@code .yml}. */
    YAML("YAML");

    private final String displayName;

    ConfigFormat(String displayName) {
        this.displayName = displayName;
    }

    /** The name used in messages. */
    public String displayName() {
        return displayName;
    }

    /**
     * The format of a file, from its extension (ignoring case).
     *
     * @throws ConfigException for any other extension, naming the allowed ones
     */
    public static ConfigFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "no extension" : "extension \"" + name.substring(dot) + "\"";
        throw ConfigException.file(
                file.toString(),
                extension,
                "a file ending in .json, .yaml or .yml",
                "rename the file with the extension of its format");
    }
}
