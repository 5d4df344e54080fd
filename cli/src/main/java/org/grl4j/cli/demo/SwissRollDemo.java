package org.grl4j.cli.demo;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.grl4j.cli.io.JsonOutput;
import org.grl4j.cli.io.OutputFiles;
import org.grl4j.cli.plot.Plots;
import org.grl4j.cli.sampling.SolverName;
import org.grl4j.cli.sampling.SolverOptions;
import org.grl4j.cli.training.ConfiguredModel;
import org.grl4j.cli.training.TrainingInputs;
import org.grl4j.cli.training.TrainingRun;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.config.ConfigFormat;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.GenerativeConfig;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointFiles;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Moments;
import org.grl4j.models.metrics.Wasserstein;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Samples;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.onnx.OnnxNetworkOptions;
import org.grl4j.sampler.sde.RowNoise;
import org.grl4j.trainer.network.DjlBatchNetwork;

/**
 * The demo: GenerativeRL's swiss-roll diffusion model, small enough to train in minutes on a CPU,
 * taken from configuration through training, export, two samplers and pictures.
 *
 * <ol>
 *   <li>train on 10 000 swiss-roll points (data seed = the run's seed), held out: another {@code
 *       evalPoints} points from another seed;
 *   <li>export model.onnx (parity checked) and load it back as a service would;
 *   <li>sample it with Euler and with DPM-Solver++, and sample an untrained network of the same
 *       shape (its initial weights) with Euler;
 *   <li>exact W2 of each sample set to the held-out points, in data space, and of a Gaussian with
 *       the training data's mean and covariance (the best model without structure);
 *   <li>samples.png, loss.png, trajectory.png (snapshots of the Euler trajectory), trajectory.gif,
 *       metrics.json and a summary.
 * </ol>
 */
public final class SwissRollDemo {

    /** The demo configuration, on the class path. */
    public static final String CONFIG_RESOURCE = "demo/swiss_roll_diffusion_demo.yaml";

    /** Euler steps of the trajectory (one frame every two steps). */
    private static final int TRAJECTORY_STEPS = 40;

    private static final int TRAJECTORY_POINTS = 1000;

    /** Snapshot times of trajectory.png, as frame indices out of TRAJECTORY_STEPS / 2. */
    private static final int[] SNAPSHOT_FRAMES = {0, 4, 8, 12, 16, 18, 20};

    /**
     * The demo's settings.
     *
     * @param directory where every output goes
     * @param iterations training steps, or null for the configuration's
     * @param evalPoints held-out points and samples per solver
     * @param eulerSteps Euler steps (NFE)
     * @param dpmSteps DPM-Solver++ steps (NFE)
     * @param seed seed of data, weights, batches and sampling noise
     * @param threads ONNX Runtime intra-op threads for sampling
     * @param progress where progress lines go, or null
     * @param progressBar draw the trainer's terminal progress bar
     */
    public record Settings(
            Path directory,
            Integer iterations,
            int evalPoints,
            int eulerSteps,
            int dpmSteps,
            long seed,
            int threads,
            PrintStream progress,
            boolean progressBar) {}

    /** The numbers the demo reports. */
    public record Outcome(
            TrainingRun.Result training,
            SolverResult euler,
            SolverResult dpm,
            SolverResult untrained,
            SolverResult gaussian,
            double totalSeconds,
            List<Path> files) {}

    /** One sample set's score. */
    public record SolverResult(String solver, int nfe, double w2, double seconds) {}

    private SwissRollDemo() {}

    /** The demo configuration as YAML text. */
    public static String configText() {
        try (InputStream in =
                SwissRollDemo.class.getClassLoader().getResourceAsStream(CONFIG_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONFIG_RESOURCE, e);
        }
    }

