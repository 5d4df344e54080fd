package org.grl4j.trainer.bench;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.trainer.loss.ScoreMatchingLoss;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;
import org.grl4j.trainer.train.Trainer;
import org.grl4j.trainer.train.TrainingConfig;
import org.grl4j.trainer.train.TrainingData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures training steps per second of GenerativeRL's standard network (Fourier 32 +
 * TemporalSpatialResidualNet [512, 256, 128], D = 2) with score matching and Adam, through the full
 * {@link Trainer} loop (batch gathering, loss, backward, gradient norm, Adam). A measurement, not a
 * test: run its main method with the test class path; the libtorch thread count comes from {@code
 * -Dai.djl.pytorch.num_threads}.
 *
 * <p>Arguments: batch sizes (default 1024 4096).
 */
public final class TrainingStepBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingStepBenchmark.class);

    private TrainingStepBenchmark() {}

    public static void main(String[] args) {
        List<Integer> batches = new ArrayList<>();
        for (String arg : args) {
            batches.add(Integer.parseInt(arg));
        }
        if (batches.isEmpty()) {
            batches = List.of(1024, 4096);
        }
        for (int batch : batches) {
            measure(batch, batch <= 1024 ? 30 : 12, 5);
        }
    }

    private static void measure(int batch, int measured, int warmup) {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntrinsicModel model =
                    new IntrinsicModel(
                            2,
                            0,
                            new GaussianFourierTimeEncoder(32, 30.0, false),
                            null,
                            new TemporalSpatialResidualNet(List.of(512, 256, 128), 2, 32));
            Networks.initialize(model, manager, 1, model.inputShapes(1));
            ScoreMatchingLoss loss =
                    new ScoreMatchingLoss(
                            model, new LinearVpPath(0.1, 20), Parameterization.NOISE_FUNCTION);
            long[] stamps = new long[warmup + measured + 1];
            TrainingConfig config = TrainingConfig.simple(warmup + measured, batch, 5e-3, 1);
            Trainer trainer = new Trainer(loss, data(10_000), config);
            trainer.addListener(info -> stamps[(int) info.step()] = System.nanoTime());
            trainer.train();
            double seconds = (stamps[warmup + measured] - stamps[warmup]) / 1e9;
            LOG.info(
                    "standard network, batch {}: {} ms per step, {} steps/s ({} parameters, {}"
                            + " threads)",
                    batch,
                    String.format("%.1f", 1000 * seconds / measured),
                    String.format("%.2f", measured / seconds),
                    Networks.parameterCount(model),
                    ai.djl.pytorch.jni.JniUtils.getNumThreads());
        }
    }

    private static TrainingData data(int rows) {
        SplittableRandom random = new SplittableRandom(2);
        float[] x = new float[2 * rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return new TrainingData(x, rows, 2, null, 0, null);
    }
}
