package org.grl4j.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** Pretty-printed JSON reports (metrics, run records), written atomically. */
public final class JsonOutput {

    /** The mapper for every JSON the command line writes or reads. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {}

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The pretty-printed text of {@code node}, ending in a newline. */
    public static String text(Object node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + node, e);
        }
    }

    /** Writes {@code node} to {@code file} atomically. */
    public static void write(Path file, Object node) {
        OutputFiles.writeString(file, text(node));
    }
}
