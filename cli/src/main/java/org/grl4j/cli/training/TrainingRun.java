package org.grl4j.cli.training;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.grl4j.cli.io.OutputFiles;
import org.grl4j.cli.plot.Plots;
import org.grl4j.exporter.ExportReport;
import org.grl4j.models.card.Quantization;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.GenerativeConfig;
import org.grl4j.models.config.TrainingParameters;
import org.grl4j.trainer.eval.HeldOutLoss;
import org.grl4j.trainer.eval.PeriodicEvaluator;
import org.grl4j.trainer.train.LearningRateSchedule;
import org.grl4j.trainer.train.OptimizerConfig;
import org.grl4j.trainer.train.StepInfo;
import org.grl4j.trainer.train.Trainer;
import org.grl4j.trainer.train.TrainingConfig;
import org.grl4j.trainer.train.TrainingData;
import org.grl4j.trainer.train.TrainingListener;
import org.grl4j.trainer.train.TrainingResult;

/**
 * One training run of a configuration on some inputs, writing everything into one directory:
 *
 * <pre>
 *   checkpoint.grl4j   weights, Adam moments and step (the trainer's; resumable)
 *   run.json           configuration, normalization, condition width: what export needs
 *   loss.csv, loss.png the loss of every step of this run
 *   eval.csv           the evaluation loss every eval_freq steps (when eval_freq is set)
 *   model.onnx         the exported network with its model card (unless export is off)
 * </pre>
 *
 * <p>GenerativeRL's {@code parameter} keys map as: iterations to steps, batch_size, lr to Adam
 * (AdamW when weight_decay &gt; 0), clip_grad_norm, checkpoint_freq to the checkpoint interval,
 * seed. checkpoint_path is not used: checkpoints go to the run directory. The learning rate is
 * constant, as in GenerativeRL's tutorials. eval_freq evaluates the training objective every that
 * many steps on a fixed set of at most {@value #EVALUATION_ROWS} training rows, evenly spaced
 * through the data, with times and noise from a fixed seed, so that successive values differ only
 * through the weights (a smoother progress curve than the minibatch loss); the evaluation draws
 * from its own random stream and leaves the training run unchanged.
 */
public final class TrainingRun {

    /** The exported model's file name inside a run directory. */
    public static final String MODEL_FILE = "model.onnx";

    /**
     * How to run.
     *
     * @param directory where every file goes
     * @param iterations the number of steps, overriding the configuration's, or null
     * @param batchSize rows per step, overriding the configuration's, or null
     * @param seed the seed of weights, batches and noise, overriding the configuration's, or null
     * @param resume continue from the directory's checkpoint when there is one
     * @param progressBar draw the trainer's terminal progress bar
     * @param progress where to print a progress line every 5% of the steps, or null
     * @param export write model.onnx at the end
     * @param tangent export the tangent output too (exact likelihoods)
     * @param preset the preset's name, for the record, or null
     * @param cosineSchedule decay the learning rate along a cosine to 1% at the last step instead
     *     of keeping it constant (GenerativeRL's tutorials keep it constant)
     */
    public record Options(
            Path directory,
            Integer iterations,
            Integer batchSize,
            Long seed,
            boolean resume,
            boolean progressBar,
            PrintStream progress,
            boolean export,
            boolean tangent,
            String preset,
            boolean cosineSchedule) {}

    /**
     * What the run produced.
     *
     * @param record the run record written to run.json
     * @param model the exported file, or null when export was off
     * @param export the export report, or null
     * @param steps the step numbers of this run's losses
     * @param losses the loss of each of those steps
     * @param seconds the wall time of the training loop
     */
    public record Result(
            RunRecord record,
            Path model,
            ExportReport export,
            long[] steps,
            double[] losses,
            double seconds) {

        /** Steps per second of the training loop. */
        public double stepsPerSecond() {
            return steps.length / Math.max(seconds, 1e-9);
        }
    }

    /** The column of eval.csv: the objective on the evaluation rows. */
    public static final String EVALUATION_METRIC = "evaluation_loss";

    /** The most training rows the eval_freq evaluation uses. */
    public static final int EVALUATION_ROWS = 1024;

    /** The evaluation file's name inside a run directory. */
    public static final String EVALUATION_FILE = "eval.csv";

    /** Where the cosine schedule ends, as a fraction of the configured lr. */
    public static final double COSINE_FLOOR = 0.01;

    private TrainingRun() {}

