package org.grl4j.cli.fidelity;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Wasserstein;
import org.grl4j.models.path.BrownianBridgePath;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Samples;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.model.BridgeModel;
import org.grl4j.sampler.model.FlowModel;
import org.grl4j.sampler.model.GenerativeModel;
import org.grl4j.sampler.sde.RowNoise;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.Activation;
import org.grl4j.trainer.network.ConcatenateMlp;
import org.grl4j.trainer.network.DjlBatchNetwork;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.train.LearningRateSchedule;
import org.grl4j.trainer.train.OptimizerConfig;
import org.grl4j.trainer.train.Trainer;
import org.grl4j.trainer.train.TrainingConfig;
import org.grl4j.trainer.train.TrainingData;
import org.grl4j.trainer.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one method on one task with one seed and measures it (see {@link FidelityProtocol}).
 *
 * <p>Seeds: seed s draws the training targets from 1000 s + 1, the test targets from 1000 s + 2,
 * the training sources from 1000 s + 3 and the test sources from 1000 s + 4; the networks are
 * initialized from s (the SF2M score network from s + 1), the trainer's batches, times and noise
 * come from s, and the SDE noise from 1000 s + 5. A run is therefore a pure function of the
 * protocol and the seed. With an EMA decay set, the rows {@code otcfm-ema}, ... measure the
 * exponential moving average of the weights (a shadow copy; the training is unchanged). Every flow
 * and bridge training is also measured twice: at its last step (rows {@code otcfm}, {@code
 * sf2m-sde}, ...) and at the weights with the lowest validation loss (rows {@code otcfm-bestval},
 * ...), the weights the torchcfm runner tests ({@link ValidationSelection}; validation rows from
 * 1000 s + 8 and 1000 s + 9, validation draws from 1000 s + 10). {@link SeedOverrides} can take the
 * initialization, the training data, the trainer's stream or the test sets from another seed. The
 * W2 between the whole source and target test sets (exact, at the protocol's test size), needed for
 * the normalized path energy, is computed once per task and test seed and shared by the methods.
 *
 * <p>The Gaussian diffusion baselines ({@link DiffusionVariant}) train the same network with the
 * same optimizer, data draws and trainer seed on the target points alone (t = 0 data, t = 1 noise)
 * and are sampled from their prior, not from the test sources: {@code testPoints} draws x_T ~ N(0,
 * I) from the per-row streams of {@link RowNoise} seeded with 1000 s + 5 (the draws {@link
 * Sampler#sample} would make for its initial state with that seed), shared by the three solvers of
 * {@link DiffusionSolver} so that their rows differ only by the solver. They have no path energy.
 */
public final class FidelityExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(FidelityExperiment.class);

    /**
     * The suffix of the rows measured at the weights with the lowest validation loss ({@code
     * otcfm-bestval}), the weights the torchcfm runner reports; the plain rows measure the last
     * step.
     */
    public static final String SELECTED_SUFFIX = "-bestval";

    /** The suffix of the rows measured at the EMA of the weights ({@code otcfm-ema}). */
    public static final String EMA_SUFFIX = "-ema";

    /** The row a {@code -bestval} or {@code -ema} row measures other weights of. */
    static String baseRow(String row) {
        for (String suffix : List.of(SELECTED_SUFFIX, EMA_SUFFIX)) {
            if (row.endsWith(suffix)) {
                return row.substring(0, row.length() - suffix.length());
            }
        }
        return row;
    }

    /** Validation interval of the runner's {@code experiment/cfm.yaml}, in epochs. */
    static final int VALIDATION_EPOCHS = 10;

    /** Validation rows, as the runner's {@code [10000, 1000, 1000]} split. */
    static final int VALIDATION_POINTS = 1000;

    private final FidelityProtocol protocol;
    private final SeedOverrides overrides;
    private final IterateTrace trace;
    private final double emaDecay;
    private final List<IterateTrace.Point> traced = new ArrayList<>();
    private final Map<String, Double> sourceTargetW2 = new HashMap<>();

    public FidelityExperiment(FidelityProtocol protocol) {
        this(protocol, SeedOverrides.NONE, IterateTrace.NONE, 0);
    }

    /**
     * An experiment whose runs take some sources of randomness from other seeds and measure some
     * intermediate weights too.
     */
    public FidelityExperiment(
            FidelityProtocol protocol,
            SeedOverrides overrides,
            IterateTrace trace,
            double emaDecay) {
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException(
                    "--ema-decay must be in [0, 1) (0: no EMA rows), e.g. 0.999, got " + emaDecay);
        }
        this.protocol = protocol;
        this.overrides = overrides;
        this.trace = trace;
        this.emaDecay = emaDecay;
    }

    /** Every traced measurement so far (see {@link IterateTrace}), oldest first. */
    public List<IterateTrace.Point> traced() {
        return List.copyOf(traced);
    }

    public FidelityProtocol protocol() {
        return protocol;
    }

    /** The test sets of one task and seed. */
    record TestSets(PointSet source, PointSet target) {}

    TestSets testSets(FidelityTask task, long runSeed) {
        long seed = overrides.testSeed(runSeed);
        return new TestSets(
                task.source(protocol.testPoints(), 1000 * seed + 4),
                task.target(protocol.testPoints(), 1000 * seed + 2));
    }

    /** Trains {@code method} on {@code task} with {@code seed}; one measurement per method row. */
    public List<Measurement> run(FidelityTask task, FidelityMethod method, long seed) {
        method.requireApplicable(task);
        LOG.info("fidelity run: task {}, method {}, seed {}", task.id(), method.id(), seed);
        TestSets test = testSets(task, seed);
        double distance = sourceTargetDistance(task, seed, test);
        if (method.isDiffusion()) {
            return runDiffusion(task, method.diffusion(), seed, test, distance);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            long init = overrides.initSeed(seed);
            IntrinsicModel velocity = network(manager, init);
            IntrinsicModel score =
                    method == FidelityMethod.SF2M ? network(manager, init + 1) : null;
            ConditionalFlowMatchingLoss objective = objective(method, velocity, score);

            try (DjlBatchNetwork v = new DjlBatchNetwork(velocity, manager);
                    DjlBatchNetwork s =
                            score == null ? null : new DjlBatchNetwork(score, manager)) {
                long start = System.nanoTime();
                ValidationSelection selection =
                        validation(task, seed, validationObjective(method, task, objective));
                Trainer trainer =
                        new Trainer(objective, trainingData(task, seed), trainingConfig(seed))
                                .addListener(selection);
                if (trace.every() > 0) {
                    trainer.addListener(
                            info -> {
                                if (trace.traces(info.step())) {
                                    Training now =
                                            new Training(task, seed, info.loss(), 0, info.step());
                                    traceStep(now, method, v, s, test, distance, selection);
                                }
                            });
                }
                TrainingResult trained = trainer.train();
                double trainSeconds = seconds(start);
                LOG.info(
                        "fidelity validation: {} checks, lowest loss {} at step {}",
                        selection.checks().size(),
                        selection.best().loss(),
                        selection.best().step());

                List<Measurement> out = new ArrayList<>();
                Training last =
                        new Training(task, seed, trained.lastLoss(), trainSeconds, trained.steps());
                for (String row : method.rows()) {
                    out.add(measure(last, row, row, v, s, test, distance));
                }
                if (trained.emaWeights() != null) {
                    Trainer.loadWeights(objective, trained.emaWeights());
                    for (String row : method.rows()) {
                        out.add(measure(last, row, row + EMA_SUFFIX, v, s, test, distance));
                    }
                }
                Trainer.loadWeights(objective, selection.best().weights());
                Training selected =
                        new Training(
                                task,
                                seed,
                                trained.lastLoss(),
                                trainSeconds,
                                selection.best().step());
                for (String row : method.rows()) {
                    out.add(measure(selected, row, row + SELECTED_SUFFIX, v, s, test, distance));
                }
                return out;
            }
        }
    }

    /**
     * Samples the networks' current weights for method row {@code row} (which decides ODE or SDE)
     * and scores them as {@code rowId}.
     */
    private Measurement measure(
            Training training,
            String row,
            String rowId,
            DjlBatchNetwork velocity,
            DjlBatchNetwork score,
            TestSets test,
            double sourceTargetW2) {
        long seed = training.seed();
        boolean sde = row.endsWith("-sde");
        EnergyMeter meter = new EnergyMeter(velocity);
        GenerativeModel model =
                score == null
                        ? new FlowModel(meter)
                        : new BridgeModel(sde ? velocity : meter, score, protocol.bridgeSigma());
        Sampler sampler =
                sde
                        ? Sampler.builder(model)
                                .solver(Solvers.eulerMaruyama(protocol.eulerSteps()))
                                .build()
                        : Sampler.builder(model)
                                .solver(Solvers.euler(protocol.eulerSteps()))
                                .build();

        long start = System.nanoTime();
        Samples samples = sampler.sampleFrom(test.source().toArray(), null, 1000 * seed + 5);
        double sampleSeconds = seconds(start);

        double energy =
                sde ? Double.NaN : meter.pathEnergy(protocol.testPoints(), protocol.eulerSteps());
        return score(training, rowId, samples, sampleSeconds, test, sourceTargetW2, energy);
    }

    /** Measures the current weights for every row of {@code method} into the trace. */
    private void traceStep(
            Training now,
            FidelityMethod method,
            DjlBatchNetwork velocity,
            DjlBatchNetwork score,
            TestSets test,
            double sourceTargetW2,
            ValidationSelection selection) {
        double validationLoss =
                selection.checks().stream()
                        .filter(check -> check.step() == now.step())
                        .mapToDouble(ValidationSelection.Check::loss)
                        .findFirst()
                        .orElse(Double.NaN);
        for (String row : method.rows()) {
            Measurement m = measure(now, row, row, velocity, score, test, sourceTargetW2);
            traced.add(
                    new IterateTrace.Point(
                            now.task().id(),
                            row,
                            now.seed(),
                            now.step(),
                            m.w2(),
                            m.w2Small(),
                            validationLoss));
        }
    }

    /** What the rows of one training share, and the step whose weights they measure. */
    private record Training(
            FidelityTask task, long seed, double finalLoss, double trainSeconds, long step) {}

    /**
     * The runner's validation (see {@link ValidationSelection}): every {@value #VALIDATION_EPOCHS}
     * epochs of trainPoints / batchSize steps, on min({@value #VALIDATION_POINTS}, trainPoints)
     * rows drawn from 1000 d + 8 (targets) and 1000 d' + 9 (sources), d the data seed and d' the
     * source seed (d unless set), with the validation draws from 1000 t + 10, t the trainer seed.
     * On the tasks whose source is not N(0, I) the runner's {@code TwoDimDataModule} loads its
     * validation split with {@code drop_last}, so only whole batches of B rows are validated there:
     * the first floor(n / B) B rows of the draws (all n when n < B, where the runner would validate
     * nothing).
     */
    private ValidationSelection validation(
            FidelityTask task, long runSeed, TrainingObjective objective) {
        long seed = overrides.dataSeed(runSeed);
        int drawn = Math.min(VALIDATION_POINTS, protocol.trainPoints());
        int n = validationRows(task, drawn, protocol.batchSize());
        float[] target = task.target(drawn, 1000 * seed + 8).slice(0, n).toFloatArray();
        long sourceSeed = overrides.sourceSeed(runSeed);
        float[] source =
                task.gaussianSource()
                        ? null
                        : task.source(drawn, 1000 * sourceSeed + 9).slice(0, n).toFloatArray();
        long stepsPerEpoch = Math.max(1, protocol.trainPoints() / protocol.batchSize());
        return new ValidationSelection(
                objective,
                new TrainingData(target, n, 2, null, 0, source),
                protocol.batchSize(),
                VALIDATION_EPOCHS * stepsPerEpoch,
                protocol.steps(),
                1000 * overrides.trainerSeed(runSeed) + 10);
    }

    /**
     * The validation rows the runner's loader yields from {@code n} drawn rows in batches of {@code
     * batch}: see {@link #validation}.
     */
    static int validationRows(FidelityTask task, int n, int batch) {
        return task.gaussianSource() || n < batch ? n : n / batch * batch;
    }

    /**
     * The objective whose loss the runner validates. Its {@code CFMLitModule} pairs the batches of
     * a two-marginal data module ({@code TwoDimDataModule}, the tasks whose source is not N(0, I))
     * through the plan only while training: {@code preprocess_batch} skips the plan when {@code
     * training} is false, and {@code step} pairs only data modules that are not trajectories. So
     * OT-CFM's validation loss on those tasks pairs source and target rows independently. With an
     * N(0, I) source it pairs them as training does, and so does SF2M everywhere ({@code
     * SF2MLitModule.step} pairs in validation too).
     */
    static ConditionalFlowMatchingLoss validationObjective(
            FidelityMethod method, FidelityTask task, ConditionalFlowMatchingLoss objective) {
        if (method == FidelityMethod.OTCFM && !task.gaussianSource()) {
            return objective.withCoupling(ConditionalFlowMatchingLoss.Coupling.INDEPENDENT);
        }
        return objective;
    }

    /**
     * Trains one diffusion baseline and samples it from the prior with each {@link
     * DiffusionSolver}; one measurement per solver.
     */
    private List<Measurement> runDiffusion(
            FidelityTask task,
            DiffusionVariant variant,
            long seed,
            TestSets test,
            double sourceTargetW2) {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntrinsicModel network = network(manager, overrides.initSeed(seed));
            long start = System.nanoTime();
            TrainingResult trained =
                    new Trainer(
                                    variant.loss(network),
                                    trainingData(task, seed),
                                    trainingConfig(seed))
                            .train();
            Training training =
                    new Training(task, seed, trained.lastLoss(), seconds(start), trained.steps());

            double[] prior = priorDraws(protocol.testPoints(), seed);
            try (DjlBatchNetwork h = new DjlBatchNetwork(network, manager)) {
                List<Measurement> out = new ArrayList<>();
                for (DiffusionSolver solver : DiffusionSolver.values()) {
                    DiffusionSolver.Solve solve =
                            solver.sample(
                                    variant.path(),
                                    variant.parameterization(),
                                    h,
                                    prior,
                                    protocol.eulerSteps());
                    double sampleSeconds = solve.samples().wallNanos() / 1e9;
                    out.add(
                            score(
                                    training,
                                    variant.row(solver),
                                    solve.samples(),
                                    sampleSeconds,
                                    test,
                                    sourceTargetW2,
                                    Double.NaN));
                }
                return out;
            }
        }
    }

    /** The prior draws x_T ~ N(0, I) of seed s: {@link RowNoise} streams of 1000 s + 5. */
    static double[] priorDraws(int rows, long seed) {
        return new RowNoise(1000 * seed + 5, rows).next(2);
    }

    /**
     * Exact W2 of {@code samples} against the test targets at both sizes, and the measurement of
     * one row; a path energy of NaN (SDE and diffusion rows) has no normalized value either.
     */
    private Measurement score(
            Training training,
            String row,
            Samples samples,
            double sampleSeconds,
            TestSets test,
            double sourceTargetW2,
            double energy) {
        PointSet generated = PointSet.of(samples.rows(), 2, samples.x());
        long start = System.nanoTime();
        double w2 = Wasserstein.distance(generated, test.target());
        double w2Seconds = seconds(start);
        int small = protocol.smallTestPoints();
        double w2Small =
                Wasserstein.distance(generated.slice(0, small), test.target().slice(0, small));
        Measurement measurement =
                new Measurement(
                        training.task().id(),
                        row,
                        training.seed(),
                        w2,
                        w2Small,
                        energy,
                        sourceTargetW2,
                        Double.isNaN(energy)
                                ? Double.NaN
                                : Measurement.normalize(energy, sourceTargetW2),
                        training.finalLoss(),
                        training.trainSeconds(),
                        sampleSeconds,
                        w2Seconds,
                        training.step());
        LOG.info("fidelity result: {}", measurement);
        return measurement;
    }

    /**
     * The W2 floor of a task: exact W2 between the test targets and {@code testPoints} target
     * points drawn independently, at the large and the small size. A perfect model cannot be
     * expected to do better. The independent points are a random subset of a draw ten times larger:
     * scikit-learn's moons put their points at evenly spaced angles, so two draws of equal size
     * share one angle grid and sit closer to each other than independent samples would.
     */
    public FidelityReport.Floor floor(FidelityTask task, long runSeed) {
        PointSet test = testSets(task, runSeed).target();
        long seed = overrides.testSeed(runSeed);
        int n = protocol.testPoints();
        PointSet pool = task.target(10 * n, 1000 * seed + 6);
        PointSet other = pool.select(randomSubset(10 * n, n, 1000 * seed + 7));
        int small = protocol.smallTestPoints();
        return new FidelityReport.Floor(
                Wasserstein.distance(test, other),
                Wasserstein.distance(test.slice(0, small), other.slice(0, small)),
                runSeed);
    }

    /**
     * The training gap of a run with seed {@code seed}: exact W2 between its training targets
     * (drawn from 1000 d + 1, d its data seed) and its test targets (1000 e + 2, e its test seed;
     * both are s unless overridden), on the first min(trainPoints, testPoints) rows of each. It is
     * how far the finite sample a network learns from lies from the sample it is measured against;
     * a network that learned its training targets closely inherits that distance, so runs whose gap
     * is larger tend to score a larger W2.
     */
    public double trainingGap(FidelityTask task, long seed) {
        int n = Math.min(protocol.trainPoints(), protocol.testPoints());
        PointSet training =
                task.target(protocol.trainPoints(), 1000 * overrides.dataSeed(seed) + 1);
        PointSet test = testSets(task, seed).target();
        return Wasserstein.distance(training.slice(0, n), test.slice(0, n));
    }

    /** {@code k} distinct indices of [0, n) in random order (partial Fisher-Yates). */
    static int[] randomSubset(int n, int k, long seed) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return Arrays.copyOf(indices, k);
    }

    /**
     * The exact W2 between the whole source and target test sets of {@code task} and {@code seed},
     * the denominator of the normalized path energy; computed once per task and seed.
     */
    public double sourceTargetW2(FidelityTask task, long seed) {
        return sourceTargetDistance(task, seed, testSets(task, seed));
    }

    private double sourceTargetDistance(FidelityTask task, long seed, TestSets test) {
        return sourceTargetW2.computeIfAbsent(
                task.id() + "/" + overrides.testSeed(seed),
                key -> Wasserstein.distance(test.source(), test.target()));
    }

    private ConditionalFlowMatchingLoss objective(
            FidelityMethod method, IntrinsicModel velocity, IntrinsicModel score) {
        return switch (method) {
            case ICFM ->
                    ConditionalFlowMatchingLoss.independent(
                            velocity, new ConstantNoisePath(protocol.sigma()));
            case OTCFM ->
                    ConditionalFlowMatchingLoss.optimalTransport(
                                    velocity, new ConstantNoisePath(protocol.sigma()))
                            .withCoupling(protocol.coupling());
            case SF2M ->
                    ConditionalFlowMatchingLoss.schrodingerBridge(
                                    velocity, score, new BrownianBridgePath(protocol.bridgeSigma()))
                            .withCoupling(protocol.coupling());
            default ->
                    throw new IllegalStateException(
                            method.id() + " is a diffusion method, trained by runDiffusion");
        };
    }

    /** The protocol's network on [t, x]: hidden widths with SELU, output width 2. */
    private IntrinsicModel network(NDManager manager, long seed) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(3);
        sizes.addAll(protocol.hiddenWidths());
        IntrinsicModel model =
                new IntrinsicModel(
                        2,
                        0,
                        null,
                        null,
                        new ConcatenateMlp(new MultiLayerPerceptron(sizes, 2, Activation.SELU)));
        Networks.initialize(model, manager, seed, model.inputShapes(1));
        return model;
    }

    /** The training draws of a run with seed {@code runSeed} (or its data and source overrides). */
    private TrainingData trainingData(FidelityTask task, long runSeed) {
        long seed = overrides.dataSeed(runSeed);
        long sourceSeed = overrides.sourceSeed(runSeed);
        int n = protocol.trainPoints();
        float[] target = task.target(n, 1000 * seed + 1).toFloatArray();
        float[] source =
                task.gaussianSource() ? null : task.source(n, 1000 * sourceSeed + 3).toFloatArray();
        return new TrainingData(target, n, 2, null, 0, source);
    }

    /** The trainer settings of a run with seed {@code runSeed} (or its trainer override). */
    private TrainingConfig trainingConfig(long runSeed) {
        long seed = overrides.trainerSeed(runSeed);
        return new TrainingConfig(
                protocol.steps(),
                protocol.batchSize(),
                OptimizerConfig.adamW(protocol.learningRate(), protocol.weightDecay()),
                LearningRateSchedule.constant(),
                0,
                emaDecay,
                seed,
                (int) Math.max(1, Math.min(2000, protocol.steps())),
                0,
                null,
                false,
                false);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
