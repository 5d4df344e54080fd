package org.grl4j.cli.bench;

import java.util.SplittableRandom;
import org.grl4j.models.param.Parameterization;
import org.grl4j.trainer.loss.ScoreMatchingLoss;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.train.Trainer;
import org.grl4j.trainer.train.TrainingConfig;
import org.grl4j.trainer.train.TrainingData;

/**
 * Times grl4j's training step on DJL's PyTorch engine: score matching on the benchmark's path with
 * a noise network and Adam, through {@link Trainer}, so the figure includes everything one step
 * does (batch gathering, noise draws, forward, backward, gradient norm, Adam update). The step time
 * is the wall time between consecutive steps' listener calls.
 */
final class TrainingBench {

    /** Rows of the synthetic data set: enough for a permutation of the largest batch. */
    private static final int DATA_ROWS = 16_384;

    private final IntrinsicModel model;

    TrainingBench(IntrinsicModel model) {
        this.model = model;
    }

    /** The wall time of each of {@code steps} steps at batch {@code batch}, after the warm-up. */
    Timings step(int batch, int warmup, int steps) {
        int total = warmup + steps;
        TrainingData data = swissRollLike(Math.max(DATA_ROWS, batch), 7);
        ScoreMatchingLoss loss =
                new ScoreMatchingLoss(model, StandardNetwork.PATH, Parameterization.NOISE_FUNCTION);
        long[] stamps = new long[total + 1];
        int[] seen = {0};
        Trainer trainer =
                new Trainer(loss, data, TrainingConfig.simple(total, batch, 1e-4, 11))
                        .addListener(
                                info -> {
                                    stamps[++seen[0]] = System.nanoTime();
                                });
        stamps[0] = System.nanoTime();
        trainer.train();
        double[] nanos = new double[steps];
        for (int i = 0; i < steps; i++) {
            nanos[i] = stamps[warmup + i + 1] - stamps[warmup + i];
        }
        return new Timings(nanos);
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
