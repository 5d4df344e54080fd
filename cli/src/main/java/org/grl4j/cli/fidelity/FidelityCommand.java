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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grl4j fidelity}: trains I-CFM, OT-CFM and SF2M on the 2-D tasks of Tong et al. (2024),
 * measures exact W2 and the normalized path energy over several seeds, writes results.json,
 * runs.csv and summary.csv, and prints the table beside the published numbers. Runs go task by
 * task, seed by seed, method by method; the files are rewritten after each one.
 */
@Command(
        name = "fidelity",
        mixinStandardHelpOptions = true,
        description =
                "Reproduce the published 2-D flow and bridge results (Tong et al. 2024, Table 2):"
                        + " train, sample with Euler, measure exact W2 against a test set.")
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
            defaultValue = "gaussian-8gaussians,moons-8gaussians,gaussian-moons,gaussian-scurve",
            description =
                    "Tasks: gaussian-8gaussians, moons-8gaussians, 8gaussians-moons,"
                            + " gaussian-moons, gaussian-scurve. Default: ${DEFAULT-VALUE}")
    private List<String> tasks;

    @Option(
            names = "--methods",
            split = ",",
            defaultValue = "otcfm,icfm,sf2m",
            description = "Methods: icfm, otcfm, sf2m (ODE and SDE). Default: ${DEFAULT-VALUE}")
    private List<String> methods;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "1,2,3,4,5",
            description = "Seeds. Default: ${DEFAULT-VALUE}")
    private List<Long> seeds;

    @Option(names = "--steps", description = "Override the preset's training steps.")
    private Long steps;

    @Option(names = "--train-points", description = "Override the training rows per distribution.")
    private Integer trainPoints;

    @Option(names = "--test-points", description = "Override the test rows and samples.")
    private Integer testPoints;

    @Option(
            names = "--floor",
            negatable = true,
            defaultValue = "true",
            description =
                    "Also measure each task's W2 floor (two independent target draws) at the first"
                            + " seed. Default: ${DEFAULT-VALUE}")
    private boolean floor;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description =
                    "libtorch threads, unless ai.djl.pytorch.num_threads is set. One is fastest on"
                            + " small shared machines: idle OpenMP workers spinning on busy cores"
                            + " slowed a training step 30-fold. Default: ${DEFAULT-VALUE}")
    private int threads;

    @Option(
            names = "--merge",
            split = ",",
            description =
                    "Train nothing: combine the results.json files of these earlier --out"
                            + " directories into --out and print the table.")
    private List<Path> merge;

    @Option(
            names = "--floor-only",
            description = "Measure only the tasks' W2 floors, at the first seed; train nothing.")
    private boolean floorOnly;

    @Option(
            names = "--out",
            defaultValue = "fidelity-results",
            description = "Output directory. Default: ${DEFAULT-VALUE}")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (merge != null && !merge.isEmpty()) {
            return merge();
        }
        configureLibtorch();
        FidelityProtocol protocol = protocol();
        List<FidelityTask> taskList = tasks.stream().map(FidelityTask::byId).toList();
        List<FidelityMethod> methodList = methods.stream().map(FidelityMethod::byId).toList();

        long start = System.nanoTime();
        FidelityReport report = new FidelityReport(out, header(protocol));
        FidelityExperiment experiment = new FidelityExperiment(protocol);
        for (FidelityTask task : taskList) {
            if (floor || floorOnly) {
                report.addFloor(task, experiment.floor(task, seeds.get(0)));
            }
            for (long seed : floorOnly ? List.<Long>of() : seeds) {
                for (FidelityMethod method : methodList) {
                    report.add(experiment.run(task, method, seed));
                    report.put("wallSeconds", (System.nanoTime() - start) / 1e9);
                }
            }
        }
        report.put("finished", Instant.now().toString());
        print(report, protocol.testPoints(), protocol.smallTestPoints());
        return 0;
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
        FidelityReport report = new FidelityReport(out, header);
        for (FidelityReport.Stored s : stored) {
            if (!s.protocol().equals(stored.get(0).protocol())) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--merge combines runs of one protocol, but "
                                + merge
                                + " hold different ones; merge each protocol separately");
            }
            s.floors().forEach((task, floor) -> report.addFloor(FidelityTask.byId(task), floor));
            report.add(s.runs());
        }
        FidelityProtocol protocol = stored.get(0).protocol();
        print(report, protocol.testPoints(), protocol.smallTestPoints());
        return 0;
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

    private void print(FidelityReport report, int testPoints, int smallTestPoints) {
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
        stdout.print(report.table());
        stdout.printf("results in %s%n", out.toAbsolutePath());
        stdout.flush();
    }

    private FidelityProtocol protocol() {
        FidelityProtocol protocol = FidelityProtocol.load(preset);
        if (steps != null) {
            protocol = protocol.withSteps(steps);
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

    private Map<String, Object> header(FidelityProtocol protocol) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("reference", "Tong et al. 2024, AISTATS, arXiv 2307.03672, Table 2");
        header.put("command", commandLine());
        header.put("started", Instant.now().toString());
        header.put("protocol", protocol);
        header.put("tasks", tasks);
        header.put("methods", methods);
        header.put("seeds", seeds);
        header.put("hardware", hardware());
        return header;
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
