package org.grl4j.cli.fidelity;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grl4j.trainer.eval.HeldOutLoss;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.train.StepInfo;
import org.grl4j.trainer.train.TrainingData;
import org.grl4j.trainer.train.TrainingListener;

/**
 * The weights the torchcfm runner tests: its {@code train.py} evaluates the checkpoint that PyTorch
 * Lightning's {@code ModelCheckpoint} kept, which monitors {@code val/loss} with mode min and keeps
 * one (the runner's default callbacks); validation runs every 10 epochs in its {@code
 * experiment/cfm.yaml}, and 1000 epochs end on a validation. This listener does the same: after
 * steps {@code every}, 2 {@code every}, ... and after the last step it evaluates the training
 * objective on the validation rows in batches of the training batch size (the loss being the mean
 * over rows), with fresh times, noise and minibatch pairings each time as the runner's validation
 * draws them, and keeps a copy of the weights whenever the loss is the lowest so far.
 *
 * <p>The evaluation draws from its own streams, so the training run is the same with or without
 * this listener.
 */
final class ValidationSelection implements TrainingListener {

    /**
     * The selected weights (named as {@link org.grl4j.trainer.train.Trainer#loadWeights} wants).
     */
    record Selection(long step, double loss, Map<String, float[]> weights) {}

    /** One validation: the step and its loss. */
    record Check(long step, double loss) {}

    private final TrainingObjective objective;
    private final TrainingData[] batches;
    private final long every;
    private final long lastStep;
    private final long seed;
    private final List<Check> checks = new ArrayList<>();
    private Selection best;

    /**
     * @param objective the objective being trained
     * @param validation the validation rows, in the space the network sees
     * @param batchSize rows per validation batch (the last one may be smaller)
     * @param every validate after every this many steps, positive
     * @param lastStep the training's last step, always validated
     * @param seed the seed of the validation draws
     */
    ValidationSelection(
            TrainingObjective objective,
            TrainingData validation,
            int batchSize,
            long every,
            long lastStep,
            long seed) {
        if (every < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "validation needs a positive interval and batch size, got every "
                            + every
                            + " and batch size "
                            + batchSize);
        }
        this.objective = objective;
        this.batches = split(validation, batchSize);
        this.every = every;
        this.lastStep = lastStep;
        this.seed = seed;
    }

    @Override
    public void onStep(StepInfo info) {
        if (info.step() % every == 0 || info.step() == lastStep) {
            validate(info.step());
        }
    }

    /**
     * The validation loss of the current weights with the draws of {@code step}: the row-weighted
     * mean of the batch losses.
     */
    double loss(long step) {
        double sum = 0;
        int rows = 0;
        for (int b = 0; b < batches.length; b++) {
            TrainingData batch = batches[b];
            long drawSeed = seed + 1_000_003L * step + b;
            sum +=
                    batch.rows()
                            * new HeldOutLoss(objective, batch, batch.rows(), drawSeed)
                                    .getAsDouble();
            rows += batch.rows();
        }
        return sum / rows;
    }

    private void validate(long step) {
        double loss = loss(step);
        checks.add(new Check(step, loss));
        if (best == null || loss < best.loss()) {
            best = new Selection(step, loss, weights());
        }
    }

    /** The weights with the lowest validation loss so far, or null before the first validation. */
    Selection best() {
        return best;
    }

    /** Every validation so far, oldest first. */
    List<Check> checks() {
        return List.copyOf(checks);
    }

    private Map<String, float[]> weights() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, IntrinsicModel> network : objective.networks().entrySet()) {
            for (Map.Entry<String, Parameter> parameter :
                    Networks.namedParameters(network.getValue()).entrySet()) {
                copy.put(
                        network.getKey() + "/" + parameter.getKey(),
                        parameter.getValue().getArray().toFloatArray());
            }
        }
        return copy;
    }

    /** Consecutive batches of at most {@code size} rows; a source too short is dropped. */
    private static TrainingData[] split(TrainingData data, int size) {
        int count = (data.rows() + size - 1) / size;
        TrainingData[] out = new TrainingData[count];
        int width = data.width();
        for (int b = 0; b < count; b++) {
            int from = b * size;
            int rows = Math.min(size, data.rows() - from);
            float[] source =
                    data.source() == null || data.source().length < (from + rows) * width
                            ? null
                            : slice(data.source(), from * width, rows * width);
            float[] condition =
                    data.conditional()
                            ? slice(
                                    data.condition(),
                                    from * data.conditionWidth(),
                                    rows * data.conditionWidth())
                            : null;
            out[b] =
                    new TrainingData(
                            slice(data.data(), from * width, rows * width),
                            rows,
                            width,
                            condition,
                            data.conditionWidth(),
                            source);
        }
        return out;
    }

    private static float[] slice(float[] values, int from, int length) {
        float[] out = new float[length];
        System.arraycopy(values, from, out, 0, length);
        return out;
    }
}
