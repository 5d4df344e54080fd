package org.grl4j.models.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Translates Jackson's exceptions into {@link ConfigException}s. Binding runs on a tree that was
 * parsed first, so the value at the failing key path can always be looked up and shown.
 */
final class JacksonErrors {

    private JacksonErrors() {}

    /** A JSON parse failure: line, column and the parser's description. */
    static ConfigException syntax(JsonProcessingException error, ConfigFormat format) {
        JsonLocation location = error.getLocation();
        int line = location == null ? 1 : Math.max(location.getLineNr(), 1);
        int column = location == null ? 1 : Math.max(location.getColumnNr(), 1);
        return ConfigException.syntax(
                format.displayName(), line, column, firstLine(error.getOriginalMessage()));
    }

    /**
     * A binding failure on the tree {@code root}, located under {@code basePath}.
     *
     * @param targetType the type {@code root} was bound to, used when the root itself is wrong
     */
    static ConfigException binding(
            JacksonException error, JsonNode root, String basePath, Class<?> targetType) {
        List<JsonMappingException.Reference> references =
                error instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
        String path = ConfigException.join(basePath, keyPath(references));
        ConfigException fromRecord = findCause(error, ConfigException.class);
        if (fromRecord != null) {
            return fromRecord.under(path);
        }
        JsonNode found = nodeAt(root, references);
        if (error instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(path, unknown);
        }
        if (error instanceof MismatchedInputException mismatch) {
            Class<?> type = mismatch.getTargetType();
            return wrongValue(path, found, type != null ? type : targetType);
        }
        InputCoercionException range = findCause(error, InputCoercionException.class);
        if (range != null) {
            return wrongValue(path, found, range.getTargetType());
        }
        return rejected(path, found, rootCause(error));
    }

    private static ConfigException unknownKey(String path, UnrecognizedPropertyException error) {
        String key = error.getPropertyName();
        return ConfigException.invalidDescribed(
                path,
                "unknown key \"" + key + "\"",
                "the keys " + sortedNames(error.getKnownPropertyIds()),
                "remove \""
                        + key
                        + "\" or correct its spelling (keys are snake_case, as in"
                        + " GenerativeRL)");
    }

    private static ConfigException wrongValue(String path, JsonNode found, Class<?> type) {
        String allowed = describeType(type);
        if (found.isMissingNode()) {
            return ConfigException.missing(path, allowed, "add " + lastKey(path) + ": " + allowed);
        }
        return ConfigException.invalid(
                path, found, allowed, "replace the value of " + lastKey(path) + " by " + allowed);
    }

    /** A value refused by a user's type (an exception other than ConfigException). */
    private static ConfigException rejected(String path, JsonNode found, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return ConfigException.invalid(
                path,
                found,
                "a value the type accepts (it said: " + firstLine(reason) + ")",
                "correct the value as the type's message says");
    }

    /** What a value of this Java type looks like in a configuration file. */
    static String describeType(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class
                || type == short.class) {
            return "an integer";
        }
        if (type == double.class
                || type == Double.class
                || type == float.class
                || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || JsonNode.class.isAssignableFrom(type)) {
            return JsonNode.class.isAssignableFrom(type) ? "any value" : "a mapping";
        }
        return "a mapping with the keys " + keysOf(type);
    }

    private static String keysOf(Class<?> type) {
        JavaType javaType = ConfigMappers.BINDER.constructType(type);
        BeanDescription description =
                ConfigMappers.BINDER.getDeserializationConfig().introspect(javaType);
        return description.findProperties().stream()
                .map(BeanPropertyDefinition::getName)
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /** {@code diffusion_model.path.beta_1} or {@code list[2].x} from Jackson's references. */
    static String keyPath(List<JsonMappingException.Reference> references) {
        String path = "";
        for (JsonMappingException.Reference reference : references) {
            String step =
                    reference.getFieldName() != null
                            ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]";
            path = ConfigException.join(path, step);
        }
        return path;
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (JsonMappingException.Reference reference : refs) {
            if (reference.getFieldName() != null) {
                node = node.path(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                node = node.path(reference.getIndex());
            }
        }
        return node;
    }

    private static String lastKey(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String sortedNames(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "(none)";
        }
        return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static <X extends Throwable> X findCause(Throwable error, Class<X> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
