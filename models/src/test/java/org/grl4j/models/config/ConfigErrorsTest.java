package org.grl4j.models.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gives one ConfigException naming the key path, value and allowed. */
class ConfigErrorsTest {

    /** The seed's example with a training block; each test breaks one line of it. */
    private static final String VALID =
            """
            diffusion_model:
              device: cpu
              x_size: 2
              alpha: 1.0
              solver:
                type: ODESolver
                args: {library: torchdyn}
              path:
                type: linear_vp_sde
                beta_0: 0.1
                beta_1: 20.0
              model:
                type: noise_function
                args:
                  t_encoder:
                    type: GaussianFourierProjectionTimeEncoder
                    args: {embed_dim: 32, scale: 30.0}
                  backbone:
                    type: TemporalSpatialResidualNet
                    args: {hidden_sizes: [512, 256, 128], output_dim: 2, t_dim: 32}
            parameter:
              training_loss_type: score_matching
              lr: 5e-3
              iterations: 5000
              batch_size: 4096
            """;

    private static final String VALID_FLOW =
            """
            flow_model:
              x_size: 2
              path: {sigma: 0.1}
              model:
                type: velocity_function
                args: {backbone: {type: TemporalSpatialResidualNet}}
            parameter: {training_loss_type: flow_matching, lr: 5e-3, iterations: 10, batch_size: 8}
            """;

    @Test
    void theBaseConfigurationsAreValid() {
        ConfigLoader.fromYaml(VALID);
        ConfigLoader.fromYaml(VALID_FLOW);
    }

    @Test
    void unknownTopLevelKeyListsTheAllowedKeys() {
        ConfigException error = yamlError(VALID + "experiment_name: roll\n");

        assertReports(
                error,
                "experiment_name",
                "unknown key \"experiment_name\"",
                "device, diffusion_model, flow_model, parameter",
                "spelling");
    }

    @Test
    void unknownNestedKeyNamesItsFullPath() {
        ConfigException error =
                yamlError(edit(VALID, "beta_1: 20.0", "beta_1: 20.0\n    beta_2: 3"));

        assertReports(
                error,
                "diffusion_model.path.beta_2",
                "unknown key \"beta_2\"",
                "beta_0, beta_1, t_max, type");
    }

    @Test
    void stringWhereAnIntegerBelongsIsAWrongType() {
        ConfigException error = yamlError(edit(VALID, "x_size: 2", "x_size: two"));

        assertReports(error, "diffusion_model.x_size", "found \"two\"", "allowed: an integer");
    }

    @Test
    void quotedNumberAndFractionAreNotIntegers() {
        ConfigException quoted = yamlError(edit(VALID, "x_size: 2", "x_size: '2'"));
        ConfigException fraction = yamlError(edit(VALID, "x_size: 2", "x_size: 2.5"));

        assertReports(quoted, "diffusion_model.x_size", "found \"2\"", "an integer");
        assertReports(fraction, "diffusion_model.x_size", "found 2.5", "an integer");
    }

    @Test
    void negativeXSizeIsOutOfRange() {
        ConfigException error = yamlError(edit(VALID, "x_size: 2", "x_size: -3"));

        assertReports(error, "diffusion_model.x_size", "found -3", "an integer >= 1");
    }

    @Test
    void missingRequiredKeySaysItIsMissing() {
        ConfigException error = yamlError(edit(VALID, "  x_size: 2\n", ""));

        assertReports(
                error,
                "diffusion_model.x_size",
                "found nothing (the key is missing)",
                "an integer",
                "add x_size");
    }

    @Test
    void unknownPathTypeListsTheThreePaths() {
        ConfigException error = yamlError(edit(VALID, "type: linear_vp_sde", "type: cosine"));

        assertReports(
                error,
                "diffusion_model.path.type",
                "found \"cosine\"",
                "one of linear_vp_sde, gvp, linear");
    }

    @Test
    void generativeRlsUnimplementedPathTypeIsNamedAsSuch() {
        ConfigException error =
                yamlError(edit(VALID, "type: linear_vp_sde", "type: cosine_vp_sde"));

        assertReports(
                error, "diffusion_model.path.type", "never implemented", "linear_vp_sde, gvp");
    }