    /** The configuration with the command line's overrides applied (iterations, batch, seed). */
    public static GenerativeConfig withOverrides(GenerativeConfig config, Options options) {
        TrainingParameters p = config.requireParameter();
        TrainingParameters overridden =
                new TrainingParameters(
                        p.trainingLossType(),
                        p.lr(),
                        options.iterations() != null ? options.iterations() : p.iterations(),
                        options.batchSize() != null ? options.batchSize() : p.batchSize(),
                        p.clipGradNorm(),
                        p.weightDecay(),
                        p.dataNum(),
                        p.evalFreq(),
                        p.checkpointFreq(),
                        p.checkpointPath(),
                        options.seed() != null ? options.seed() : p.seed(),
                        p.weightingScheme(),
                        p.videoSavePath(),
                        p.device());
        return new GenerativeConfig(
                config.device(), config.diffusionModel(), config.flowModel(), overridden);
    }

    /** Trains {@code config} (overrides already applied) on {@code inputs}. */
    public static Result run(GenerativeConfig config, TrainingInputs inputs, Options options) {
        TrainingParameters parameter = config.requireParameter();
        checkWidths(config, inputs);
        try (NDManager manager = NDManager.newBaseManager()) {
            ConfiguredModel model =
                    ConfiguredModel.create(
                            config, inputs.conditionSize(), manager, parameter.seed());
            LossRecorder recorder = new LossRecorder(parameter.iterations(), options.progress());
            Trainer trainer =
                    new Trainer(
                            model.objective(),
                            inputs.trainingData(),
                            trainingConfig(parameter, options));
            trainer.addListener(recorder);
            PeriodicEvaluator evaluator = evaluator(model, inputs, parameter);
            if (evaluator != null) {
                trainer.addListener(evaluator);
            }

            long start = System.nanoTime();
            TrainingResult result = trainer.train();
            double seconds = (System.nanoTime() - start) / 1e9;

            RunRecord record =
                    new RunRecord(
                            ConfigLoader.toJson(config),
                            inputs.conditionSize(),
                            inputs.normalization(),
                            inputs.description(),
                            options.preset(),
                            result.steps(),
                            result.lastLoss(),
                            seconds);
            record.write(options.directory());
            long[] steps = recorder.steps();
            double[] losses = recorder.losses();
            writeLosses(options.directory(), steps, losses);
            if (evaluator != null) {
                finalEvaluation(evaluator, result.steps());
                writeEvaluations(options.directory(), evaluator.history());
            }
            if (result.interrupted()) {
                throw new IllegalStateException(
                        "training stopped at step "
                                + result.steps()
                                + " of "
                                + parameter.iterations()
                                + "; continue it with --resume --out "
                                + options.directory());
            }
            if (!options.export()) {
                return new Result(record, null, null, steps, losses, seconds);
            }
            Path file = options.directory().resolve(MODEL_FILE);
            ExportReport report =
                    ModelExport.export(
                            model,
                            record,
                            parameter.seed(),
                            file,
                            options.tangent(),
                            true,
                            Quantization.NONE);
            return new Result(record, file, report, steps, losses, seconds);
        }
    }

    private static void checkWidths(GenerativeConfig config, TrainingInputs inputs) {
        if (config.xSize() != inputs.data().dimension()) {
            throw new IllegalArgumentException(
                    "the configuration's x_size is "
                            + config.xSize()
                            + " but the data ("
                            + inputs.description()
                            + ") has "
                            + inputs.data().dimension()
                            + " columns; set x_size (and the backbone's output_dim) to "
                            + inputs.data().dimension());
        }
    }

    private static TrainingConfig trainingConfig(TrainingParameters p, Options options) {
        OptimizerConfig optimizer =
                p.weightDecay() > 0
                        ? OptimizerConfig.adamW(p.lr(), p.weightDecay())
                        : OptimizerConfig.adam(p.lr());
        int logEvery = Math.max(1, p.iterations() / 20);
        return new TrainingConfig(
                p.iterations(),
                p.batchSize(),
                optimizer,
                options.cosineSchedule()
                        ? LearningRateSchedule.cosine(0, p.iterations(), COSINE_FLOOR)
                        : LearningRateSchedule.constant(),
                p.clipGradNorm() == null ? 0 : p.clipGradNorm(),
                0,
                p.seed(),
                logEvery,
                p.checkpointFreq() == null ? 0 : p.checkpointFreq(),
                options.directory(),
                options.resume(),
                options.progressBar());
    }

