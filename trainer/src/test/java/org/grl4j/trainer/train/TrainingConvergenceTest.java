package org.grl4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Function;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Wasserstein;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;
import org.grl4j.trainer.loss.ScoreMatchingLoss;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.Activation;
import org.grl4j.trainer.network.ConcatenateMlp;
import org.grl4j.trainer.network.DjlBatchNetwork;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short trainings that must reach a W2 a random network cannot, with a coarse run in between. W2 is
 * the exact empirical 2-Wasserstein distance between {@value #POINTS} samples and {@value #POINTS}
 * fresh data points; two samples of the same distribution of this size are themselves about 0.1
 * apart, so thresholds sit well above that floor.
 *
 * <p>Every draw is seeded, so each run is deterministic on a given machine; the thresholds leave
 * room for floating-point differences between machines. Measured here (two shared cores, one
 * libtorch thread): 8 Gaussians with I-CFM, W2 untrained 1.06, after 100 steps 0.81, after 6000
 * steps 0.33 (threshold 0.4; 20-35 s); two moons with score matching, untrained 2261 (the
 * probability-flow ODE of a random noise network diverges), after 100 steps 14.4, after 2000 steps
 * 0.26 (threshold 0.35; 40-55 s, most of it training the residual network).
 */
class TrainingConvergenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingConvergenceTest.class);

    private static final int POINTS = 800;
    private static final int EULER_STEPS = 100;

    @Test
    void flowMatchingLearnsEightGaussians() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Function<Long, Double> w2AfterSteps =
                    steps -> {
                        IntrinsicModel model = mlpVelocityNetwork(manager);
                        TrainingObjective objective =
                                ConditionalFlowMatchingLoss.independent(
                                        model, new ConstantNoisePath(0.01));
                        if (steps > 0) {
                            train(objective, ToyData.eightGaussians(10_000, 1), steps, 256, 3e-3);
                        }
                        return w2(sampleFlow(model, manager), ToyData.eightGaussians(POINTS, 2));
                    };
            double untrained = w2AfterSteps.apply(0L);
            double coarse = w2AfterSteps.apply(100L);
            double trained = w2AfterSteps.apply(6000L);
            String numbers =
                    "W2 untrained "
                            + untrained
                            + ", 100 steps "
                            + coarse
                            + ", 6000 steps "
                            + trained;
            LOG.info(numbers);
            assertTrue(trained < 0.4, numbers);
            assertTrue(untrained > 0.4 && coarse > trained * 1.5, numbers);
        }
    }

    @Test
    void scoreMatchingLearnsTwoMoons() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPath path = new LinearVpPath(0.1, 20);
            Function<Long, Double> w2AfterSteps =
                    steps -> {
                        IntrinsicModel model = residualNoiseNetwork(manager);
                        TrainingObjective objective =
                                new ScoreMatchingLoss(model, path, Parameterization.NOISE_FUNCTION);
                        if (steps > 0) {
                            train(objective, ToyData.twoMoons(10_000, 3), steps, 256, 3e-3);
                        }
                        return w2(
                                sampleDiffusion(model, path, manager), ToyData.twoMoons(POINTS, 4));
                    };
            double untrained = w2AfterSteps.apply(0L);
            double coarse = w2AfterSteps.apply(100L);
            double trained = w2AfterSteps.apply(2000L);
            String numbers =
                    "W2 untrained "
                            + untrained
                            + ", 100 steps "
                            + coarse
                            + ", 2000 steps "
                            + trained;
            LOG.info(numbers);
            assertTrue(trained < 0.35, numbers);
            assertTrue(untrained > 0.35 && coarse > trained * 1.5, numbers);
        }
    }

    /** The torchcfm protocol's network: [t, x] through three SELU layers of width 64. */
    private static IntrinsicModel mlpVelocityNetwork(NDManager manager) {
        IntrinsicModel model =
                new IntrinsicModel(
                        2,
                        0,
                        null,
                        null,
                        new ConcatenateMlp(
                                new MultiLayerPerceptron(
                                        List.of(3, 64, 64, 64), 2, Activation.SELU)));
        Networks.initialize(model, manager, 7, model.inputShapes(1));
        return model;
    }

    /** A small GenerativeRL network: Fourier features and a two-level residual U-Net. */
    private static IntrinsicModel residualNoiseNetwork(NDManager manager) {
        IntrinsicModel model =
                new IntrinsicModel(
                        2,
                        0,
                        new GaussianFourierTimeEncoder(16, 30.0, false),
                        null,
                        new TemporalSpatialResidualNet(List.of(64, 32), 2, 16));
        Networks.initialize(model, manager, 8, model.inputShapes(1));
        return model;
    }

    private static void train(
            TrainingObjective objective, float[] rows, long steps, int batch, double lr) {
        TrainingConfig config =
                TrainingConfig.simple(steps, batch, lr, 5)
                        .withOptimizer(
                                OptimizerConfig.adam(lr),
                                LearningRateSchedule.cosine(0, steps, 0.1))
                        .withClippingAndEma(1.0, 0);
        new Trainer(objective, new TrainingData(rows, rows.length / 2, 2, null, 0, null), config)
                .train();
    }

    /** Euler from t = 0 (N(0, I)) to t = 1 (data) on the learned velocity. */
    private static float[] sampleFlow(IntrinsicModel model, NDManager manager) {
        double[] x = toDouble(ToyData.gaussian(POINTS, 9));
        double[] t = new double[POINTS];
        double[] v = new double[2 * POINTS];
        try (DjlBatchNetwork network = new DjlBatchNetwork(model, manager)) {
            double dt = 1.0 / EULER_STEPS;
            for (int k = 0; k < EULER_STEPS; k++) {
                java.util.Arrays.fill(t, k * dt);
                network.evaluate(POINTS, t, x, null, v);
                for (int i = 0; i < x.length; i++) {
                    x[i] += dt * v[i];
                }
            }
        }
        return toFloat(x);
    }

    /**
     * Euler on the probability-flow ODE dx/dt = f x + g^2 n / (2 sigma) from t = 1 down to 1e-3,
     * with n the predicted noise.
     */
    private static float[] sampleDiffusion(
            IntrinsicModel model, GaussianPath path, NDManager manager) {
        double[] x = toDouble(ToyData.gaussian(POINTS, 10));
        double[] t = new double[POINTS];
        double[] noise = new double[2 * POINTS];
        double end = 1e-3;
        double dt = (1 - end) / EULER_STEPS;
        try (DjlBatchNetwork network = new DjlBatchNetwork(model, manager)) {
            for (int k = 0; k < EULER_STEPS; k++) {
                double time = 1 - k * dt;
                java.util.Arrays.fill(t, time);
                network.evaluate(POINTS, t, x, null, noise);
                double f = path.driftCoefficient(time);
                double g2 = path.diffusionSquared(time);
                double sigma = path.std(time);
                for (int i = 0; i < x.length; i++) {
                    x[i] -= dt * (f * x[i] + g2 * noise[i] / (2 * sigma));
                }
            }
        }
        return toFloat(x);
    }

    private static double w2(float[] samples, float[] data) {
        return Wasserstein.distance(
                PointSet.of(POINTS, 2, toDouble(samples)), PointSet.of(POINTS, 2, toDouble(data)));
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