    @Test
    void beta1NotAboveBeta0IsOutOfRange() {
        ConfigException error = yamlError(edit(VALID, "beta_1: 20.0", "beta_1: 0.05"));

        assertReports(
                error,
                "diffusion_model.path.beta_1",
                "found 0.05",
                "greater than beta_0 = 0.1",
                "beta_0: 0.1 and beta_1: 20.0");
    }

    @Test
    void betasOnAPathWithoutParametersAreRejected() {
        ConfigException error = yamlError(edit(VALID, "type: linear_vp_sde", "type: gvp"));

        assertReports(error, "diffusion_model.path.beta_0", "found 0.1", "gvp has no parameters");
    }

    @Test
    void unknownParameterizationListsTheFourModelTypes() {
        ConfigException error =
                yamlError(edit(VALID, "type: noise_function", "type: epsilon_function"));

        assertReports(
                error,
                "diffusion_model.model.type",
                "found \"epsilon_function\"",
                "noise_function, score_function, data_prediction_function, velocity_function");
    }

    @Test
    void missingBackboneIsReportedWithAnExample() {
        String withoutBackbone =
                edit(
                        VALID,
                        "      backbone:\n        type: TemporalSpatialResidualNet\n"
                                + "        args: {hidden_sizes: [512, 256, 128], output_dim: 2,"
                                + " t_dim: 32}\n",
                        "");

        ConfigException error = yamlError(withoutBackbone);

        assertReports(
                error,
                "diffusion_model.model.args.backbone",
                "the key is missing",
                "TemporalSpatialResidualNet");
    }

    @Test
    void blockWhereAMappingBelongsListsItsKeys() {
        ConfigException error =
                yamlError(
                        edit(
                                VALID,
                                "    type: linear_vp_sde\n    beta_0: 0.1\n    beta_1: 20.0\n",
                                "    - linear_vp_sde\n"));

        assertReports(
                error,
                "diffusion_model.path",
                "[\"linear_vp_sde\"]",
                "a mapping with the keys beta_0, beta_1, t_max, type");
    }

    @Test
    void argsThatAreNotAMappingAreRejected() {
        ConfigException error =
                yamlError(edit(VALID, "args: {library: torchdyn}", "args: [torchdyn]"));

        assertReports(
                error, "diffusion_model.solver.args", "[\"torchdyn\"]", "a mapping of argument");
    }

    @Test
    void negativeLearningRateIsOutOfRange() {
        ConfigException error = yamlError(edit(VALID, "lr: 5e-3", "lr: -0.001"));

        assertReports(error, "parameter.lr", "found -0.001", "a finite number > 0");
    }

    @Test
    void zeroBatchSizeIsOutOfRange() {
        ConfigException error = yamlError(edit(VALID, "batch_size: 4096", "batch_size: 0"));

        assertReports(error, "parameter.batch_size", "found 0", "an integer >= 1");
    }

    @Test
    void unknownWeightingSchemeListsTheTwoSchemes() {
        ConfigException error =
                yamlError(
                        edit(VALID, "batch_size: 4096", "batch_size: 4096\n  weighting_scheme: u"));

        assertReports(
                error,
                "parameter.weighting_scheme",
                "found \"u\"",
                "one of vanilla, maximum_likelihood");
    }

    @Test
    void weightingSchemeWithFlowMatchingIsRejected() {
        ConfigException error =
                yamlError(
                        edit(
                                VALID_FLOW,
                                "batch_size: 8}",
                                "batch_size: 8, weighting_scheme:" + " vanilla}"));

        assertReports(
                error, "parameter.weighting_scheme", "found \"vanilla\"", "score_matching only");
    }

    @Test
    void scoreMatchingOnAFlowModelIsRejected() {
        ConfigException error = yamlError(edit(VALID_FLOW, "flow_matching", "score_matching"));

        assertReports(
                error,
                "parameter.training_loss_type",
                "found \"score_matching\"",
                "flow_matching for a flow_model");
    }

    @Test
    void flowModelNetworkMustOutputAVelocity() {
        ConfigException error =
                yamlError(edit(VALID_FLOW, "type: velocity_function", "type: noise_function"));

        assertReports(
                error, "flow_model.model.type", "found \"noise_function\"", "velocity_function");
    }