    /** Runs the demo and writes its files. */
    public static Outcome run(Settings settings) {
        long start = System.nanoTime();
        Path out = settings.directory();
        OutputFiles.writeString(out.resolve("config.yaml"), configText());
        GenerativeConfig config =
                ConfigLoader.read(configText(), ConfigFormat.YAML, GenerativeConfig.class);
        TrainingRun.Options options =
                new TrainingRun.Options(
                        out,
                        settings.iterations(),
                        null,
                        settings.seed(),
                        false,
                        settings.progressBar(),
                        settings.progress(),
                        true,
                        false,
                        null,
                        true);
        config = TrainingRun.withOverrides(config, options);
        int dataNum = config.requireParameter().dataNum();
        PointSet train = Datasets.swissRoll(dataNum, settings.seed());
        PointSet heldOut = Datasets.swissRoll(settings.evalPoints(), settings.seed() + 1);
        PointFiles.write(out.resolve("held_out.csv"), heldOut);
        TrainingInputs inputs =
                TrainingInputs.of(
                        train,
                        null,
                        true,
                        "swiss_roll (" + dataNum + " points, seed " + settings.seed() + ")");

        say(
                settings,
                "training the swiss-roll diffusion model (%d steps)...",
                config.requireParameter().iterations());
        TrainingRun.Result training = TrainingRun.run(config, inputs, options);

        say(settings, "sampling the exported model...");
        List<Path> files = new ArrayList<>();
        SolverResult euler;
        SolverResult dpm;
        try (OnnxModel model =
                OnnxModel.load(
                        training.model(),
                        OnnxNetworkOptions.cpu().withIntraOpThreads(settings.threads()))) {
            Samples eulerSamples =
                    SolverOptions.of(SolverName.EULER, settings.eulerSteps())
                            .sample(model, settings.evalPoints(), null, 1, settings.seed());
            Samples dpmSamples =
                    SolverOptions.of(SolverName.DPM_SOLVER_PLUS_PLUS, settings.dpmSteps())
                            .sample(model, settings.evalPoints(), null, 1, settings.seed());
            euler = score("euler", eulerSamples, heldOut);
            dpm = score("dpm-solver++", dpmSamples, heldOut);
            Plots.Bounds bounds = Plots.Bounds.around(List.of(heldOut));
            Path samplesPng = out.resolve("samples.png");
            Plots.scatterRow(
                    samplesPng,
                    List.of(
                            new Plots.Panel("held-out data", heldOut, true),
                            new Plots.Panel(
                                    String.format(
                                            Locale.ROOT,
                                            "Euler, %d NFE, W2 %.3f",
                                            euler.nfe(),
                                            euler.w2()),
                                    points(eulerSamples),
                                    false),
                            new Plots.Panel(
                                    String.format(
                                            Locale.ROOT,
                                            "DPM-Solver++, %d NFE, W2 %.3f",
                                            dpm.nfe(),
                                            dpm.w2()),
                                    points(dpmSamples),
                                    false)),
                    bounds);
            files.add(samplesPng);
            files.addAll(trajectory(model, out, settings.seed()));
        }

        say(settings, "sampling an untrained network of the same shape...");
        SolverResult untrained = untrained(config, training, heldOut, settings);
        SolverResult gaussian = gaussianFit(train, heldOut, settings.seed());
        double total = (System.nanoTime() - start) / 1e9;

        files.add(out.resolve("loss.png"));
        files.add(training.model());
        files.add(out.resolve("metrics.json"));
        JsonOutput.write(
                out.resolve("metrics.json"),
                metrics(config, training, euler, dpm, untrained, gaussian, total, settings));
        return new Outcome(training, euler, dpm, untrained, gaussian, total, files);
    }

    private static SolverResult score(String solver, Samples samples, PointSet heldOut) {
        return new SolverResult(
                solver,
                samples.evaluations(),
                Wasserstein.distance(points(samples), heldOut),
                samples.wallNanos() / 1e9);
    }

    private static PointSet points(Samples samples) {
        return PointSet.of(samples.rows(), samples.xSize(), samples.x());
    }

    /** The Euler trajectory of TRAJECTORY_POINTS points: a snapshot grid and an animation. */
    private static List<Path> trajectory(OnnxModel model, Path out, long seed) {
        int frames = TRAJECTORY_STEPS / 2;
        double start = model.model().startTime();
        double end = model.model().endTime(false);
        double[] x = new RowNoise(seed, TRAJECTORY_POINTS).next(model.card().xSize());
        List<PointSet> states = new ArrayList<>();
        states.add(dataSpace(model, x));
        for (int k = 0; k < frames; k++) {
            double from = start + (end - start) * k / frames;
            double to = start + (end - start) * (k + 1) / frames;
            x =
                    Sampler.builder(model.model())
                            .solver(Solvers.euler(2))
                            .timeSpan(from, to)
                            .build()
                            .sampleFrom(x, null, seed)
                            .x();
            states.add(dataSpace(model, x));
        }
        Plots.Bounds bounds = Plots.Bounds.around(List.of(states.get(frames))).scaled(1.6);
        List<Plots.Panel> snapshots = new ArrayList<>();
        for (int frame : SNAPSHOT_FRAMES) {
            double t = start + (end - start) * frame / frames;
            snapshots.add(
                    new Plots.Panel(
                            String.format(Locale.ROOT, "t = %.2f", t), states.get(frame), false));
        }
        Path grid = out.resolve("trajectory.png");
        Plots.scatterRow(grid, snapshots, bounds);
        List<BufferedImage> images = new ArrayList<>();
        for (int k = 0; k <= frames; k++) {
            double t = start + (end - start) * k / frames;
            images.add(
                    Plots.scatterImage(
                            new Plots.Panel(
                                    String.format(Locale.ROOT, "Euler sampling, t = %.2f", t),
                                    states.get(k),
                                    false),
                            bounds));
        }
        for (int hold = 0; hold < 10; hold++) {
            images.add(images.get(frames));
        }
        Path gif = out.resolve("trajectory.gif");
        Plots.gif(gif, images, 150);
        return List.of(grid, gif);
    }

