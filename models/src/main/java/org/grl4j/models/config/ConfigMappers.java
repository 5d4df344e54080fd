package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.function.Function;
import org.grl4j.models.param.Parameterization;

/**
 * The Jackson mappers behind {@link ConfigLoader}. Reading JSON is strict: duplicate keys and
 * trailing content are syntax errors ({@link YamlTrees} reads YAML with the same rules). Binding is
 * strict: unknown keys, nulls and absent values for primitives, strings where numbers belong and
 * fractions where integers belong all fail. Record components without an explicit name bind from
 * snake_case (hiddenSizes from hidden_sizes), so a user's args record reads GenerativeRL's keys
 * without annotations.
 */
final class ConfigMappers {

    static final ObjectMapper JSON_READER = jsonReader();
    static final ObjectMapper BINDER = binder();

    private ConfigMappers() {}

    private static ObjectMapper jsonReader() {
        JsonFactory factory =
                JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return mapper;
    }

    private static ObjectMapper binder() {
        ObjectMapper mapper =
                JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .defaultPropertyInclusion(
                                JsonInclude.Value.construct(
                                        JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                        .addModule(nameModule())
                        .build();
        for (LogicalType type :
                new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** Reads each named enum with its own parser, so wrong names list the allowed ones. */
    private static SimpleModule nameModule() {
        SimpleModule module = new SimpleModule("grl4j-config-names");
        addName(module, Parameterization.class, ModelConfig::parameterization);
        addName(module, DiffusionPathType.class, DiffusionPathType::fromConfigName);
        addName(module, FlowModelType.class, FlowModelType::fromConfigName);
        addName(module, TrainingLossType.class, TrainingLossType::fromConfigName);
        addName(module, WeightingScheme.class, WeightingScheme::fromConfigName);
        module.addSerializer(
                Parameterization.class,
                new StdSerializer<>(Parameterization.class) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public void serialize(
                            Parameterization value, JsonGenerator out, SerializerProvider unused)
                            throws IOException {
                        out.writeString(value.configName());
                    }
                });
        return module;
    }

    private static <E> void addName(
            SimpleModule module, Class<E> type, Function<Object, E> parser) {
        module.addDeserializer(type, new NameDeserializer<>(type, parser));
    }

    /** Passes the value (a string, or whatever was found instead) to a name parser. */
    private static final class NameDeserializer<E> extends StdDeserializer<E> {
        private static final long serialVersionUID = 1L;
        private final transient Function<Object, E> parser;

        NameDeserializer(Class<E> type, Function<Object, E> parser) {
            super(type);
            this.parser = parser;
        }

        @Override
        public E deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            return this.parser.apply(node.isTextual() ? node.textValue() : node);
        }
    }
}
