package org.grl4j.models.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.grl4j.models.param.Parameterization;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static Path resource(String name) {
        try {
            return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void seedExampleInJsonParsesAsWritten() {
        GenerativeConfig config = ConfigLoader.load(resource("seed-example.json"));

        DiffusionModelConfig model = config.diffusionModel();
        assertEquals("cpu", model.device());
        assertEquals(2, model.xSize());
        assertEquals(1.0, model.alpha());
        assertEquals("ODESolver", model.solver().type());
        assertEquals("torchdyn", model.solver().args().get("library").textValue());

        DiffusionPathConfig path = model.path();
        assertSame(DiffusionPathType.LINEAR_VP_SDE, path.type());
        assertEquals(0.1, path.beta0());
        assertEquals(20.0, path.beta1());
        assertEquals(1.0, path.tMax());
        assertNull(model.reversePath());

        assertSame(Parameterization.NOISE_FUNCTION, model.model().type());
        TypedSpec encoder = model.model().args().tEncoder();
        assertEquals("GaussianFourierProjectionTimeEncoder", encoder.type());
        assertEquals(32, encoder.args().get("embed_dim").intValue());
        assertEquals(30.0, encoder.args().get("scale").doubleValue());

        TypedSpec backbone = model.model().args().backbone();
        assertEquals("TemporalSpatialResidualNet", backbone.type());
        JsonNode args = backbone.args();
        assertEquals(List.of(512, 256, 128), intList(args.get("hidden_sizes")));
        assertEquals(2, args.get("output_dim").intValue());
        assertEquals(32, args.get("t_dim").intValue());

        assertNull(config.flowModel());
        assertNull(config.parameter());
        assertEquals("diffusion", config.modelName());
        assertEquals(2, config.xSize());
    }

    @Test
    void seedExampleInYamlEqualsTheJsonTranslation() {
        GenerativeConfig json = ConfigLoader.load(resource("seed-example.json"));
        GenerativeConfig yaml = ConfigLoader.load(resource("seed-example.yaml"));

        assertEquals(json, yaml);
    }

    @Test
    void swissRollDiffusionTutorialParsesWithItsTrainingParameters() {
        GenerativeConfig config = ConfigLoader.load(resource("swiss-roll-diffusion.yaml"));

        TrainingParameters parameter = config.requireParameter();
        assertSame(TrainingLossType.SCORE_MATCHING, parameter.trainingLossType());
        assertEquals(5e-3, parameter.lr());
        assertEquals(10_000, parameter.dataNum());
        assertEquals(5000, parameter.iterations());
        assertEquals(4096, parameter.batchSize());
        assertEquals(1.0, parameter.clipGradNorm());
        assertEquals(1000, parameter.evalFreq());
        assertEquals(100, parameter.checkpointFreq());
        assertEquals("./checkpoint", parameter.checkpointPath());
        assertEquals(0.0, parameter.weightDecay());
        assertEquals(0L, parameter.seed());
        assertSame(WeightingScheme.MAXIMUM_LIKELIHOOD, parameter.weightingScheme());
        assertEquals("cpu", config.resolvedDevice().orElseThrow());
        assertTrue(
                config.diffusionModel()
                        .model()
                        .args()
                        .tEncoder()
                        .args()
                        .get("requires_grad")
                        .booleanValue());
    }

    @Test
    void icfmTutorialParsesAsAnIndependentFlowModel() {
        GenerativeConfig config = ConfigLoader.load(resource("swiss-roll-icfm.json"));

        FlowModelConfig flow = config.flowModel();
        assertSame(FlowModelType.ICFM, flow.modelType());
        assertEquals(0.1, flow.path().sigma());
        assertSame(Parameterization.VELOCITY_FUNCTION, flow.velocityNetwork().type());
        assertSame(TrainingLossType.FLOW_MATCHING, config.parameter().trainingLossType());
        assertNull(config.parameter().weightingScheme());
        assertEquals("icfm", config.modelName());
    }

    @Test
    void sf2mTutorialWithYamlAnchorsParsesAsABridgeModel() {
        GenerativeConfig config = ConfigLoader.load(resource("swiss-roll-sf2m.yaml"));

        FlowModelConfig flow = config.flowModel();
        assertSame(FlowModelType.SF2M, flow.modelType());
        assertSame(Parameterization.VELOCITY_FUNCTION, flow.velocityNetwork().type());
        assertSame(Parameterization.SCORE_FUNCTION, flow.scoreModel().type());
        assertEquals(flow.velocityNetwork().args().backbone(), flow.scoreModel().args().backbone());
        assertEquals("torchdyn_NeuralODE", flow.solver().args().get("library").textValue());
    }

    @Test
    void generativeRlClassNameSelectsTheFlowModelType() {
        String yaml =
                """
                flow_model:
                  model_type: OptimalTransportConditionalFlowModel
                  x_size: 3
                  path: {sigma: 0.0}
                  model:
                    type: velocity_function
                    args: {backbone: {type: TemporalSpatialResidualNet}}
                """;

        assertSame(FlowModelType.OTCFM, ConfigLoader.fromYaml(yaml).flowModel().modelType());
    }

    @Test
    void writingAConfigBackAsJsonReadsToAnEqualConfig() {
        GenerativeConfig original = ConfigLoader.load(resource("swiss-roll-diffusion.yaml"));

        String json = ConfigLoader.toJson(original);

        assertEquals(original, ConfigLoader.fromJson(json));
        assertTrue(json.contains("\"weighting_scheme\" : \"maximum_likelihood\""), json);
        assertTrue(json.contains("\"type\" : \"noise_function\""), json);
    }

    @Test
    void pathsWithoutParametersParseAndDefaultTheirTimeRange() {
        String yaml =
                """
                diffusion_model:
                  x_size: 1
                  path: {type: GVP}
                  model: {type: score_function, args: {backbone: {type: Mlp}}}
                """;

        DiffusionModelConfig model = ConfigLoader.fromYaml(yaml).diffusionModel();

        assertEquals(DiffusionPathConfig.gvp(), model.path());
        assertEquals(0, model.model().args().backbone().args().size());
    }

    @Test
    void missingParameterBlockIsReportedWhenTrainingNeedsIt() {
        GenerativeConfig config = ConfigLoader.load(resource("seed-example.yaml"));

        ConfigException error = assertThrows(ConfigException.class, config::requireParameter);

        assertEquals("parameter", error.keyPath());
        assertTrue(error.getMessage().contains("training_loss_type, lr, iterations"));
    }

    private static List<Integer> intList(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::intValue)
                .toList();
    }
}
