package org.grl4j.models.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.grl4j.models.data.Normalization;
import org.grl4j.models.param.Parameterization;

/**
 * Writes and reads {@link ModelCard}s in their two forms, ONNX metadata (string values, prefixed
 * keys) and JSON (native values, short keys), through one reader so that both give the same errors.
 */
final class CardJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String FORMAT = "format";
    private static final String MODEL = "model";
    private static final String PARAMETERIZATION = "parameterization";
    private static final String PATH = "path";
    private static final String TIME = "time";
    private static final String X_SIZE = "x_size";
    private static final String CONDITION_SIZE = "condition_size";
    private static final String NORMALIZATION = "normalization";
    private static final String CONFIG = "config";
    private static final String TRAINING = "training";
    private static final String QUANTIZATION = "quantization";

    private static final List<String> REQUIRED =
            List.of(FORMAT, MODEL, PARAMETERIZATION, PATH, TIME, X_SIZE);
    private static final List<String> ALL =
            List.of(
                    FORMAT,
                    MODEL,
                    PARAMETERIZATION,
                    PATH,
                    TIME,
                    X_SIZE,
                    CONDITION_SIZE,
                    NORMALIZATION,
                    CONFIG,
                    TRAINING,
                    QUANTIZATION);

    private CardJson() {}

    static Map<String, String> toMetadata(ModelCard card) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ModelCard.KEY_FORMAT, ModelCard.FORMAT_VERSION);
        metadata.put(ModelCard.KEY_MODEL, card.model().configName());
        metadata.put(ModelCard.KEY_PARAMETERIZATION, card.parameterization().configName());
        metadata.put(ModelCard.KEY_PATH, pathJson(card.path()).toString());
        metadata.put(ModelCard.KEY_TIME, card.time().configName());
        metadata.put(ModelCard.KEY_X_SIZE, Integer.toString(card.xSize()));
        metadata.put(ModelCard.KEY_CONDITION_SIZE, Integer.toString(card.conditionSize()));
        metadata.put(
                ModelCard.KEY_NORMALIZATION, normalizationJson(card.normalization()).toString());
        metadata.put(ModelCard.KEY_CONFIG, card.config());
        metadata.put(ModelCard.KEY_TRAINING, card.training());
        if (card.isQuantized()) {
            metadata.put(ModelCard.KEY_QUANTIZATION, card.quantization().configName());
        }
        return metadata;
    }

    static ObjectNode toJson(ModelCard card) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put(FORMAT, ModelCard.FORMAT_VERSION);
        json.put(MODEL, card.model().configName());
        json.put(PARAMETERIZATION, card.parameterization().configName());
        json.set(PATH, pathJson(card.path()));
        json.put(TIME, card.time().configName());
        json.put(X_SIZE, card.xSize());
        json.put(CONDITION_SIZE, card.conditionSize());
        json.set(NORMALIZATION, normalizationJson(card.normalization()));
        json.set(CONFIG, parse(CONFIG, card.config()));
        json.set(TRAINING, parse(TRAINING, card.training()));
        if (card.isQuantized()) {
            json.put(QUANTIZATION, card.quantization().configName());
        }
        return json;
    }

    static ModelCard fromMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            throw new InvalidModelCardException("model metadata is null; give the metadata map");
        }
        return read(new MetadataSource(metadata));
    }

    static ModelCard fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidModelCardException(
                    "a model card in JSON must be an object with the keys "
                            + ALL
                            + "; found "
                            + abbreviate(String.valueOf(json)));
        }
        return read(new JsonSource((ObjectNode) json));
    }

    /** Checks that {@code json} parses as JSON; null stands for the empty object. */
    static String checkedJson(String name, String json) {
        if (json == null) {
            return "{}";
        }
        parse(name, json);
        return json;
    }

    // ---- reading ----

    private static ModelCard read(Source source) {
        checkFormat(source);
        checkKeys(source);
        return new ModelCard(
                field(source, MODEL, () -> ModelKind.fromConfigName(source.text(MODEL))),
                field(
                        source,
                        PARAMETERIZATION,
                        () -> parameterization(source.text(PARAMETERIZATION))),
                field(source, PATH, () -> path(source.json(PATH))),
                field(source, TIME, () -> TimeConvention.fromConfigName(source.text(TIME))),
                source.integer(X_SIZE, 1),
                source.has(CONDITION_SIZE) ? source.integer(CONDITION_SIZE, 0) : 0,
                source.has(NORMALIZATION)
                        ? field(
                                source,
                                NORMALIZATION,
                                () -> normalization(source.json(NORMALIZATION)))
                        : null,
                source.has(CONFIG) ? field(source, CONFIG, () -> source.rawJson(CONFIG)) : "{}",
                source.has(TRAINING)
                        ? field(source, TRAINING, () -> source.rawJson(TRAINING))
                        : "{}",
                source.has(QUANTIZATION)
                        ? field(
                                source,
                                QUANTIZATION,
                                () -> Quantization.fromConfigName(source.text(QUANTIZATION)))
                        : Quantization.NONE);
    }

    private static void checkFormat(Source source) {
        if (!source.has(FORMAT)) {
            throw new InvalidModelCardException(
                    source.where()
                            + " has no "
                            + source.key(FORMAT)
                            + " (keys found: "
                            + source.presentKeys()
                            + "); this grl4j reads format versions "
                            + ModelCard.SUPPORTED_FORMATS
                            + ". A model exported by grl4j always has it; describe a model made"
                            + " elsewhere with a sidecar JSON that sets \"format\": \""
                            + ModelCard.FORMAT_VERSION
                            + "\"");
        }
        String found = field(source, FORMAT, () -> source.text(FORMAT));
        if (!ModelCard.SUPPORTED_FORMATS.contains(found)) {
            throw new InvalidModelCardException(
                    source.where()
                            + " has "
                            + source.key(FORMAT)
                            + " = \""
                            + found
                            + "\", but this grl4j reads only format versions "
                            + ModelCard.SUPPORTED_FORMATS
                            + "; use the grl4j version that wrote the model, or re-export it with"
                            + " this one");
        }
    }

    private static void checkKeys(Source source) {
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED) {
            if (!source.has(key)) {
                missing.add(source.key(key));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidModelCardException(
                    source.where()
                            + " lacks the required keys "
                            + missing
                            + " (keys found: "
                            + source.presentKeys()
                            + "); every model card needs "
                            + REQUIRED.stream().map(source::key).toList());
        }
        Set<String> unknown = new TreeSet<>(source.shortKeys());
        unknown.removeAll(ALL);
        if (!unknown.isEmpty()) {
            throw new InvalidModelCardException(
                    source.where()
                            + " has unknown keys "
                            + unknown.stream().map(source::key).toList()
                            + "; format "
                            + ModelCard.FORMAT_VERSION
                            + " knows "
                            + ALL.stream().map(source::key).toList()
                            + ". Check the spelling");
        }
    }

    private interface Parser<T> {
        T parse();
    }

    /** Runs one field's parser and names the key in any error it raises. */
    private static <T> T field(Source source, String key, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (InvalidModelCardException e) {
            throw new InvalidModelCardException(
                    source.where() + " key " + source.key(key) + ": " + e.getMessage(), e);
        }
    }

    private static Parameterization parameterization(String name) {
        for (Parameterization p : Parameterization.values()) {
            if (p.configName().equals(name)) {
                return p;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (Parameterization p : Parameterization.values()) {
            allowed.add(p.configName());
        }
        throw new InvalidModelCardException(
                "parameterization \""
                        + name
                        + "\" is unknown; allowed: "
                        + String.join(", ", allowed));
    }

    private static PathSpec path(JsonNode json) {
        if (!json.isObject() || !json.path("type").isTextual()) {
            throw new InvalidModelCardException(
                    "the path must be an object with a \"type\" and numeric parameters, e.g."
                            + " {\"type\": \"linear_vp_sde\", \"beta_0\": 0.1, \"beta_1\": 20.0};"
                            + " found "
                            + abbreviate(json.toString()));
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            if (entry.getKey().equals("type")) {
                continue;
            }
            if (!entry.getValue().isNumber()) {
                throw new InvalidModelCardException(
                        "path parameter "
                                + entry.getKey()
                                + " is "
                                + entry.getValue()
                                + "; path parameters must be numbers");
            }
            parameters.put(entry.getKey(), entry.getValue().doubleValue());
        }
        return new PathSpec(json.get("type").asText(), parameters);
    }

    private static Normalization normalization(JsonNode json) {
        if (!json.isObject() || json.size() != 2 || !json.has("mean") || !json.has("scale")) {
            throw new InvalidModelCardException(
                    "the normalization must be an object {\"mean\": [...], \"scale\": [...]}"
                            + " with one number per data dimension in each; found "
                            + abbreviate(json.toString()));
        }
        try {
            return new Normalization(
                    numbers("mean", json.get("mean")), numbers("scale", json.get("scale")));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelCardException(e.getMessage());
        }
    }

    private static double[] numbers(String name, JsonNode json) {
        if (!json.isArray()) {
            throw new InvalidModelCardException(
                    "normalization "
                            + name
                            + " is "
                            + abbreviate(json.toString())
                            + "; give an array of numbers");
        }
        double[] values = new double[json.size()];
        for (int i = 0; i < values.length; i++) {
            if (!json.get(i).isNumber()) {
                throw new InvalidModelCardException(
                        "normalization "
                                + name
                                + "["
                                + i
                                + "] is "
                                + json.get(i)
                                + "; give a number");
            }
            values[i] = json.get(i).doubleValue();
        }
        return values;
    }

    // ---- writing ----

    private static ObjectNode pathJson(PathSpec path) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("type", path.type());
        path.parameters().forEach(json::put);
        return json;
    }

    private static ObjectNode normalizationJson(Normalization normalization) {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode mean = json.putArray("mean");
        ArrayNode scale = json.putArray("scale");
        for (double m : normalization.mean()) {
            mean.add(m);
        }
        for (double s : normalization.scale()) {
            scale.add(s);
        }
        return json;
    }

    private static JsonNode parse(String name, String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InvalidModelCardException(name + " is empty; give valid JSON, e.g. {}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidModelCardException(
                    name
                            + " is not valid JSON ("
                            + e.getOriginalMessage()
                            + "): "
                            + abbreviate(json),
                    e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    // ---- the two forms ----

    /** One form of a card: keys, and values read as text, JSON or integers. */
    private abstract static class Source {

        /** Describes the form in errors, e.g. "ONNX metadata". */
        abstract String where();

        /** The key as written in this form. */
        abstract String key(String shortKey);

        /** The card keys present, without prefix. */
        abstract Set<String> shortKeys();

        /** Every key present, as written, for error messages. */
        abstract Set<String> presentKeys();

        abstract String text(String shortKey);

        abstract JsonNode json(String shortKey);

        abstract String rawJson(String shortKey);

        abstract Integer integerOrNull(String shortKey);

        boolean has(String shortKey) {
            return shortKeys().contains(shortKey);
        }

        int integer(String shortKey, int minimum) {
            Integer value = integerOrNull(shortKey);
            if (value == null || value < minimum) {
                throw new InvalidModelCardException(
                        where()
                                + " key "
                                + key(shortKey)
                                + " is "
                                + valueForError(shortKey)
                                + "; it must be an integer of at least "
                                + minimum);
            }
            return value;
        }

        abstract String valueForError(String shortKey);
    }

    /** ONNX metadata: prefixed keys, every value a string, JSON where structured. */
    private static final class MetadataSource extends Source {

        private final Map<String, String> metadata;

        MetadataSource(Map<String, String> metadata) {
            this.metadata = metadata;
        }

        @Override
        String where() {
            return "ONNX metadata";
        }

        @Override
        String key(String shortKey) {
            return ModelCard.PREFIX + shortKey;
        }

        @Override
        Set<String> shortKeys() {
            Set<String> keys = new LinkedHashSet<>();
            for (String key : metadata.keySet()) {
                if (key.startsWith(ModelCard.PREFIX)) {
                    keys.add(key.substring(ModelCard.PREFIX.length()));
                }
            }
            return keys;
        }

        @Override
        Set<String> presentKeys() {
            return new TreeSet<>(metadata.keySet());
        }

        @Override
        String text(String shortKey) {
            return metadata.get(key(shortKey));
        }

        @Override
        JsonNode json(String shortKey) {
            return parse("the value", text(shortKey));
        }

        @Override
        String rawJson(String shortKey) {
            parse("the value", text(shortKey));
            return text(shortKey);
        }

        @Override
        Integer integerOrNull(String shortKey) {
            try {
                return Integer.valueOf(text(shortKey).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        String valueForError(String shortKey) {
            return "\"" + text(shortKey) + "\"";
        }
    }

    /** The JSON form: short keys, native values. */
    private static final class JsonSource extends Source {

        private final ObjectNode json;

        JsonSource(ObjectNode json) {
            this.json = json;
        }

        @Override
        String where() {
            return "model card JSON";
        }

        @Override
        String key(String shortKey) {
            return shortKey;
        }

        @Override
        Set<String> shortKeys() {
            Set<String> keys = new LinkedHashSet<>();
            json.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        @Override
        Set<String> presentKeys() {
            return new TreeSet<>(shortKeys());
        }

        @Override
        String text(String shortKey) {
            JsonNode node = json.get(shortKey);
            if (!node.isTextual()) {
                throw new InvalidModelCardException("the value is " + node + "; give a string");
            }
            return node.asText();
        }

        @Override
        JsonNode json(String shortKey) {
            return json.get(shortKey);
        }

        @Override
        String rawJson(String shortKey) {
            return json.get(shortKey).toString();
        }

        @Override
        Integer integerOrNull(String shortKey) {
            JsonNode node = json.get(shortKey);
            return node.canConvertToExactIntegral() && node.canConvertToInt()
                    ? node.intValue()
                    : null;
        }

        @Override
        String valueForError(String shortKey) {
            return String.valueOf(json.get(shortKey));
        }
    }
}
