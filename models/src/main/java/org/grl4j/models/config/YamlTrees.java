package org.grl4j.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML into a Jackson tree with SnakeYAML (which jackson-dataformat-yaml itself uses).
 *
 * <p>Jackson's YAML parser turns an alias ({@code *name}) into the string "name" instead of the
 * anchored block, so a configuration that reuses a block through an anchor would bind wrongly;
 * SnakeYAML resolves anchors, aliases and merge keys ({@code <<}). Duplicate keys are errors, only
 * plain data types are constructed (safe loading), and dates stay strings.
 */
final class YamlTrees {

    private YamlTrees() {}

    /**
     * The tree of one YAML document; a missing node for an empty document.
     *
     * @throws ConfigException for a syntax error, naming line and column
     */
    static JsonNode read(String text) {
        Object value;
        try {
            value = newYaml().load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            throw ConfigException.syntax(ConfigFormat.YAML.displayName(), line, column, problem);
        } catch (YAMLException e) {
            throw ConfigException.invalidDescribed(
                    "",
                    "unreadable YAML (" + e.getMessage() + ")",
                    "a YAML document of mappings, lists and scalars",
                    "simplify the document (e.g. fewer aliases)");
        }
        return value == null
                ? MissingNode.getInstance()
                : ConfigMappers.JSON_READER.valueToTree(value);
    }

    /** A new loader per call: SnakeYAML's {@link Yaml} is not thread-safe. */
    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new PlainDataConstructor(options));
    }

    /** Safe construction with timestamps left as strings (a path named 2024-01-01 stays text). */
    private static final class PlainDataConstructor extends SafeConstructor {
        PlainDataConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }
}