    /** The eval_freq evaluator, or null when eval_freq is not set. */
    private static PeriodicEvaluator evaluator(
            ConfiguredModel model, TrainingInputs inputs, TrainingParameters parameter) {
        if (parameter.evalFreq() == null) {
            return null;
        }
        TrainingData rows = evenlySpaced(inputs.trainingData(), EVALUATION_ROWS);
        // A stream of its own: the trainer's batches and noise come from the seed itself.
        long evaluationSeed = parameter.seed() + 1;
        HeldOutLoss loss = new HeldOutLoss(model.objective(), rows, rows.rows(), evaluationSeed);
        return new PeriodicEvaluator(parameter.evalFreq(), Map.of(EVALUATION_METRIC, loss));
    }

    /**
     * At most {@code max} rows of {@code data}, row i of the result being row floor(i n / max), so
     * that data sorted by class or time is covered end to end; source rows likewise.
     */
    static TrainingData evenlySpaced(TrainingData data, int max) {
        if (data.rows() <= max) {
            return data;
        }
        float[] condition =
                data.conditional()
                        ? pick(data.condition(), data.conditionWidth(), data.rows(), max)
                        : null;
        float[] source =
                data.source() == null
                        ? null
                        : pick(
                                data.source(),
                                data.width(),
                                data.source().length / data.width(),
                                Math.min(max, data.source().length / data.width()));
        return new TrainingData(
                pick(data.data(), data.width(), data.rows(), max),
                max,
                data.width(),
                condition,
                data.conditionWidth(),
                source);
    }

    private static float[] pick(float[] values, int width, int rows, int count) {
        float[] out = new float[count * width];
        for (int i = 0; i < count; i++) {
            int row = (int) ((long) i * rows / count);
            System.arraycopy(values, row * width, out, i * width, width);
        }
        return out;
    }

    /** Evaluates the last step too when eval_freq does not divide it. */
    private static void finalEvaluation(PeriodicEvaluator evaluator, long lastStep) {
        List<PeriodicEvaluator.Evaluation> history = evaluator.history();
        boolean done = !history.isEmpty() && history.get(history.size() - 1).step() == lastStep;
        if (!done && lastStep > 0) {
            evaluator.evaluate(lastStep);
        }
    }

    private static void writeEvaluations(
            Path directory, List<PeriodicEvaluator.Evaluation> history) {
        StringBuilder csv = new StringBuilder("step," + EVALUATION_METRIC + "\n");
        for (PeriodicEvaluator.Evaluation evaluation : history) {
            csv.append(evaluation.step())
                    .append(',')
                    .append(evaluation.values().get(EVALUATION_METRIC))
                    .append('\n');
        }
        OutputFiles.writeString(directory.resolve(EVALUATION_FILE), csv.toString());
    }

    private static void writeLosses(Path directory, long[] steps, double[] losses) {
        StringBuilder csv = new StringBuilder("step,loss\n");
        for (int i = 0; i < steps.length; i++) {
            csv.append(steps[i]).append(',').append(losses[i]).append('\n');
        }
        OutputFiles.writeString(directory.resolve("loss.csv"), csv.toString());
        if (steps.length > 1) {
            Plots.lossCurve(directory.resolve("loss.png"), steps, losses);
        }
    }

    /** Keeps every step's loss and prints a progress line every 5% of the run. */
    private static final class LossRecorder implements TrainingListener {

        private final long total;
        private final PrintStream progress;
        private final long every;
        private long[] steps = new long[1024];
        private double[] losses = new double[1024];
        private int count;
        private double windowLoss;
        private int windowSteps;

        LossRecorder(long total, PrintStream progress) {
            this.total = total;
            this.progress = progress;
            this.every = Math.max(1, total / 20);
        }

        @Override
        public void onStep(StepInfo info) {
            if (count == steps.length) {
                steps = Arrays.copyOf(steps, 2 * count);
                losses = Arrays.copyOf(losses, 2 * count);
            }
            steps[count] = info.step();
            losses[count] = info.loss();
            count++;
            windowLoss += info.loss();
            windowSteps++;
            if (progress != null && (info.step() % every == 0 || info.step() == total)) {
                progress.printf(
                        Locale.ROOT,
                        "  step %d/%d  loss %.4f  %.1f steps/s%n",
                        info.step(),
                        total,
                        windowLoss / windowSteps,
                        info.stepsPerSecond());
                windowLoss = 0;
                windowSteps = 0;
            }
        }

        long[] steps() {
            return Arrays.copyOf(steps, count);
        }

        double[] losses() {
            return Arrays.copyOf(losses, count);
        }
    }
}
