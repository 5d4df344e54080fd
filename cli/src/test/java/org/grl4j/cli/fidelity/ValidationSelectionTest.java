package org.grl4j.cli.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.Activation;
import org.grl4j.trainer.network.ConcatenateMlp;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.train.Trainer;
import org.grl4j.trainer.train.TrainingConfig;
import org.grl4j.trainer.train.TrainingData;
import org.grl4j.trainer.train.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * The runner's checkpoint selection on a tiny OT-CFM training (45 steps, validation every 10 and
 * after the last step): deterministic, so every comparison is exact.
 */
class ValidationSelectionTest {

    private static final int STEPS = 45;

    @Test
    void keepsTheWeightsWithTheLowestValidationLossWithoutChangingTheTraining() {
        List<ValidationSelection.Check> checks;
        double lastLossWith;
        ValidationSelection.Selection best;
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingObjective objective = objective(manager);
            ValidationSelection selection =
                    new ValidationSelection(objective, validation(), 64, 10, STEPS, 77);
            TrainingResult trained =
                    new Trainer(objective, training(), TrainingConfig.simple(STEPS, 32, 1e-2, 3))
                            .addListener(selection)
                            .train();
            lastLossWith = trained.lastLoss();
            best = selection.best();
            checks = selection.checks();

            // The kept weights give back the kept loss when validated with the same draws.
            Trainer.loadWeights(objective, best.weights());
            assertEquals(best.loss(), selection.loss(best.step()));
        }
        assertEquals(
                List.of(10L, 20L, 30L, 40L, 45L),
                checks.stream().map(ValidationSelection.Check::step).toList());
        double lowest =
                checks.stream().mapToDouble(ValidationSelection.Check::loss).min().orElseThrow();
        assertTrue(checks.contains(new ValidationSelection.Check(best.step(), lowest)));
        assertEquals(lowest, best.loss());

        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingResult alone =
                    new Trainer(
                                    objective(manager),
                                    training(),
                                    TrainingConfig.simple(STEPS, 32, 1e-2, 3))
                            .train();
            assertEquals(alone.lastLoss(), lastLossWith, "validation draws from its own streams");
        }
    }

    @Test
    void differentStepsDrawDifferentTimesAndNoise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ValidationSelection selection =
                    new ValidationSelection(objective(manager), validation(), 64, 10, STEPS, 77);
            // Same weights, fresh draws per check, as the runner's validation loop makes them.
            assertTrue(selection.loss(10) != selection.loss(20));
            assertEquals(selection.loss(10), selection.loss(10));
        }
    }

    private static TrainingObjective objective(NDManager manager) {
        IntrinsicModel model =
                new IntrinsicModel(
                        2,
                        0,
                        null,
                        null,
                        new ConcatenateMlp(
                                new MultiLayerPerceptron(List.of(3, 16), 2, Activation.SELU)));
        Networks.initialize(model, manager, 5, model.inputShapes(1));
        return ConditionalFlowMatchingLoss.optimalTransport(model, new ConstantNoisePath(0.1));
    }

    @Test
    void validatesOtCfmWithIndependentPairsOnTheTwoMarginalTasksAsTheRunnerDoes() {
        ConditionalFlowMatchingLoss otcfm =
                ConditionalFlowMatchingLoss.optimalTransport(null, new ConstantNoisePath(0.1));
        ConditionalFlowMatchingLoss onMoons =
                FidelityExperiment.validationObjective(
                        FidelityMethod.OTCFM, FidelityTask.MOONS_TO_8GAUSSIANS, otcfm);
        assertEquals(ConditionalFlowMatchingLoss.Coupling.INDEPENDENT, onMoons.coupling());
        assertEquals(otcfm.networks(), onMoons.networks(), "the trained networks are validated");
        for (FidelityTask task : FidelityTask.values()) {
            if (task.gaussianSource()) {
                assertSame(
                        otcfm,
                        FidelityExperiment.validationObjective(FidelityMethod.OTCFM, task, otcfm));
            }
            assertSame(
                    otcfm,
                    FidelityExperiment.validationObjective(FidelityMethod.SF2M, task, otcfm));
        }
    }

    @Test
    void validatesOnlyWholeBatchesOnTheTwoMarginalTasks() {
        assertEquals(
                512,
                FidelityExperiment.validationRows(FidelityTask.MOONS_TO_8GAUSSIANS, 1000, 512));
        assertEquals(
                1024,
                FidelityExperiment.validationRows(FidelityTask.MOONS_TO_8GAUSSIANS, 1100, 512));
        assertEquals(
                100, FidelityExperiment.validationRows(FidelityTask.MOONS_TO_8GAUSSIANS, 100, 512));
        assertEquals(
                1000,
                FidelityExperiment.validationRows(FidelityTask.GAUSSIAN_TO_SCURVE, 1000, 512));
    }

    private static TrainingData training() {
        return new TrainingData(Datasets.moons(256, 1).toFloatArray(), 256, 2, null, 0, null);
    }

    /** 100 rows: batches of 64 and 36. */
    private static TrainingData validation() {
        return new TrainingData(Datasets.moons(100, 2).toFloatArray(), 100, 2, null, 0, null);
    }
}
