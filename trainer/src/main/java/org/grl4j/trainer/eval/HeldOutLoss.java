package org.grl4j.trainer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.grl4j.trainer.loss.TrainingBatch;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.GradMode;
import org.grl4j.trainer.train.TrainingData;

/**
 * The training objective on held-out rows, with the times and noise drawn from a fixed seed so that
 * successive evaluations differ only through the weights. Rows are taken in order, at most {@code
 * maxRows} of them, in one batch; the gradient is not recorded.
 */
public final class HeldOutLoss implements DoubleSupplier {

    private final TrainingObjective objective;
    private final TrainingData heldOut;
    private final int rows;
    private final long seed;

    /**
     * @param objective the objective being trained
     * @param heldOut rows in the space the network sees (normalized), not used for training
     * @param maxRows the largest batch to evaluate at once
     * @param seed the seed of the times and noise
     */
    public HeldOutLoss(TrainingObjective objective, TrainingData heldOut, int maxRows, long seed) {
        if (maxRows < 1) {
            throw new IllegalArgumentException(
                    "held-out batch size must be at least 1, found " + maxRows);
        }
        this.objective = objective;
        this.heldOut = heldOut;
        this.rows = Math.min(maxRows, heldOut.rows());
        this.seed = seed;
    }

    @Override
    public double getAsDouble() {
        try (GradMode.Scope ignored = GradMode.disabled();
                NDManager manager = NDManager.newBaseManager()) {
            NDArray value =
                    objective.loss(new ParameterStore(manager, false), batch(manager), rng());
            return value.getFloat();
        }
    }

    private SplittableRandom rng() {
        return new SplittableRandom(seed);
    }

    private TrainingBatch batch(NDManager manager) {
        int width = heldOut.width();
        NDArray data = manager.create(slice(heldOut.data(), width), new Shape(rows, width));
        NDArray condition = null;
        if (heldOut.conditional()) {
            int c = heldOut.conditionWidth();
            condition = manager.create(slice(heldOut.condition(), c), new Shape(rows, c));
        }
        NDArray source = null;
        if (heldOut.source() != null && heldOut.source().length >= rows * width) {
            source = manager.create(slice(heldOut.source(), width), new Shape(rows, width));
        }
        return new TrainingBatch(data, condition, source);
    }

    private float[] slice(float[] values, int width) {
        float[] out = new float[rows * width];
        System.arraycopy(values, 0, out, 0, out.length);
        return out;
    }
}
