package org.grl4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;
import org.grl4j.trainer.network.Activation;
import org.grl4j.trainer.network.ConcatenateMlp;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerResumeTest {

    private static final int STEPS = 30;
    private static final int STOP_AT = 17;

    /**
     * A conditional network with a trained Fourier encoder, so every kind of state is exercised.
     */
    private static IntrinsicModel network(NDManager manager) {
        IntrinsicModel model =
                new IntrinsicModel(
                        2,
                        1,
                        new GaussianFourierTimeEncoder(8, 30.0, true),
                        null,
                        new TemporalSpatialResidualNet(List.of(16, 8), 2, 8, 2, 1, 4, 0));
        Networks.initialize(model, manager, 11, model.inputShapes(1));
        return model;
    }

    private static TrainingData data() {
        float[] x = ToyData.eightGaussians(100, 3);
        float[] condition = new float[100];
        for (int i = 0; i < 100; i++) {
            condition[i] = x[2 * i] > 0 ? 1 : -1;
        }
        return new TrainingData(x, 100, 2, condition, 1, null);
    }

    private static TrainingConfig config(Path directory, boolean resume) {
        return TrainingConfig.simple(STEPS, 32, 1e-2, 5)
                .withOptimizer(
                        OptimizerConfig.adamW(1e-2, 0.01),
                        LearningRateSchedule.cosine(5, STEPS, 0.1))
                .withClippingAndEma(0.5, 0.9)
                .withCheckpoints(directory, 10, resume);
    }

    @Test
    void resumingAfterAnInterruptEndsWithTheSameWeightsAsAnUninterruptedRun(
            @TempDir Path straight, @TempDir Path interrupted) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntrinsicModel reference = network(manager);
            TrainingResult full =
                    new Trainer(
                                    ConditionalFlowMatchingLoss.optimalTransport(
                                            reference, new ConstantNoisePath(0.1)),
                                    data(),
                                    config(straight, false))
                            .train();
            assertEquals(STEPS, full.steps());
            assertFalse(full.interrupted());

            IntrinsicModel first = network(manager);
            Trainer stopped =
                    new Trainer(
                            ConditionalFlowMatchingLoss.optimalTransport(
                                    first, new ConstantNoisePath(0.1)),
                            data(),
                            config(interrupted, true));
            stopped.addListener(
                    info -> {
                        if (info.step() == STOP_AT) {
                            stopped.requestStop();
                        }
                    });
            TrainingResult partial = stopped.train();
            assertTrue(partial.interrupted());
            assertEquals(STOP_AT, partial.steps());
            assertEquals(STOP_AT, Checkpoint.read(partial.checkpoint()).step());

            IntrinsicModel second = network(manager);
            TrainingResult resumed =
                    new Trainer(
                                    ConditionalFlowMatchingLoss.optimalTransport(
                                            second, new ConstantNoisePath(0.1)),
                                    data(),
                                    config(interrupted, true))
                            .train();
            assertEquals(STEPS, resumed.steps());

            // Bit-for-bit: (seed, step) fixes every draw, and the checkpoint holds weights, Adam
            // moments, the update count and the EMA.
            Map<String, Parameter> expected = Networks.namedParameters(reference);
            Map<String, Parameter> actual = Networks.namedParameters(second);
            for (String name : expected.keySet()) {
                assertArrayEquals(
                        expected.get(name).getArray().toFloatArray(),
                        actual.get(name).getArray().toFloatArray(),
                        name);
            }
            for (String name : full.emaWeights().keySet()) {
                assertArrayEquals(
                        full.emaWeights().get(name), resumed.emaWeights().get(name), name);
            }
            assertNotEquals(
                    expected.get("model.t_encoder.W").getArray().toFloatArray()[0],
                    Networks.namedParameters(network(manager))
                            .get("model.t_encoder.W")
                            .getArray()
                            .toFloatArray()[0],
                    "the trained encoder moved");
            try (Stream<Path> files = Files.list(interrupted)) {
                assertEquals(
                        List.of(Checkpoint.FILE_NAME),
                        files.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void resumingWithAnotherNetworkShapeNamesTheMismatch(@TempDir Path directory) {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntrinsicModel model = network(manager);
            new Trainer(
                            ConditionalFlowMatchingLoss.independent(
                                    model, new ConstantNoisePath(0.1)),
                            data(),
                            config(directory, true).withSteps(3))
                    .train();
            IntrinsicModel other =
                    new IntrinsicModel(
                            2,
                            1,
                            new GaussianFourierTimeEncoder(8, 30.0, true),
                            null,
                            new ConcatenateMlp(
                                    new MultiLayerPerceptron(List.of(11, 4), 2, Activation.SILU)));
            Networks.initialize(other, manager, 1, other.inputShapes(1));
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new Trainer(
                                                    ConditionalFlowMatchingLoss.independent(
                                                            other, new ConstantNoisePath(0.1)),
                                                    data(),
                                                    config(directory, true).withSteps(6))
                                            .train());
            assertTrue(error.getMessage().contains("has no tensor"), error.getMessage());
        }
    }
}
