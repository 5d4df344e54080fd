package org.grl4j.exporter.block;

import static org.grl4j.exporter.block.BlockHarness.Input.matrix;
import static org.grl4j.exporter.block.BlockHarness.Input.state;
import static org.grl4j.exporter.block.BlockHarness.Input.vector;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.grl4j.exporter.ExportTolerances;
import org.grl4j.exporter.block.BlockHarness.Errors;
import org.grl4j.exporter.block.BlockHarness.Input;
import org.grl4j.trainer.network.Activation;
import org.grl4j.trainer.network.ConcatenateMlp;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResBlock;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity of every built-in block, exported alone, with DJL: the value against DJL in float32, the
 * tangent against a central difference of the same block in float64.
 */
class BlockExportersTest {

    private static final int ROWS = 8;

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** Exports a freshly built, seeded block; checks the tangent when {@code tangent}. */
    private Errors check(Supplier<Block> factory, List<Input> inputs, long seed, boolean tangent)
            throws OrtException {
        Shape[] shapes = inputs.stream().map(i -> new Shape(i.shape(ROWS))).toArray(Shape[]::new);
        Block block = factory.get();
        Networks.initialize(block, manager, seed, shapes);
        Block twin =
                tangent ? BlockHarness.float64Twin(block, factory.get(), manager, shapes) : null;
        return BlockHarness.compare(block, twin, inputs, ROWS, seed + 1000);
    }

    private static void assertParity(Errors errors, String what) {
        assertTrue(
                errors.value() <= ExportTolerances.PARITY,
                what + ": value error " + errors.value());
        if (!Double.isNaN(errors.tangent())) {
            assertTrue(
                    errors.tangent() <= ExportTolerances.TANGENT,
                    what + ": tangent error " + errors.tangent());
        }
    }

    @Test
    void linearMatchesDjlWithAndWithoutBias() throws OrtException {
        for (boolean bias : new boolean[] {true, false}) {
            Errors errors =
                    check(
                            () -> Linear.builder().setUnits(6).optBias(bias).build(),
                            List.of(state("x", 5)),
                            1,
                            true);
            assertParity(errors, "bias " + bias);
        }
    }

    @Test
    void sequenceOfExportableBlocksExportsWithNoCodeOfItsOwn() throws OrtException {
        Supplier<Block> sequence =
                () ->
                        new SequentialBlock()
                                .add(Linear.builder().setUnits(7).build())
                                .add(new MultiLayerPerceptron(List.of(7, 9), 3, Activation.MISH))
                                .add(Linear.builder().setUnits(4).build());
        assertParity(check(sequence, List.of(state("x", 4)), 3, true), "sequence");
    }

    @Test
    void fourierEncoderMatchesDjlWithTheDefaultScale() throws OrtException {
        Supplier<Block> encoder =
                () ->
                        new GaussianFourierTimeEncoder(
                                32, GaussianFourierTimeEncoder.DEFAULT_SCALE, false);
        assertParity(check(encoder, List.of(vector("t")), 5, false), "fourier");
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 9}) // 9 != 5: with a skip projection; 5: identity residual
    void residualBlockMatchesDjlWithValueAndTangent(int outputDim) throws OrtException {
        Errors errors =
                check(
                        () -> new TemporalSpatialResBlock(5, outputDim, Activation.SILU),
                        List.of(matrix("e", 6), state("x", 5)),
                        7,
                        true);
        assertParity(errors, "res block 5 -> " + outputDim);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpWithEachActivationMatchesDjlWithValueAndTangent(Activation activation)
            throws OrtException {
        Supplier<Block> mlp =
                () ->
                        new MultiLayerPerceptron(
                                List.of(4, 10, 8),
                                3,
                                List.of(activation, activation),
                                activation,
                                0.5);
        assertParity(check(mlp, List.of(state("x", 4)), 9, true), activation.configName());
    }

    @Test
    void concatenateMlpJoinsTimeColumnStateAndCondition() throws OrtException {
        Supplier<Block> block =
                () ->
                        new ConcatenateMlp(
                                new MultiLayerPerceptron(
                                        List.of(1 + 3 + 2, 12), 3, Activation.TANH));
        List<Input> inputs = List.of(vector("t"), state("x", 3), matrix("c", 2));
        assertParity(check(block, inputs, 11, true), "concatenate mlp");
    }

    /** Random hidden sizes, including ones where h_i != 2 h_{i+1}, with and without condition. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void residualNetWithRandomHiddenSizesMatchesDjl(long seed) throws OrtException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> hidden = new ArrayList<>();
        int depth = 1 + random.nextInt(3);
        for (int i = 0; i < depth; i++) {
            hidden.add(2 + random.nextInt(14));
        }
        int x = 2 + random.nextInt(3);
        int t = 4;
        for (boolean conditional : new boolean[] {false, true}) {
            int c = conditional ? 3 : 0;
            List<Input> inputs = new ArrayList<>(List.of(matrix("e", t), state("x", x)));
            if (conditional) {
                inputs.add(matrix("c", c));
            }
            Supplier<Block> net =
                    () ->
                            new TemporalSpatialResidualNet(
                                    hidden, x, t, x, c, conditional ? 5 : 0, 0);
            assertParity(check(net, inputs, seed, true), hidden + " conditional=" + conditional);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void intrinsicModelMatchesDjlWithValueAndTangent(int conditionSize) throws OrtException {
        int x = 3;
        int t = 16;
        Supplier<Block> model =
                () ->
                        new IntrinsicModel(
                                x,
                                conditionSize,
                                new GaussianFourierTimeEncoder(t, 30.0, true),
                                conditionSize == 0
                                        ? null
                                        : new MultiLayerPerceptron(
                                                List.of(conditionSize, 6), 4, Activation.GELU),
                                conditionSize == 0
                                        ? new TemporalSpatialResidualNet(List.of(10, 6), x, t)
                                        : new TemporalSpatialResidualNet(
                                                List.of(10, 6), x, t, x, 4, 5, 0));
        List<Input> inputs = new ArrayList<>(List.of(vector("t"), state("x", x)));
        if (conditionSize > 0) {
            inputs.add(matrix("condition", conditionSize));
        }
        assertParity(check(model, inputs, 41, true), "intrinsic model C=" + conditionSize);
    }

    @Test
    void generativeRlDefaultSizesMatchDjl() throws OrtException {
        Supplier<Block> net = () -> new TemporalSpatialResidualNet(List.of(512, 256, 128), 2, 32);
        assertParity(check(net, List.of(matrix("e", 32), state("x", 2)), 31, false), "default");
    }

    @Test
    void uninitializedBlockNamesTheMissingParameter() {
        Linear linear = Linear.builder().setUnits(3).build();
        MissingParameterException e =
                assertThrows(
                        MissingParameterException.class,
                        () -> BlockHarness.compare(linear, null, List.of(state("x", 2)), ROWS, 1));
        assertTrue(e.getMessage().contains("'weight'"), e.getMessage());
        assertTrue(e.getMessage().contains("block"), e.getMessage());
    }
}
