package org.grl4j.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.grl4j.models.param.Parameterization;
import org.grl4j.trainer.loss.ScoreMatchingLoss;
import org.grl4j.trainer.loss.TrainingBatch;
import org.grl4j.trainer.network.GradMode;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.train.Trainer;
import org.grl4j.trainer.train.TrainingConfig;
import org.grl4j.trainer.train.TrainingData;

/**
 * Times grl4j's training step on DJL's PyTorch engine: score matching on the benchmark's path with
 * a noise network and Adam, through {@link Trainer}, so the figure includes everything one step
 * does (batch gathering, noise draws, forward, backward, gradient norm, Adam update). The step time
 * is the wall time between consecutive steps' listener calls. {@link #stages} times the forward
 * pass with the loss and the backward pass on their own, so that the rest of the step (gradient
 * norm and the optimizer) is the difference.
 */
final class TrainingBench {

    /** Rows of the synthetic data set: enough for a permutation of the largest batch. */
    private static final int DATA_ROWS = 16_384;

    private final IntrinsicModel model;

    TrainingBench(IntrinsicModel model) {
        this.model = model;
    }

    private ScoreMatchingLoss loss() {
        return new ScoreMatchingLoss(model, StandardNetwork.PATH, Parameterization.NOISE_FUNCTION);
    }

    /** The wall time of each of {@code steps} steps at batch {@code batch}, after the warm-up. */
    Timings step(int batch, int warmup, int steps) {
        int total = warmup + steps;
        TrainingData data = swissRollLike(Math.max(DATA_ROWS, batch), 7);
        long[] stamps = new long[total + 1];
        int[] seen = {0};
        Trainer trainer =
                new Trainer(loss(), data, TrainingConfig.simple(total, batch, 1e-4, 11))
                        .addListener(info -> stamps[++seen[0]] = System.nanoTime());
        stamps[0] = System.nanoTime();
        trainer.train();
        double[] nanos = new double[steps];
        for (int i = 0; i < steps; i++) {
            nanos[i] = stamps[warmup + i + 1] - stamps[warmup + i];
        }
        return new Timings(nanos);
    }

    /** Forward-with-loss and backward wall times of {@code steps} steps, after the warm-up. */
    Timings[] stages(int batch, int warmup, int steps) {
        ScoreMatchingLoss loss = loss();
        TrainingData data = swissRollLike(batch, 8);
        double[] forward = new double[steps];
        double[] backward = new double[steps];
        try (GradMode.Scope ignored = GradMode.disabled();
                NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < warmup + steps; i++) {
                SplittableRandom random = new SplittableRandom(i);
                try (NDManager scope = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = scope.create(data.data(), new Shape(batch, data.width()));
                    long start = System.nanoTime();
                    NDArray value =
                            loss.loss(
                                    new ParameterStore(scope, false), TrainingBatch.of(x), random);
                    value.getFloat();
                    long forwardEnd = System.nanoTime();
                    collector.backward(value);
                    long backwardEnd = System.nanoTime();
                    if (i >= warmup) {
                        forward[i - warmup] = forwardEnd - start;
                        backward[i - warmup] = backwardEnd - forwardEnd;
                    }
                }
            }
        }
        return new Timings[] {new Timings(forward), new Timings(backward)};
    }

    /** A noisy 2-D spiral in [-1, 1]^2: any data of the right width costs the same to train on. */
    private static TrainingData swissRollLike(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * StandardNetwork.X_SIZE];
        for (int i = 0; i < rows; i++) {
            double u = 1.5 * Math.PI * (1 + 2 * random.nextDouble());
            values[2 * i] = (float) (u * Math.cos(u) / 15 + 0.05 * random.nextGaussian());
            values[2 * i + 1] = (float) (u * Math.sin(u) / 15 + 0.05 * random.nextGaussian());
        }
        return new TrainingData(values, rows, StandardNetwork.X_SIZE, null, 0, null);
    }
}