    @Test
    void bridgeModelNeedsPositiveSigma() {
        String sf2m =
                """
                flow_model:
                  x_size: 2
                  path: {sigma: 0.0}
                  velocity_model:
                    type: velocity_function
                    args: {backbone: {type: TemporalSpatialResidualNet}}
                  score_model:
                    type: score_function
                    args: {backbone: {type: TemporalSpatialResidualNet}}
                """;

        ConfigException error = yamlError(sf2m);

        assertReports(error, "flow_model.path.sigma", "found 0.0", "a number > 0 for sf2m");
    }

    @Test
    void twoModelBlocksAreRejected() {
        String both = VALID + VALID_FLOW.substring(0, VALID_FLOW.indexOf("parameter:"));

        ConfigException error = yamlError(both);

        assertReports(error, "flow_model", "exactly one of diffusion_model or flow_model");
    }

    @Test
    void unknownDeviceListsTheDeviceForms() {
        ConfigException error = yamlError(edit(VALID, "device: cpu", "device: tpu"));

        assertReports(error, "diffusion_model.device", "found \"tpu\"", "cpu, cuda, cuda:N");
    }

    @Test
    void conflictingDevicesAreRejected() {
        ConfigException error = yamlError(VALID + "device: cuda:0\n");

        assertReports(error, "device", "found \"cuda:0\"", "the same device", "(cpu)");
    }

    @Test
    void fileWithAnotherExtensionNamesTheAllowedOnes(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("roll.txt"), VALID);

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertTrue(error.getMessage().startsWith(file.toString() + ": "), error.getMessage());
        assertContains(error, "extension \".txt\"", ".json, .yaml or .yml");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn(@TempDir Path directory) throws IOException {
        String broken = edit(VALID, "  x_size: 2\n", "  x_size: 2\n x_bad: [\n");
        Path file = Files.writeString(directory.resolve("roll.yaml"), broken);

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertTrue(
                error.getMessage().startsWith(file.toString() + ": line 4, column 2: "),
                error.getMessage());
        assertEquals(4, error.line());
        assertContains(error, "malformed YAML", "well-formed YAML");
    }

    @Test
    void tabIndentationIsASyntaxErrorOnItsLine() {
        ConfigException error = yamlError(edit(VALID, "  x_size: 2", "\tx_size: 2"));

        assertEquals(3, error.line(), error.getMessage());
        assertContains(error, "TAB");
    }

    @Test
    void duplicateKeyIsASyntaxErrorOnItsLine() {
        ConfigException error =
                yamlError(edit(VALID, "  x_size: 2\n", "  x_size: 2\n  x_size: 3\n"));

        assertEquals(4, error.line(), error.getMessage());
        assertContains(error, "duplicate key x_size");
    }

    @Test
    void jsonSyntaxErrorNamesLineAndColumn() {
        String json = "{\n  \"diffusion_model\": {\n    \"x_size\": 2,\n  }\n}\n";

        ConfigException error =
                assertThrows(ConfigException.class, () -> ConfigLoader.fromJson(json));

        assertEquals(4, error.line(), error.getMessage());
        assertContains(error, "line 4, column 3", "malformed JSON", "well-formed JSON");
    }

    @Test
    void emptyDocumentIsReportedAsMissingConfiguration() {
        ConfigException error = yamlError("# nothing here\n");

        assertReports(error, "", "configuration root: found an empty document", "diffusion_model");
    }

    @Test
    void listAtTheRootIsNotAConfiguration() {
        ConfigException error = yamlError("- 1\n- 2\n");

        assertReports(error, "", "configuration root: found [1,2]", "a mapping with the keys");
    }

    private static String edit(String text, String from, String to) {
        String edited = text.replace(from, to);
        assertNotEquals(text, edited, "the test's edit must change the text: " + from);
        return edited;
    }

    private static ConfigException yamlError(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml(yaml));
    }

    private static void assertReports(ConfigException error, String keyPath, String... parts) {
        assertEquals(keyPath, error.keyPath(), error.getMessage());
        if (!keyPath.isEmpty()) {
            assertTrue(error.getMessage().startsWith(keyPath + ": found "), error.getMessage());
        }
        assertContains(error, parts);
    }

    private static void assertContains(ConfigException error, String... parts) {
        String message = error.getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "missing \"" + part + "\" in: " + message);
        }
        assertTrue(message.contains("Fix: "), message);
        assertFalse(message.toLowerCase().contains("jackson"), message);
        assertFalse(message.contains("snakeyaml"), message);
    }
}
