package org.grl4j.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.grl4j.trainer.loss.TrainingBatch;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.GradMode;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.Networks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: minibatches from {@link TrainingData}, the objective's loss, backpropagation,
 * optional global gradient-norm clipping, Adam or AdamW at the scheduled learning rate, and an
 * optional EMA of the weights. Checkpoints are written atomically every {@code checkpointEvery}
 * steps, at the end, and when a stop is requested (Ctrl-C included: a shutdown hook asks the loop
 * to stop, waits for the checkpoint, then lets the JVM exit).
 *
 * <p>Reproducibility: step k draws its batch, times and noise from a generator seeded by (seed, k);
 * batches walk a permutation of the rows drawn per epoch from (seed, epoch), dropping the last
 * partial batch (with fewer rows than the batch size, rows are drawn with replacement). A run is
 * therefore a pure function of the seed and the initial weights, and a resumed run takes exactly
 * the steps the uninterrupted run would have taken.
 *
 * <p>Logging: INFO once per run (objective, parameter counts, config), then every {@code logEvery}
 * steps the step, mean loss over the window, learning rate, gradient norm and steps/s. One trainer
 * runs at a time per JVM (DJL's PyTorch gradient collector is process-wide); the loop runs on the
 * calling thread, and listeners are called on it between steps, so they may evaluate the networks
 * (for example through {@link org.grl4j.trainer.network.DjlBatchNetwork}).
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** Separates the per-epoch permutation stream from the per-step stream. */
    private static final long EPOCH_SALT = 0x5DEECE66DL;

    private final TrainingObjective objective;
    private final TrainingData data;
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Parameter> trainable = new LinkedHashMap<>();
    private volatile boolean stopRequested;

    private long cachedEpoch = -1;
    private int[] epochOrder;

    /**
     * @param objective the loss and its networks, already initialized ({@link Networks#initialize})
     * @param data the training rows
     * @param config steps, optimizer, checkpoints...
     */
    public Trainer(TrainingObjective objective, TrainingData data, TrainingConfig config) {
        this.objective = objective;
        this.data = data;
        this.config = config;
        for (Map.Entry<String, IntrinsicModel> network : objective.networks().entrySet()) {
            checkCompatible(network.getKey(), network.getValue(), data);
            for (Map.Entry<String, Parameter> parameter :
                    Networks.namedParameters(network.getValue()).entrySet()) {
                String name = network.getKey() + "/" + parameter.getKey();
                parameters.put(name, parameter.getValue());
                if (parameter.getValue().requiresGradient()) {
                    trainable.put(name, parameter.getValue());
                }
            }
        }
    }

    private static void checkCompatible(String role, IntrinsicModel network, TrainingData data) {
        if (!network.isInitialized()) {
            throw new IllegalArgumentException(
                    "The " + role + " network is not initialized; call Networks.initialize first");
        }
        if (network.xSize() != data.width() || network.conditionSize() != data.conditionWidth()) {
            throw new IllegalArgumentException(
                    String.format(
                            "The %s network takes x of width %d and conditions of width %d, but the"
                                    + " data has width %d and conditions of width %d",
                            role,
                            network.xSize(),
                            network.conditionSize(),
                            data.width(),
                            data.conditionWidth()));
        }
    }

    /** Adds a listener called after every step, on the training thread. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Asks the loop to stop after the current step; it writes a checkpoint (when a directory is
     * configured) and returns. Safe from any thread.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Trains, resuming from the checkpoint when configured, and returns the outcome. */
    public TrainingResult train() {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopAndWait(finished), "grl4j-trainer-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (GradMode.Scope ignored = GradMode.disabled();
                NDManager manager = NDManager.newBaseManager();
                AdamOptimizer optimizer =
                        new AdamOptimizer(config.optimizer(), trainable, manager);
                ExponentialMovingAverage ema =
                        config.emaDecay() > 0
                                ? new ExponentialMovingAverage(
                                        config.emaDecay(), parameters, manager)
                                : null) {
            long start = restore(optimizer, ema);
            logStart(start);
            return loop(manager, optimizer, ema, start);
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    private void stopAndWait(CountDownLatch finished) {
        LOG.warn("Interrupted: stopping after the current step and writing a checkpoint");
        requestStop();
        try {
            if (!finished.await(120, TimeUnit.SECONDS)) {
                LOG.error(
                        "The training loop did not stop within 120 s; exiting without a"
                                + " checkpoint");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; the hook is running or done.
        }
    }

    private TrainingResult loop(
            NDManager manager, AdamOptimizer optimizer, ExponentialMovingAverage ema, long start) {
        double windowLoss = 0;
        int windowSteps = 0;
        long windowStart = System.nanoTime();
        double lastLoss = Double.NaN;
        long step = start;
        try (ProgressBar bar = config.progressBar() ? progressBar(start) : null) {
            while (step < config.steps() && !stopRequested) {
                double learningRate =
                        config.schedule().rate(config.optimizer().learningRate(), step);
                StepOutcome outcome = step(manager, optimizer, step, learningRate);
                if (ema != null) {
                    ema.update();
                }
                step++;
                lastLoss = outcome.loss();
                windowLoss += outcome.loss();
                windowSteps++;
                double stepsPerSecond = windowSteps / ((System.nanoTime() - windowStart) / 1e9);
                StepInfo info =
                        new StepInfo(
                                step,
                                outcome.loss(),
                                learningRate,
                                outcome.gradientNorm(),
                                stepsPerSecond);
                if (step % config.logEvery() == 0 || step == config.steps()) {
                    LOG.info(
                            "step {}/{} loss {} lr {} grad norm {} {} steps/s",
                            step,
                            config.steps(),
                            String.format("%.5g", windowLoss / windowSteps),
                            String.format("%.3g", learningRate),
                            String.format("%.3g", outcome.gradientNorm()),
                            String.format("%.1f", stepsPerSecond));
                    windowLoss = 0;
                    windowSteps = 0;
                    windowStart = System.nanoTime();
                }
                if (bar != null) {
                    bar.stepTo(step);
                    bar.setExtraMessage(String.format("loss %.4g", outcome.loss()));
                }
                for (TrainingListener listener : listeners) {
                    listener.onStep(info);
                }
                if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
                    saveCheckpoint(step, optimizer, ema);
                }
            }
        }
        boolean interrupted = step < config.steps();
        Path checkpoint = null;
        if (config.checkpointDirectory() != null) {
            checkpoint = saveCheckpoint(step, optimizer, ema);
        }
        if (interrupted) {
            LOG.warn("Stopped at step {} of {}; resume from {}", step, config.steps(), checkpoint);
        }
        return new TrainingResult(step, lastLoss, interrupted, checkpoint, emaWeights(ema));
    }

    private record StepOutcome(double loss, double gradientNorm) {}

    private StepOutcome step(
            NDManager manager, AdamOptimizer optimizer, long step, double learningRate) {
        SplittableRandom random = new SplittableRandom(mix(config.seed(), step));
        try (NDManager scope = manager.newSubManager()) {
            TrainingBatch batch = batch(scope, step, random);
            ParameterStore store = new ParameterStore(scope, false);
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = objective.loss(store, batch, random);
                collector.backward(value);
                loss = value.getFloat();
            }
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(
                        "The loss became "
                                + loss
                                + " at step "
                                + step
                                + "; lower the learning rate or turn on clip_grad_norm");
            }

            Map<String, NDArray> gradients = new LinkedHashMap<>();
            double squaredNorm = 0;
            for (Map.Entry<String, Parameter> entry : trainable.entrySet()) {
                NDArray gradient = entry.getValue().getArray().getGradient();
                gradient.attach(scope);
                gradients.put(entry.getKey(), gradient);
                squaredNorm += gradient.square().sum().getFloat();
            }
            double norm = Math.sqrt(squaredNorm);
            double scale = 1.0;
            if (config.clipGradNorm() > 0 && norm > config.clipGradNorm()) {
                scale = config.clipGradNorm() / (norm + 1e-6);
            }
            optimizer.update(gradients, learningRate, scale);
            for (Parameter parameter : trainable.values()) {
                JniUtils.zeroGrad((PtNDArray) parameter.getArray());
            }
            return new StepOutcome(loss, norm);
        }
    }

    /**
     * The rows of step {@code step}: a slice of this epoch's permutation, or draws with
     * replacement.
     */
    private TrainingBatch batch(NDManager scope, long step, SplittableRandom random) {
        int rows = config.batchSize();
        int[] indices = new int[rows];
        if (data.rows() >= rows) {
            long batchesPerEpoch = data.rows() / rows;
            long epoch = step / batchesPerEpoch;
            int offset = (int) (step % batchesPerEpoch) * rows;
            int[] order = epochOrder(epoch);
            System.arraycopy(order, offset, indices, 0, rows);
        } else {
            for (int i = 0; i < rows; i++) {
                indices[i] = random.nextInt(data.rows());
            }
        }
        NDArray x =
                scope.create(
                        gather(data.data(), data.width(), indices), new Shape(rows, data.width()));
        NDArray condition =
                data.conditional()
                        ? scope.create(
                                gather(data.condition(), data.conditionWidth(), indices),
                                new Shape(rows, data.conditionWidth()))
                        : null;
        NDArray source = null;
        if (data.source() != null) {
            int sourceRows = data.source().length / data.width();
            int[] sourceIndices = new int[rows];
            for (int i = 0; i < rows; i++) {
                sourceIndices[i] = random.nextInt(sourceRows);
            }
            source =
                    scope.create(
                            gather(data.source(), data.width(), sourceIndices),
                            new Shape(rows, data.width()));
        }
        return new TrainingBatch(x, condition, source);
    }

    private int[] epochOrder(long epoch) {
        if (epoch != cachedEpoch) {
            SplittableRandom random = new SplittableRandom(mix(config.seed() ^ EPOCH_SALT, epoch));
            int[] order = new int[data.rows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            epochOrder = order;
            cachedEpoch = epoch;
        }
        return epochOrder;
    }

    private static float[] gather(float[] rows, int width, int[] indices) {
        float[] out = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(rows, indices[i] * width, out, i * width, width);
        }
        return out;
    }

    /** A well-mixed seed for stream {@code index} of {@code seed} (SplitMix64 finalizer). */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private ProgressBar progressBar(long start) {
        return new ProgressBarBuilder()
                .setTaskName("train " + objective.name())
                .setInitialMax(config.steps())
                .startsFrom(start, java.time.Duration.ZERO)
                .build();
    }

    private void logStart(long start) {
        long total = 0;
        long trained = 0;
        for (Map.Entry<String, IntrinsicModel> network : objective.networks().entrySet()) {
            total += Networks.parameterCount(network.getValue());
            trained += Networks.trainableParameterCount(network.getValue());
        }
        LOG.info(
                "training {} on {} rows of width {}: {} parameters ({} trained) on {}; {}",
                objective.name(),
                data.rows(),
                data.width(),
                total,
                trained,
                Engine.getInstance().defaultDevice(),
                config);
        if (start > 0) {
            LOG.info("resumed from step {}", start);
        }
    }

    private Path checkpointFile() {
        return config.checkpointDirectory().resolve(Checkpoint.FILE_NAME);
    }

    private Path saveCheckpoint(long step, AdamOptimizer optimizer, ExponentialMovingAverage ema) {
        if (config.checkpointDirectory() == null) {
            return null;
        }
        Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>();
        parameters.forEach((name, p) -> tensors.put("param/" + name, tensor(p.getArray())));
        optimizer.firstMoments().forEach((name, m) -> tensors.put("adam.m/" + name, tensor(m)));
        optimizer.secondMoments().forEach((name, v) -> tensors.put("adam.v/" + name, tensor(v)));
        if (ema != null) {
            ema.averages().forEach((name, a) -> tensors.put("ema/" + name, tensor(a)));
        }
        Path file = checkpointFile();
        new Checkpoint(step, config.seed(), optimizer.steps(), objective.name(), tensors)
                .write(file);
        LOG.debug("checkpoint at step {} written to {}", step, file);
        return file;
    }

    private static Checkpoint.Tensor tensor(NDArray array) {
        return new Checkpoint.Tensor(array.getShape().getShape(), array.toFloatArray());
    }

    /** Loads the checkpoint if resuming and one exists; returns the step to start from. */
    private long restore(AdamOptimizer optimizer, ExponentialMovingAverage ema) {
        if (!config.resume() || !Files.exists(checkpointFile())) {
            return 0;
        }
        Checkpoint checkpoint = Checkpoint.read(checkpointFile());
        if (checkpoint.seed() != config.seed()) {
            LOG.warn(
                    "checkpoint seed {} differs from the configured seed {}; the resumed run will"
                            + " not repeat the original one",
                    checkpoint.seed(),
                    config.seed());
        }
        parameters.forEach((name, p) -> load(checkpoint, "param/" + name, p.getArray()));
        optimizer.firstMoments().forEach((name, m) -> load(checkpoint, "adam.m/" + name, m));
        optimizer.secondMoments().forEach((name, v) -> load(checkpoint, "adam.v/" + name, v));
        optimizer.restoreSteps(checkpoint.optimizerSteps());
        if (ema != null) {
            ema.averages().forEach((name, a) -> load(checkpoint, "ema/" + name, a));
        }
        return checkpoint.step();
    }

    private void load(Checkpoint checkpoint, String name, NDArray target) {
        Checkpoint.Tensor tensor = checkpoint.tensors().get(name);
        if (tensor == null || !new Shape(tensor.shape()).equals(target.getShape())) {
            throw new IllegalArgumentException(
                    "Checkpoint "
                            + checkpointFile()
                            + (tensor == null
                                    ? " has no tensor " + name
                                    : " stores "
                                            + name
                                            + " with shape "
                                            + new Shape(tensor.shape()))
                            + " but the network needs shape "
                            + target.getShape()
                            + "; resume with the configuration that wrote it, or start afresh in"
                            + " another directory");
        }
        target.set(tensor.values());
    }

    private Map<String, float[]> emaWeights(ExponentialMovingAverage ema) {
        if (ema == null) {
            return null;
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        ema.averages().forEach((name, a) -> weights.put(name, a.toFloatArray()));
        return weights;
    }

    /**
     * Copies weights named as in {@link TrainingResult#emaWeights()} ({@code role/name}) into the
     * objective's networks, for example to evaluate or export the EMA weights.
     */
    public static void loadWeights(TrainingObjective objective, Map<String, float[]> weights) {
        for (Map.Entry<String, IntrinsicModel> network : objective.networks().entrySet()) {
            for (Map.Entry<String, Parameter> parameter :
                    Networks.namedParameters(network.getValue()).entrySet()) {
                float[] values = weights.get(network.getKey() + "/" + parameter.getKey());
                if (values == null) {
                    throw new IllegalArgumentException(
                            "No weights for " + network.getKey() + "/" + parameter.getKey());
                }
                Networks.overwrite(parameter.getValue(), values);
            }
        }
    }
}
