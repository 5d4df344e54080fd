package org.grl4j.trainer.network;

import static org.grl4j.trainer.TrainerTolerances.FLOAT32_NETWORK;
import static org.grl4j.trainer.TrainerTolerances.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.models.config.ConfigException;
import org.grl4j.models.config.ConfigFormat;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.IntrinsicModelConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NetworkBlocksTest {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private static IntrinsicModel standardNetwork(boolean trainableEncoder) {
        return new IntrinsicModel(
                2,
                0,
                new GaussianFourierTimeEncoder(32, 30.0, trainableEncoder),
                null,
                new TemporalSpatialResidualNet(List.of(512, 256, 128), 2, 32));
    }

    @Test
    void standardNetworkHasGenerativeRlsParameterCountWithTheFourierWeightsCounted() {
        // 1 429 698 weights and biases in the backbone + 16 Fourier frequencies = 1 429 714, the
        // figure PyTorch's parameters() reports for GenerativeRL's network: a frozen nn.Parameter
        // is still listed, so the count is the same whether W is trained or not.
        IntrinsicModel frozen = standardNetwork(false);
        Networks.initialize(frozen, manager, 1, frozen.inputShapes(4));
        assertEquals(1_429_714, Networks.parameterCount(frozen));
        assertEquals(1_429_698, Networks.trainableParameterCount(frozen));

        IntrinsicModel trainable = standardNetwork(true);
        Networks.initialize(trainable, manager, 1, trainable.inputShapes(4));
        assertEquals(1_429_714, Networks.parameterCount(trainable));
        assertEquals(1_429_714, Networks.trainableParameterCount(trainable));
    }

    @Test
    void standardNetworkMatchesDoublePrecisionReference() {
        IntrinsicModel model = standardNetwork(false);
        Networks.initialize(model, manager, 7, model.inputShapes(5));
        float[] t = {1e-5f, 0.1f, 0.37f, 0.8f, 1f};
        float[] x = randomFloats(10, 3, 11);

        double[] actual = forward(model, t, x, null, 2);

        DoubleReference reference = new DoubleReference(Networks.namedParameters(model));
        double[][] expected =
                reference.residualNet(
                        "model.backbone.",
                        2,
                        reference.fourier("model.t_encoder.", t),
                        DoubleReference.rows(x, 2),
                        null);
        assertTrue(
                relativeError(actual, DoubleReference.flatten(expected)) < FLOAT32_NETWORK,
                "relative error " + relativeError(actual, DoubleReference.flatten(expected)));
    }

    @Test
    void anyHiddenSizesWorkWithAConditionAndMatchTheReference() {
        TemporalSpatialResidualNet backbone =
                new TemporalSpatialResidualNet(List.of(64, 48, 40), 3, 16, 3, 4, 6, 0);
        IntrinsicModel model =
                new IntrinsicModel(
                        3, 4, new GaussianFourierTimeEncoder(16, 30.0, true), null, backbone);
        Networks.initialize(model, manager, 3, model.inputShapes(6));
        assertEquals(22, backbone.tConditionHiddenDim());
        assertTrue(
                backbone.upBlocks().get(0).skip().isPresent(), "2 * 40 != 48 needs a projection");
        float[] t = {0.05f, 0.2f, 0.4f, 0.6f, 0.8f, 0.99f};
        float[] x = randomFloats(18, 2, 21);
        float[] condition = randomFloats(24, 1, 22);

        double[] actual = forward(model, t, x, condition, 3);

        DoubleReference reference = new DoubleReference(Networks.namedParameters(model));
        double[][] expected =
                reference.residualNet(
                        "model.backbone.",
                        2,
                        reference.fourier("model.t_encoder.", t),
                        DoubleReference.rows(x, 3),
                        DoubleReference.rows(condition, 4));
        assertEquals(18, actual.length);
        assertTrue(relativeError(actual, DoubleReference.flatten(expected)) < FLOAT32_NETWORK);
    }

    @Test
    void upPathWidthsEqualGenerativeRlsWhenEachWidthHalves() {
        TemporalSpatialResidualNet net =
                new TemporalSpatialResidualNet(List.of(512, 256, 128), 2, 32);
        assertEquals(256, net.upBlocks().get(0).inputDim());
        assertEquals(256, net.upBlocks().get(0).outputDim());
        assertEquals(512, net.upBlocks().get(1).inputDim());
        assertFalse(net.upBlocks().get(1).skip().isPresent());
    }

    @Test
    void namedParametersFollowGenerativeRlsStateDictNames() {
        IntrinsicModel model = standardNetwork(false);
        Networks.initialize(model, manager, 1, model.inputShapes(2));
        Map<String, Parameter> named = Networks.namedParameters(model);
        assertEquals(new Shape(16), named.get("model.t_encoder.W").getArray().getShape());
        assertEquals(
                new Shape(512, 2),
                named.get("model.backbone.first_block.dense1.0.weight").getArray().getShape());
        assertEquals(
                new Shape(512, 2),
                named.get("model.backbone.first_block.modify_x.weight").getArray().getShape());
        assertEquals(
                new Shape(256, 32),
                named.get("model.backbone.up_block.0.time_mlp.1.weight").getArray().getShape());
        assertEquals(
                new Shape(2, 1024),
                named.get("model.backbone.last_block.weight").getArray().getShape());
        long total = named.values().stream().mapToLong(p -> p.getArray().size()).sum();
        assertEquals(Networks.parameterCount(model), total, "every parameter has one name");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void concatenateMlpMatchesReferenceForEachActivation(Activation activation) {
        MultiLayerPerceptron mlp = new MultiLayerPerceptron(List.of(5, 7, 6), 2, activation);
        IntrinsicModel model = new IntrinsicModel(2, 0, null, null, new ConcatenateMlp(mlp));
        float[] t = {0.1f, 0.5f, 0.7f, 1.0f};
        // x of width 2 plus the raw time column makes 3 inputs; the MLP expects 5, so this must
        // fail, and a [t, x, condition] of widths 1 + 2 + 2 fits.
        assertThrows(
                IllegalArgumentException.class,
                () -> Networks.initialize(model, manager, 5, model.inputShapes(4)));

        IntrinsicModel conditional = new IntrinsicModel(2, 2, null, null, new ConcatenateMlp(mlp));
        Networks.initialize(conditional, manager, 5, conditional.inputShapes(4));
        float[] x = randomFloats(8, 2, 31);
        float[] condition = randomFloats(8, 2, 32);

        double[] actual = forward(conditional, t, x, condition, 2);

        double[][] joined = new double[4][];
        for (int n = 0; n < 4; n++) {
            joined[n] =
                    new double[] {
                        t[n], x[2 * n], x[2 * n + 1], condition[2 * n], condition[2 * n + 1]
                    };
        }
        DoubleReference reference = new DoubleReference(Networks.namedParameters(conditional));
        double[][] expected =
                reference.mlp("model.backbone.model.", 2, activation.configName(), joined);
        assertTrue(
                relativeError(actual, DoubleReference.flatten(expected)) < FLOAT32_NETWORK,
                activation + ": " + relativeError(actual, DoubleReference.flatten(expected)));
    }

    @Test
    void fourierFrequenciesHaveGenerativeRlsScale() {
        GaussianFourierTimeEncoder encoder = new GaussianFourierTimeEncoder(2000, 30.0, false);
        Networks.initialize(encoder, manager, 9, new Shape(3));
        float[] w = encoder.frequencies().getArray().toFloatArray();
        double sumSquares = 0;
        for (float value : w) {
            sumSquares += value * (double) value;
        }
        double std = Math.sqrt(sumSquares / w.length) / (30.0 * 2 * Math.PI);
        // 1000 draws: the sample standard deviation of N(0, 1) has sd 1/sqrt(2000) = 0.022; a band
        // of +-0.1 is 4.5 sd (false-failure rate below 1e-5, and the seed is fixed).
        assertEquals(1.0, std, 0.1);
        assertFalse(encoder.frequencies().requiresGradient());
    }

    @Test
    void sameSeedGivesSameWeightsAndLinearWeightsStayInPytorchsBound() {
        IntrinsicModel a = standardNetwork(false);
        IntrinsicModel b = standardNetwork(false);
        Networks.initialize(a, manager, 42, a.inputShapes(1));
        Networks.initialize(b, manager, 42, b.inputShapes(1));
        Map<String, Parameter> pa = Networks.namedParameters(a);
        Map<String, Parameter> pb = Networks.namedParameters(b);
        for (String name : pa.keySet()) {
            assertArrayEquals(
                    pa.get(name).getArray().toFloatArray(),
                    pb.get(name).getArray().toFloatArray(),
                    name);
        }
        float[] w = pa.get("model.backbone.middle_block.dense2.0.weight").getArray().toFloatArray();
        double bound = 1 / Math.sqrt(128);
        double max = 0;
        for (float value : w) {
            max = Math.max(max, Math.abs(value));
        }
        // 16 384 uniform draws on [-b, b]: the largest lies below 0.999 b with probability
        // 0.999^16384 < 1e-7.
        assertTrue(max <= bound && max > 0.999 * bound, "max " + max + " bound " + bound);
    }

    record MyModuleArgs(Integer input) {}

    @Test
    void registryBuildsTheTutorialNetworkAndAcceptsUserBlocks() {
        NetworkRegistry registry = NetworkRegistry.withBuiltIns();
        String yaml =
                """
                t_encoder:
                  type: GaussianFourierProjectionTimeEncoder
                  args: {embed_dim: 32, scale: 30.0}
                backbone:
                  type: TemporalSpatialResidualNet
                  args: {hidden_sizes: [512, 256, 128], output_dim: 2, t_dim: 32}
                """;
        IntrinsicModelConfig config =
                ConfigLoader.read(yaml, ConfigFormat.YAML, IntrinsicModelConfig.class);
        IntrinsicModel model =
                registry.createIntrinsicModel(2, 0, config, "diffusion_model.model.args");
        Networks.initialize(model, manager, 1, model.inputShapes(2));
        assertEquals(1_429_714, Networks.parameterCount(model));

        registry.backbones()
                .register(
                        "MyModule",
                        MyModuleArgs.class,
                        args ->
                                new ConcatenateMlp(
                                        new MultiLayerPerceptron(
                                                List.of(args.input(), 8), 2, Activation.MISH)));
        IntrinsicModelConfig custom =
                ConfigLoader.read(
                        "backbone: {type: mymodule, args: {input: 3}}",
                        ConfigFormat.YAML,
                        IntrinsicModelConfig.class);
        IntrinsicModel customModel = registry.createIntrinsicModel(2, 0, custom, "model.args");
        assertTrue(customModel.backbone() instanceof ConcatenateMlp);
        IllegalArgumentException duplicate =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                registry.backbones()
                                        .register("MYMODULE", MyModuleArgs.class, args -> null));
        assertTrue(duplicate.getMessage().contains("already registered"));

        ConfigException unknown =
                assertThrows(
                        ConfigException.class,
                        () ->
                                registry.createIntrinsicModel(
                                        2,
                                        0,
                                        ConfigLoader.read(
                                                "backbone: {type: Unet}",
                                                ConfigFormat.YAML,
                                                IntrinsicModelConfig.class),
                                        "model.args"));
        assertTrue(
                unknown.getMessage().contains("TemporalSpatialResidualNet"), unknown.getMessage());
        ConfigException badKey =
                assertThrows(
                        ConfigException.class,
                        () ->
                                registry.createIntrinsicModel(
                                        2,
                                        0,
                                        ConfigLoader.read(
                                                "t_encoder: {type:"
                                                    + " GaussianFourierProjectionTimeEncoder, args:"
                                                    + " {embed_dim: 32, scal: 3.0}}\n"
                                                    + "backbone: {type: mymodule, args: {input:"
                                                    + " 3}}",
                                                ConfigFormat.YAML,
                                                IntrinsicModelConfig.class),
                                        "model.args"));
        assertTrue(badKey.getMessage().contains("scal"), badKey.getMessage());
    }

    private double[] forward(IntrinsicModel model, float[] t, float[] x, float[] condition, int d) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray tArray = scope.create(t);
            NDArray xArray = scope.create(x, new Shape(t.length, d));
            NDArray cArray =
                    condition == null
                            ? null
                            : scope.create(
                                    condition, new Shape(t.length, condition.length / t.length));
            NDList inputs =
                    cArray == null
                            ? new NDList(tArray, xArray)
                            : new NDList(tArray, xArray, cArray);
            float[] out =
                    model.forward(new ParameterStore(scope, false), inputs, false)
                            .singletonOrThrow()
                            .toFloatArray();
            double[] result = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                result[i] = out[i];
            }
            return result;
        }
    }

    private static float[] randomFloats(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (scale * random.nextGaussian());
        }
        return out;
    }
}