    private static PointSet dataSpace(OnnxModel model, double[] x) {
        double[] copy = x.clone();
        model.card().normalization().denormalizeInPlace(copy);
        return PointSet.of(copy.length / model.card().xSize(), model.card().xSize(), copy);
    }

    /** The same network shape with its initial weights (seed as trained), sampled with Euler. */
    private static SolverResult untrained(
            GenerativeConfig config,
            TrainingRun.Result training,
            PointSet heldOut,
            Settings settings) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConfiguredModel fresh =
                    ConfiguredModel.create(config, 0, manager, config.requireParameter().seed());
            ModelCard card = fresh.card(training.record().normalization(), "{}");
            try (DjlBatchNetwork network = new DjlBatchNetwork(fresh.exportedNetwork(), manager)) {
                Samples samples =
                        Sampler.builder(OnnxModel.modelFor(card, network))
                                .solver(Solvers.euler(settings.eulerSteps()))
                                .build()
                                .sample(settings.evalPoints(), settings.seed());
                double[] x = samples.x().clone();
                card.normalization().denormalizeInPlace(x);
                Samples data =
                        new Samples(
                                x,
                                samples.rows(),
                                samples.xSize(),
                                samples.evaluations(),
                                samples.wallNanos());
                return score("euler (untrained)", data, heldOut);
            }
        }
    }

    /**
     * The best a model without structure can do: points drawn from N(mean, covariance) of the
     * training data. A model that beats it has learned more than two moments.
     */
    private static SolverResult gaussianFit(PointSet train, PointSet heldOut, long seed) {
        double[] mean = Moments.mean(train);
        double[][] lower =
                new CholeskyDecomposition(new Array2DRowRealMatrix(Moments.covariance(train)))
                        .getL()
                        .getData();
        int d = mean.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[heldOut.size() * d];
        double[] z = new double[d];
        for (int i = 0; i < heldOut.size(); i++) {
            for (int j = 0; j < d; j++) {
                z[j] = random.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                double value = mean[j];
                for (int k = 0; k <= j; k++) {
                    value += lower[j][k] * z[k];
                }
                values[i * d + j] = value;
            }
        }
        PointSet drawn = PointSet.of(heldOut.size(), d, values);
        return new SolverResult("gaussian fit", 0, Wasserstein.distance(drawn, heldOut), 0);
    }

    private static ObjectNode metrics(
            GenerativeConfig config,
            TrainingRun.Result training,
            SolverResult euler,
            SolverResult dpm,
            SolverResult untrained,
            SolverResult gaussian,
            double total,
            Settings settings) {
        ObjectNode root = JsonOutput.object();
        ObjectNode train = root.putObject("training");
        train.put("iterations", training.record().steps());
        train.put("batch_size", config.requireParameter().batchSize());
        train.put("final_loss", training.record().finalLoss());
        train.put("seconds", training.seconds());
        train.put("steps_per_second", training.stepsPerSecond());
        train.put("data", training.record().data());
        root.put("held_out_points", settings.evalPoints());
        root.put("w2", "exact 2-Wasserstein distance to the held-out points, data space");
        ObjectNode trained = root.putObject("trained");
        trained.set("euler", json(euler));
        trained.set("dpm_solver_plus_plus", json(dpm));
        root.putObject("untrained").set("euler", json(untrained));
        root.set("gaussian_fit", json(gaussian));
        root.put("w2_ratio_untrained_over_trained_euler", untrained.w2() / euler.w2());
        root.put("w2_ratio_gaussian_fit_over_trained_euler", gaussian.w2() / euler.w2());
        root.put("total_seconds", total);
        root.put("seed", settings.seed());
        return root;
    }

    private static ObjectNode json(SolverResult result) {
        ObjectNode node = JsonOutput.object();
        node.put("solver", result.solver());
        node.put("nfe", result.nfe());
        node.put("w2", result.w2());
        node.put("sampling_seconds", result.seconds());
        return node;
    }

    private static void say(Settings settings, String format, Object... args) {
        if (settings.progress() != null) {
            settings.progress().printf(Locale.ROOT, format + "%n", args);
        }
    }
}
