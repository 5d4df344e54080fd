package org.grl4j.cli.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.grl4j.cli.UsageException;
import org.grl4j.cli.io.JsonOutput;
import org.grl4j.models.config.ConfigFormat;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.GenerativeConfig;

/**
 * The built-in configurations, one per GenerativeRL generative-model tutorial and under its name.
 * Each is a YAML file with GenerativeRL's keys in {@code presets/} on the class path, read by
 * {@link ConfigLoader} like any user file; {@code presets/index.json} lists them with the dataset
 * they train on (and, for the conditional preset, how its conditions are made).
 */
public final class Presets {

    private static final String DIRECTORY = "presets/";

    /**
     * One preset.
     *
     * @param name the GenerativeRL tutorial name, e.g. {@code swiss_roll_otcfm}
     * @param dataset the built-in dataset it trains on
     * @param condition how conditions are made ({@code mask:P}), or null for an unconditional model
     * @param description one line for {@code --list-presets}
     */
    public record Preset(String name, String dataset, String condition, String description) {

        /** The configuration text, YAML. */
        public String text() {
            return resource(DIRECTORY + name + ".yaml");
        }

        /** The parsed configuration. */
        public GenerativeConfig config() {
            return ConfigLoader.read(text(), ConfigFormat.YAML, GenerativeConfig.class);
        }
    }

    private Presets() {}

    /** Every preset, in the index's order. */
    public static List<Preset> all() {
        try {
            JsonNode index = JsonOutput.MAPPER.readTree(resource(DIRECTORY + "index.json"));
            List<Preset> presets = new ArrayList<>();
            for (JsonNode entry : index) {
                presets.add(
                        new Preset(
                                entry.get("name").asText(),
                                entry.get("dataset").asText(),
                                entry.hasNonNull("condition")
                                        ? entry.get("condition").asText()
                                        : null,
                                entry.get("description").asText()));
            }
            return presets;
        } catch (IOException e) {
            throw new UncheckedIOException("the preset index is unreadable", e);
        }
    }

    /**
     * The preset called {@code name}.
     *
     * @throws UsageException listing the preset names when there is none of that name
     */
    public static Preset named(String name) {
        for (Preset preset : all()) {
            if (preset.name().equals(name)) {
                return preset;
            }
        }
        throw new UsageException(
                "no preset named '"
                        + name
                        + "'; the presets are "
                        + all().stream().map(Preset::name).toList()
                        + " (grl4j train --list-presets)");
    }

    private static String resource(String path) {
        try (InputStream in = Presets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
