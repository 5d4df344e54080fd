package org.grl4j.models.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.grl4j.models.data.Normalization;
import org.grl4j.models.param.Parameterization;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ModelCard sampleCard() {
        return new ModelCard(
                ModelKind.DIFFUSION,
                Parameterization.SCORE_FUNCTION,
                new PathSpec("linear_vp_sde", Map.of("beta_0", 0.1, "beta_1", 20.0)),
                TimeConvention.DATA_AT_ZERO,
                2,
                3,
                new Normalization(new double[] {0.5, -1.25}, new double[] {2.0, 0.1}),
                "{\"parameter\":{\"lr\":1e-4,\"batch_size\":2048}}",
                "{\"steps\":1000,\"final_loss\":0.0123,\"seed\":7}");
    }

    private static Map<String, String> metadataWith(Consumer<Map<String, String>> edit) {
        Map<String, String> metadata = new LinkedHashMap<>(sampleCard().toMetadata());
        edit.accept(metadata);
        return metadata;
    }

    private static String errorFor(Map<String, String> metadata) {
        return assertThrows(InvalidModelCardException.class, () -> ModelCard.fromMetadata(metadata))
                .getMessage();
    }

    @Test
    void metadataRoundTripGivesTheSameCard() {
        ModelCard card = sampleCard();

        assertEquals(card, ModelCard.fromMetadata(card.toMetadata()));
    }

    @Test
    void metadataUsesTheKeysOfTheContract() {
        Map<String, String> metadata = sampleCard().toMetadata();

        assertEquals(
                java.util.List.of(
                        "grl4j.format",
                        "grl4j.model",
                        "grl4j.parameterization",
                        "grl4j.path",
                        "grl4j.time",
                        "grl4j.x_size",
                        "grl4j.condition_size",
                        "grl4j.normalization",
                        "grl4j.config",
                        "grl4j.training"),
                java.util.List.copyOf(metadata.keySet()));
        assertEquals("1", metadata.get("grl4j.format"));
        assertEquals("diffusion", metadata.get("grl4j.model"));
        assertEquals("score_function", metadata.get("grl4j.parameterization"));
        assertEquals("data_at_0", metadata.get("grl4j.time"));
        assertEquals("2", metadata.get("grl4j.x_size"));
        assertEquals("3", metadata.get("grl4j.condition_size"));
    }

    @Test
    void pathAndNormalizationAreWrittenAsJson() throws Exception {
        Map<String, String> metadata = sampleCard().toMetadata();

        var path = MAPPER.readTree(metadata.get("grl4j.path"));
        assertEquals("linear_vp_sde", path.get("type").asText());
        assertEquals(20.0, path.get("beta_1").doubleValue());
        var normalization = MAPPER.readTree(metadata.get("grl4j.normalization"));
        assertEquals(-1.25, normalization.get("mean").get(1).doubleValue());
        assertEquals(0.1, normalization.get("scale").get(1).doubleValue());
    }

    @Test
    void jsonRoundTripGivesTheSameCard() {
        ModelCard card = sampleCard();

        ObjectNode json = card.toJson();

        assertEquals(3, json.get("condition_size").intValue());
        assertEquals(1000, json.get("training").get("steps").intValue());
        ModelCard back = ModelCard.fromJson(json);
        assertEquals(card.normalization(), back.normalization());
        assertEquals(card.path(), back.path());
        assertEquals(json, back.toJson());
    }

    @Test
    void optionalKeysTakeTheirDefaults() {
        Map<String, String> metadata =
                metadataWith(
                        m -> {
                            m.remove("grl4j.condition_size");
                            m.remove("grl4j.normalization");
                            m.remove("grl4j.config");
                            m.remove("grl4j.training");
                        });

        ModelCard card = ModelCard.fromMetadata(metadata);

        assertEquals(0, card.conditionSize());
        assertFalse(card.isConditional());
        assertTrue(card.normalization().isIdentity());
        assertEquals("{}", card.config());
        assertEquals("{}", card.training());
    }

    @Test
    void quantizationIsWrittenOnlyWhenTheWeightsAreQuantized() {
        ModelCard plain = sampleCard();
        ModelCard quantized = plain.withQuantization(Quantization.INT8_DYNAMIC);

        assertEquals(Quantization.NONE, plain.quantization());
        assertFalse(plain.toMetadata().containsKey(ModelCard.KEY_QUANTIZATION));
        assertEquals("int8_dynamic", quantized.toMetadata().get(ModelCard.KEY_QUANTIZATION));
        assertEquals(quantized, ModelCard.fromMetadata(quantized.toMetadata()));
        assertEquals(
                Quantization.INT8_DYNAMIC, ModelCard.fromJson(quantized.toJson()).quantization());
        assertTrue(quantized.isQuantized());
        assertFalse(plain.isQuantized());
    }

    @Test
    void unknownQuantizationListsTheAllowedOnes() {
        String message = errorFor(metadataWith(m -> m.put(ModelCard.KEY_QUANTIZATION, "int4")));

        assertTrue(message.contains("\"int4\""), message);
        assertTrue(message.contains("none, int8_dynamic"), message);
    }

    @Test
    void keysOfOtherToolsAreIgnored() {
        Map<String, String> metadata = metadataWith(m -> m.put("onnx.producer", "pytorch"));

        assertEquals(sampleCard(), ModelCard.fromMetadata(metadata));
    }

    @Test
    void missingFormatSaysWhatWasFoundAndWhatIsSupported() {
        String message = errorFor(metadataWith(m -> m.remove("grl4j.format")));

        assertTrue(message.contains("no grl4j.format"), message);
        assertTrue(message.contains("grl4j.model"), message);
        assertTrue(message.contains("[1]"), message);
        assertTrue(message.contains("sidecar"), message);
    }

    @Test
    void unknownFormatSaysWhatWasFoundAndWhatIsSupported() {
        String message = errorFor(metadataWith(m -> m.put("grl4j.format", "999")));

        assertTrue(message.contains("\"999\""), message);
        assertTrue(message.contains("[1]"), message);
    }

    @Test
    void missingRequiredKeysAreAllNamed() {
        String message =
                errorFor(
                        metadataWith(
                                m -> {
                                    m.remove("grl4j.path");
                                    m.remove("grl4j.x_size");
                                }));

        assertTrue(message.contains("[grl4j.path, grl4j.x_size]"), message);
    }

    @Test
    void unknownGrl4jKeysAreRefused() {
        String message = errorFor(metadataWith(m -> m.put("grl4j.x_sise", "2")));

        assertTrue(message.contains("grl4j.x_sise"), message);
        assertTrue(message.contains("spelling"), message);
    }

    @Test
    void badJsonIsNamedByKey() {
        String pathMessage = errorFor(metadataWith(m -> m.put("grl4j.path", "{\"type\": ")));
        String configMessage = errorFor(metadataWith(m -> m.put("grl4j.config", "{lr: 1}")));
        String normalizationMessage =
                errorFor(metadataWith(m -> m.put("grl4j.normalization", "[1, 2")));

        assertTrue(pathMessage.contains("grl4j.path") && pathMessage.contains("not valid JSON"));
        assertTrue(
                configMessage.contains("grl4j.config") && configMessage.contains("not valid JSON"));
        assertTrue(
                normalizationMessage.contains("grl4j.normalization")
                        && normalizationMessage.contains("not valid JSON"),
                normalizationMessage);
    }

    @Test
    void unknownNamesListTheAllowedOnes() {
        String kind = errorFor(metadataWith(m -> m.put("grl4j.model", "gan")));
        String parameterization =
                errorFor(metadataWith(m -> m.put("grl4j.parameterization", "epsilon")));
        String time = errorFor(metadataWith(m -> m.put("grl4j.time", "forward")));

        assertTrue(kind.contains("\"gan\"") && kind.contains("diffusion, icfm, otcfm, sf2m"), kind);
        assertTrue(
                parameterization.contains("\"epsilon\"")
                        && parameterization.contains("velocity_function"),
                parameterization);
        assertTrue(time.contains("grl4j.time") && time.contains("data_at_0, data_at_1"), time);
    }

    @Test
    void badSizesAreNamed() {
        String notANumber = errorFor(metadataWith(m -> m.put("grl4j.x_size", "two")));
        String zero = errorFor(metadataWith(m -> m.put("grl4j.x_size", "0")));
        String negative = errorFor(metadataWith(m -> m.put("grl4j.condition_size", "-1")));

        assertTrue(notANumber.contains("grl4j.x_size") && notANumber.contains("\"two\""));
        assertTrue(zero.contains("at least 1"), zero);
        assertTrue(negative.contains("grl4j.condition_size") && negative.contains("at least 0"));
    }

    @Test
    void normalizationMustMatchTheDataWidth() {
        String message =
                errorFor(
                        metadataWith(
                                m ->
                                        m.put(
                                                "grl4j.normalization",
                                                "{\"mean\":[0,0,0],\"scale\":[1,1,1]}")));

        assertTrue(message.contains("3 dimensions") && message.contains("x_size is 2"), message);
    }

    @Test
    void nonPositiveScaleIsRefused() {
        String message =
                errorFor(
                        metadataWith(
                                m ->
                                        m.put(
                                                "grl4j.normalization",
                                                "{\"mean\":[0,0],\"scale\":[1,0]}")));

        assertTrue(message.contains("scale[1] is 0.0"), message);
    }

    @Test
    void pathParametersMustBeNumbers() {
        String message =
                errorFor(
                        metadataWith(
                                m ->
                                        m.put(
                                                "grl4j.path",
                                                "{\"type\":\"linear_vp_sde\","
                                                        + "\"beta_0\":\"0.1\"}")));

        assertTrue(message.contains("beta_0") && message.contains("must be numbers"), message);
    }

    @Test
    void jsonFormNamesShortKeys() {
        ObjectNode json = sampleCard().toJson();
        json.remove("time");
        json.put("format", 1);

        String message =
                assertThrows(InvalidModelCardException.class, () -> ModelCard.fromJson(json))
                        .getMessage();

        assertTrue(message.contains("format") && message.contains("give a string"), message);
        json.put("format", "1");
        String missing =
                assertThrows(InvalidModelCardException.class, () -> ModelCard.fromJson(json))
                        .getMessage();
        assertTrue(missing.contains("[time]"), missing);
    }

    @Test
    void normalizationMapsDataToModelSpaceAndBack() {
        Normalization normalization =
                new Normalization(new double[] {1.0, -2.0}, new double[] {2.0, 0.5});
        double[] batch = {3.0, -1.0, 1.0, -2.0};

        normalization.normalizeInPlace(batch);
        assertArrayEquals(new double[] {1.0, 2.0, 0.0, 0.0}, batch, 1e-15);
        normalization.denormalizeInPlace(batch);
        assertArrayEquals(new double[] {3.0, -1.0, 1.0, -2.0}, batch, 1e-15);
    }

    @Test
    void pathParameterLookupNamesWhatIsThere() {
        PathSpec path = new PathSpec("linear_vp_sde", Map.of("beta_0", 0.1));

        assertEquals(0.1, path.parameter("beta_0"));
        String message =
                assertThrows(IllegalArgumentException.class, () -> path.parameter("beta_1"))
                        .getMessage();
        assertTrue(message.contains("beta_1") && message.contains("[beta_0]"), message);
    }
}
