package org.grl4j.cli.fidelity;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.grl4j.cli.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grl4j fidelity}: trains I-CFM, OT-CFM and SF2M on the 2-D tasks of Tong et al. (2024), and
 * on request the Gaussian diffusion baselines (three paths, score and flow matching) on the tasks
 * with an N(0, I) source, measures exact W2 and the normalized path energy over several seeds,
 * writes results.json, runs.csv and summary.csv, and prints the table beside the published numbers.
 * Runs go task by task, seed by seed, method by method; the files are rewritten after each one.
 */
@Command(
        name = "fidelity",
        mixinStandardHelpOptions = true,
        description = {
            "Reproduce the published 2-D flow and bridge results (Tong et al. 2024, Table 2):"
                    + " train, sample with Euler, measure exact W2 against a test set.",
            "Each flow and bridge training is measured at its last step (rows otcfm, sf2m-sde,"
                    + " ...) and at the weights with the lowest validation loss, checked every 10"
                    + " epochs on 1000 validation points (rows otcfm-bestval, ...): the weights"
                    + " the paper's runner tests.",
            "With --methods diffusion, also train the Gaussian diffusion baselines (linear_vp_sde,"
                    + " gvp and linear paths; score matching with a noise network, flow matching"
                    + " with a velocity network) on N -> moons and N -> scurve and sample each"
                    + " from N(0, I) with Euler and with DPM-Solver++ at 10 and 20 evaluations;"
                    + " the paper has no numbers for these rows."
        })
public final class FidelityCommand implements Callable<Integer> {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--preset",
            defaultValue = "paper",
            description = "paper (full protocol), quick, or a JSON file. Default: ${DEFAULT-VALUE}")
    private String preset;

    @Option(
            names = "--tasks",
            split = ",",
            description =
                    "Tasks: gaussian-8gaussians, moons-8gaussians, 8gaussians-moons,"
                            + " gaussian-moons, gaussian-scurve; every method runs on each, and"
                            + " diffusion methods need an N(0, I) source (gaussian-*). Default:"
                            + " gaussian-8gaussians, moons-8gaussians, gaussian-moons and"
                            + " gaussian-scurve for icfm, otcfm and sf2m; gaussian-moons and"
                            + " gaussian-scurve for the diffusion methods.")
    private List<String> tasks;

    @Option(
            names = "--methods",
            split = ",",
            defaultValue = "otcfm,icfm,sf2m",
            description =
                    "Methods: icfm, otcfm, sf2m (ODE and SDE rows); the diffusion methods"
                            + " vpsde-score, vpsde-flow, gvp-score, gvp-flow, linear-score,"
                            + " linear-flow (rows <method>-euler, -dpm10, -dpm20), diffusion"
                            + " for all six, or all for every method (the whole table, each"
                            + " method on its default tasks). Default: ${DEFAULT-VALUE}")
    private List<String> methods;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "1,2,3,4,5",
            description = "Seeds. Default: ${DEFAULT-VALUE}")
    private List<Long> seeds;

    @Option(names = "--steps", description = "Override the preset's training steps.")
    private Long steps;

    @Option(
            names = "--ot-pairs",
            paramLabel = "<pairs>",
            description =
                    "How OT-CFM and SF2M pair each minibatch: permutation (the exact plan's"
                            + " permutation) or sampled (B pairs drawn from the plan with"
                            + " replacement, as the paper's runner does). Default: the preset's,"
                            + " permutation in paper and quick")
    private String otPairs;

    @Option(names = "--train-points", description = "Override the training rows per distribution.")
    private Integer trainPoints;

    @Option(names = "--test-points", description = "Override the test rows and samples.")
    private Integer testPoints;

    @Option(
            names = "--no-floor",
            description =
                    "Skip each task's W2 floor (two independent target draws at the first seed)"
                            + " and training gaps (training against test targets, every seed),"
                            + " which are measured by default.")
    private boolean noFloor;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description =
                    "libtorch threads, unless ai.djl.pytorch.num_threads is set. One is fastest on"
                            + " small shared machines: idle OpenMP workers spinning on busy cores"
                            + " slowed a training step 30-fold. Default: ${DEFAULT-VALUE}")
    private int threads;

    @Option(
            names = "--init-seed",
            description =
                    "Initialize the networks from this seed instead of each run's seed (test sets"
                            + " and data draws unchanged); for experiments on the seed spread.")
    private Long initSeed;

    @Option(
            names = "--data-seed",
            description =
                    "Draw the training data from this seed instead of each run's seed (test sets"
                            + " unchanged).")
    private Long dataSeed;

    @Option(
            names = "--trainer-seed",
            description =
                    "Drive the trainer's batches, times and noise from this seed instead of each"
                            + " run's seed.")
    private Long trainerSeed;

    @Option(
            names = "--test-seed",
            description =
                    "Draw the test sets (and the floor's points) from this seed instead of each"
                            + " run's seed. With --data-seed set to the same value, every seed"
                            + " trains and is measured on one draw of the data, as in the torchcfm"
                            + " runner's scikit-learn tasks.")
    private Long testSeed;

    @Option(
            names = "--source-seed",
            description =
                    "Draw the training (and validation) sources from this seed instead of the"
                            + " data seed, on tasks whose source is not N(0, I); the targets keep"
                            + " the data seed.")
    private Long sourceSeed;

    @Option(
            names = "--ema-decay",
            defaultValue = "0",
            description =
                    "Also keep an exponential moving average of the weights with this decay"
                            + " (e.g. 0.999) and measure it as rows otcfm-ema, ...; the training"
                            + " itself is unchanged. Default: ${DEFAULT-VALUE} (no EMA rows)")
    private double emaDecay;

    @Option(
            names = "--trace-every",
            defaultValue = "0",
            description =
                    "Also measure W2 at every this many steps of each flow and bridge training"
                            + " (from --trace-from on) and write trace.csv, for experiments on"
                            + " how W2 moves between iterates. Each traced step costs about one"
                            + " result row. Default: ${DEFAULT-VALUE} (no trace)")
    private long traceEvery;

    @Option(
            names = "--trace-from",
            defaultValue = "0",
            description = "The first step --trace-every measures. Default: ${DEFAULT-VALUE}")
    private long traceFrom;

    @Option(
            names = "--merge",
            split = ",",
            description =
                    "Train nothing: combine the results.json files of these earlier --out"
                            + " directories into --out and print the table; with --methods,"
                            + " --tasks or --seeds given, keep only those methods' rows, those"
                            + " tasks or those seeds.")
    private List<Path> merge;

    @Option(
            names = "--recompute-npe",
            description =
                    "With --merge: recompute W2(source, target) exactly on the whole test sets of"
                            + " every task and seed, and the normalized path energy from it (for"
                            + " runs that measured it on the first smallTestPoints only).")
    private boolean recomputeNpe;

    @Option(
            names = "--floor-only",
            description =
                    "Measure only the tasks' W2 floors (at the first seed) and training gaps (at"
                            + " every seed); train nothing.")
    private boolean floorOnly;

    @Option(
            names = "--out",
            defaultValue = "fidelity-results",
            description = "Output directory. Default: ${DEFAULT-VALUE}")
    private Path out;

    /** Memoizes W2(source, target) per task and seed for --recompute-npe. */
    private FidelityExperiment exactDistances;

    @Override
    public Integer call() throws IOException {
        if (merge != null && !merge.isEmpty()) {
            return merge();
        }
        if (recomputeNpe) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--recompute-npe applies to stored results; use it with --merge DIR[,DIR...]");
        }
        configureLibtorch();
        FidelityProtocol protocol = protocol();
        Map<FidelityTask, List<FidelityMethod>> plan = plan();

        long start = System.nanoTime();
        FidelityReport report = new FidelityReport(out, header(protocol, plan));
        FidelityExperiment experiment = experiment(protocol);
        for (Map.Entry<FidelityTask, List<FidelityMethod>> entry : plan.entrySet()) {
            FidelityTask task = entry.getKey();
            if (!noFloor || floorOnly) {
                report.addFloor(task, experiment.floor(task, seeds.get(0)));
                for (long seed : seeds) {
                    report.addTrainingGap(task, seed, experiment.trainingGap(task, seed));
                }
            }
            for (long seed : floorOnly ? List.<Long>of() : seeds) {
                for (FidelityMethod method : entry.getValue()) {
                    report.add(experiment.run(task, method, seed));
                    if (!experiment.traced().isEmpty()) {
                        report.setTrace(experiment.traced());
                    }
                    report.put("wallSeconds", (System.nanoTime() - start) / 1e9);
                }
            }
        }
        report.put("finished", Instant.now().toString());
        print(report, protocol);
        return 0;
    }

    /**
     * The methods to run on each task; an unknown name, or a method that does not fit a named task,
     * is a usage error.
     */
    private Map<FidelityTask, List<FidelityMethod>> plan() {
        try {
            List<FidelityMethod> methodList = FidelityMethod.byIds(methods);
            List<FidelityTask> named =
                    tasks == null ? null : tasks.stream().map(FidelityTask::byId).toList();
            return FidelityMethod.plan(methodList, named);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Combines earlier results; the protocol of the first directory heads the new file. */
    private Integer merge() {
        List<FidelityReport.Stored> stored = merge.stream().map(FidelityReport::read).toList();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("reference", "Tong et al. 2024, AISTATS, arXiv 2307.03672, Table 2");
        header.put("command", commandLine());
        header.put("mergedFrom", merge.stream().map(Path::toString).toList());
        header.put("protocol", stored.get(0).protocol());
        header.put("hardware", hardware());
        if (!stored.get(0).seedOverrides().isEmpty()) {
            header.put("seedOverrides", stored.get(0).seedOverrides());
        }
        FidelityReport report = new FidelityReport(out, header);
        for (FidelityReport.Stored s : stored) {
            if (!s.protocol().equals(stored.get(0).protocol())) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--merge combines runs of one protocol, but "
                                + merge
                                + " hold different ones; merge each protocol separately");
            }
            if (!s.seedOverrides().equals(stored.get(0).seedOverrides())) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--merge combines runs with the same seed overrides (--init-seed,"
                                + " --data-seed, --trainer-seed, --test-seed, --source-seed), but "
                                + merge
                                + " hold different ones; merge each set of overrides separately");
            }
            s.floors().entrySet().stream()
                    .filter(floor -> taskKept(floor.getKey()))
                    .forEach(f -> report.addFloor(FidelityTask.byId(f.getKey()), f.getValue()));
            s.trainingGaps().entrySet().stream()
                    .filter(gaps -> taskKept(gaps.getKey()))
                    .forEach(
                            gaps ->
                                    report.addTrainingGaps(
                                            FidelityTask.byId(gaps.getKey()), kept(gaps)));
            List<Measurement> kept = s.runs().stream().filter(this::keptByMerge).toList();
            report.add(
                    recomputeNpe
                            ? withExactSourceTargetW2(
                                    s.protocol(), SeedOverrides.fromMap(s.seedOverrides()), kept)
                            : kept);
        }
        FidelityProtocol protocol = stored.get(0).protocol();
        print(report, protocol);
        return 0;
    }

    /** A stored task's training gaps, those of the seeds --merge keeps. */
    private Map<Long, Double> kept(Map.Entry<String, Map<Long, Double>> gaps) {
        Map<Long, Double> kept = new LinkedHashMap<>(gaps.getValue());
        kept.keySet().removeIf(seed -> !seedKept(seed));
        return kept;
    }

    /**
     * Whether --merge keeps a stored row: all of them unless --methods, --tasks or --seeds was
     * given.
     */
    private boolean keptByMerge(Measurement row) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean methodKept =
                !parsed.hasMatchedOption("--methods")
                        || mergeMethods().stream().anyMatch(m -> m.produces(row.method()));
        return methodKept && taskKept(row.task()) && seedKept(row.seed());
    }

    private boolean seedKept(long seed) {
        return !spec.commandLine().getParseResult().hasMatchedOption("--seeds")
                || seeds.contains(seed);
    }

    private boolean taskKept(String task) {
        return !spec.commandLine().getParseResult().hasMatchedOption("--tasks")
                || tasks.stream().anyMatch(t -> t.trim().equals(task));
    }

    private List<FidelityMethod> mergeMethods() {
        try {
            return FidelityMethod.byIds(methods);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * {@code runs} with W2(source, target) measured on the whole test sets they were measured on
     * (those of {@code protocol} and the stored test seed).
     */
    private List<Measurement> withExactSourceTargetW2(
            FidelityProtocol protocol, SeedOverrides overrides, List<Measurement> runs) {
        if (exactDistances == null) {
            exactDistances = new FidelityExperiment(protocol, overrides, IterateTrace.NONE, 0);
        }
        return runs.stream()
                .map(
                        m ->
                                m.withSourceTargetW2(
                                        exactDistances.sourceTargetW2(
                                                FidelityTask.byId(m.task()), m.seed())))
                .toList();
    }

    private void configureLibtorch() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private void print(FidelityReport report, FidelityProtocol protocol) {
        int testPoints = protocol.testPoints();
        int smallTestPoints = protocol.smallTestPoints();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(
                "W2: exact, "
                        + testPoints
                        + " samples against "
                        + testPoints
                        + " test points (large n) and the first "
                        + smallTestPoints
                        + " of each (small n); NPE = |PE - W2^2(source, target)| / W2^2;"
                        + " within 1 sd compares our large-n mean with the paper.");
        if (report.measurements().stream()
                .anyMatch(m -> FidelityMethod.isDiffusionRow(m.method()))) {
            stdout.println(diffusionNote(protocol));
        }
        stdout.print(report.table());
        stdout.printf("results in %s%n", out.toAbsolutePath());
        stdout.flush();
    }

    private FidelityProtocol protocol() {
        FidelityProtocol protocol = FidelityProtocol.load(preset);
        if (steps != null) {
            protocol = protocol.withSteps(steps);
        }
        if (otPairs != null) {
            try {
                protocol = protocol.withOtPairs(otPairs);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--ot-pairs must be permutation or sampled, got '" + otPairs + "'");
            }
        }
        if (trainPoints != null || testPoints != null) {
            protocol =
                    protocol.withPoints(
                            trainPoints == null ? protocol.trainPoints() : trainPoints,
                            testPoints == null ? protocol.testPoints() : testPoints);
        }
        if (seeds.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--seeds needs at least one seed, e.g. --seeds 1,2,3");
        }
        return protocol;
    }

    private Map<String, Object> header(
            FidelityProtocol protocol, Map<FidelityTask, List<FidelityMethod>> plan) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("reference", "Tong et al. 2024, AISTATS, arXiv 2307.03672, Table 2");
        header.put("command", commandLine());
        header.put("started", Instant.now().toString());
        header.put("protocol", protocol);
        Map<String, List<String>> runs = new LinkedHashMap<>();
        plan.forEach(
                (task, onTask) ->
                        runs.put(task.id(), onTask.stream().map(FidelityMethod::id).toList()));
        header.put("tasks", List.copyOf(runs.keySet()));
        header.put("methods", methods);
        header.put("methodsPerTask", runs);
        if (plan.values().stream().flatMap(List::stream).anyMatch(FidelityMethod::isDiffusion)) {
            header.put("diffusion", diffusionNote(protocol));
        }
        header.put("seeds", seeds);
        if (traceEvery > 0) {
            header.put("trace", new IterateTrace(traceEvery, traceFrom));
        }
        if (emaDecay > 0) {
            header.put("emaDecay", emaDecay);
        }
        Map<String, Long> overrides = seedOverrides().asMap();
        if (!overrides.isEmpty()) {
            header.put("seedOverrides", overrides);
        }
        header.put("hardware", hardware());
        return header;
    }

    private FidelityExperiment experiment(FidelityProtocol protocol) {
        try {
            return new FidelityExperiment(protocol, seedOverrides(), iterateTrace(), emaDecay);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private IterateTrace iterateTrace() {
        try {
            return new IterateTrace(traceEvery, traceFrom);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private SeedOverrides seedOverrides() {
        return new SeedOverrides(initSeed, dataSeed, trainerSeed, testSeed, sourceSeed);
    }

    /** What the diffusion rows are, for the printed table and results.json. */
    static String diffusionNote(FidelityProtocol protocol) {
        return "Diffusion rows <path>-<objective>-<solver>: paths vpsde (linear_vp_sde, beta 0.1"
                + " to 20), gvp and linear; score matching trains a noise network (t drawn with"
                + " density g^2 / sigma^2), flow matching a velocity network (t ~ U(1e-5, 1));"
                + " sampled from "
                + protocol.testPoints()
                + " N(0, I) prior draws (seed 1000 s + 5) with "
                + protocol.eulerSteps()
                + " Euler steps (euler) and DPM-Solver++ (order 2, multistep, log-SNR grid) at"
                + " 10 and 20 evaluations (dpm10, dpm20); no path energy (NPE -); the paper has"
                + " no numbers for these rows (paper -).";
    }

    private List<String> commandLine() {
        List<String> words = new ArrayList<>();
        words.add("grl4j");
        words.addAll(spec.commandLine().getParseResult().originalArgs());
        return words;
    }

    private static Map<String, Object> hardware() {
        Map<String, Object> hardware = new LinkedHashMap<>();
        hardware.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        hardware.put("cpu", cpuModel());
        hardware.put("java", System.getProperty("java.version"));
        hardware.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return hardware;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
