package org.grl4j.cli.bench;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.grl4j.sampler.onnx.OnnxNetwork;
import org.grl4j.sampler.onnx.OnnxNetworkOptions;
import org.grl4j.trainer.network.DjlBatchNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code grl4j bench}: measures, in one run, grl4j's ONNX sampler next to the same sampling loop on
 * DJL's PyTorch engine with the same weights, a DJL training step, and the machine's float32
 * matrix-product rate, and prints one table with speed-ups against DJL and against the PyTorch
 * figures of reference/benchmarks.md.
 *
 * <p>Figures: (1) throughput of N samples x S Euler steps (one network call of N rows per step);
 * (2) single-sample latency p50 and p99 for S steps; (3) one score-matching Adam step per batch
 * size; (4) an n x n x n matrix product through each engine, whose best rate is the ceiling the
 * throughput is compared with. Each figure runs at every thread count asked for.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks the ONNX sampler against DJL/PyTorch with the same weights, a training"
                    + " step, and the float32 matrix-product ceiling; prints one table.",
            "Speed-ups above 1 mean the row is faster than what it is compared with."
        })
public final class BenchCommand implements Callable<Integer> {

    static final String ONNX = "grl4j-onnx";
    static final String DJL = "djl-pytorch";
    static final String INT8 = "grl4j-onnx-int8";
    private static final List<String> ENGINES = List.of(ONNX, INT8, DJL);
    static final String TRAIN_FIGURE = "train step batch ";

    @Spec private CommandSpec spec;

    @Option(names = "--quick", description = "Tiny sizes and one repetition: checks that it runs.")
    private boolean quick;

    @Option(names = "--samples", description = "Rows per throughput call (default 10000).")
    private Integer samples;

    @Option(names = "--steps", description = "Euler steps (default 20).")
    private Integer steps;

    @Option(
            names = "--threads",
            split = ",",
            description = "Thread counts to measure each figure with (default 1,2).")
    private List<Integer> threads;

    @Option(names = "--repeats", description = "Timed repetitions per figure (default 3).")
    private Integer repeats;

    @Option(names = "--warmup", description = "Untimed repetitions first (default 1).")
    private Integer warmup;

    @Option(names = "--latency-runs", description = "Timed single-sample calls (default 300).")
    private Integer latencyRuns;

    @Option(names = "--latency-warmup", description = "Untimed single-sample calls (default 30).")
    private Integer latencyWarmup;

    @Option(
            names = "--train-batches",
            split = ",",
            description = "Training batch sizes (default 1024,4096).")
    private List<Integer> trainBatches;

    @Option(names = "--train-steps", description = "Timed training steps (default 5).")
    private Integer trainSteps;

    @Option(names = "--train-warmup", description = "Untimed training steps (default 2).")
    private Integer trainWarmup;

    @Option(
            names = "--matmul-sizes",
            split = ",",
            description = "n of each n^3 matrix product for the ceiling (default 256,512,1024).")
    private List<Integer> matmulSizes;

    @Option(
            names = "--hidden",
            split = ",",
            description = "Backbone hidden sizes (default 512,256,128, the standard shape).")
    private List<Integer> hidden;

    @Option(
            names = "--skip",
            split = ",",
            description =
                    "Figures to leave out: matmul, onnx, int8 (the int8 file's latency), djl,"
                            + " train.")
    private List<String> skip = List.of();

    @Option(
            names = "--latency-spinning",
            description =
                    "Let ONNX Runtime's intra-op threads spin in the latency rows (faster on"
                            + " dedicated cores, much slower on a shared machine).")
    private boolean latencySpinning;

    @Option(
            names = "--onnx-experiments",
            description =
                    "Also compare ONNX Runtime settings (optimization level, memory, spinning,"
                            + " chunking, parallel chunks) round-robin, in a second table.")
    private boolean onnxExperiments;

    @Option(
            names = "--onnx-chunk-rows",
            description =
                    "Rows per ONNX Runtime call in the throughput rows (default "
                            + OnnxNetworkOptions.THROUGHPUT_CHUNK_ROWS
                            + "; 0: one call per batch).")
    private int chunkRows = OnnxNetworkOptions.THROUGHPUT_CHUNK_ROWS;

    @Option(
            names = "--experiment-chunks",
            split = ",",
            description = "Chunk sizes compared by --onnx-experiments (default 256,1024).")
    private List<Integer> experimentChunks = List.of(256, 1024);

    /** The experiments' table, printed after the main one. */
    private final StringWriter experimentsTable = new StringWriter();

    @Option(
            names = "--model-file",
            description =
                    "Where to write the ONNX file of the network (default: a temporary file).")
    private Path modelFile;

    @Override
    public Integer call() throws Exception {
        // DJL's PyTorch natives come from Maven Central jars; never reach for the network.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        // The sampler logs every batch at INFO; hundreds of latency calls would flood stderr.
        System.setProperty(
                "org.slf4j.simpleLogger.log.org.grl4j.sampler",
                System.getProperty("org.slf4j.simpleLogger.log.org.grl4j.sampler", "warn"));
        BenchPlan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchTable table = run(plan);
        out.println(header(plan));
        out.println();
        table.print(out);
        out.print(experimentsTable);
        out.flush();
        return 0;
    }

    BenchPlan plan() {
        BenchPlan base = quick ? BenchPlan.quick() : BenchPlan.standard();
        return new BenchPlan(
                or(samples, base.samples()),
                or(steps, base.steps()),
                or(threads, base.threads()),
                or(repeats, base.repeats()),
                or(warmup, base.warmup()),
                or(latencyRuns, base.latencyRuns()),
                or(latencyWarmup, base.latencyWarmup()),
                or(trainBatches, base.trainBatches()),
                or(trainSteps, base.trainSteps()),
                or(trainWarmup, base.trainWarmup()),
                or(matmulSizes, base.matmulSizes()),
                or(hidden, base.hiddenSizes()),
                base.seed());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private String networkDescription;
    private String int8QualityNote = "";

    private String header(BenchPlan plan) {
        return String.format(
                "grl4j bench: %s; %d samples x %d Euler steps; %d repetitions (+%d warm-up);"
                        + " latency over %d single-sample calls%s; %d training steps; matmul %s;"
                        + " %d processors, %s",
                networkDescription,
                plan.samples(),
                plan.steps(),
                plan.repeats(),
                plan.warmup(),
                plan.latencyRuns(),
                latencySpinning ? " (spinning intra-op threads)" : "",
                plan.trainSteps(),
                plan.matmulSizes(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private BenchTable run(BenchPlan plan) throws IOException {
        BenchTable table = new BenchTable();
        try (StandardNetwork network = StandardNetwork.create(plan.hiddenSizes(), plan.seed())) {
            networkDescription = network.describe();
            Path file = modelFile != null ? modelFile : temporaryModelFile();
            progress("exporting the network to " + file);
            network.export(file);
            Path int8 = skip.contains("int8") ? null : exportInt8(network, file);
            try {
                for (int threads : plan.threads()) {
                    measureInference(plan, network, file, int8, threads, table);
                }
                if (!skip.contains("train")) {
                    measureTraining(plan, network, table);
                }
                addRatios(plan, network, table);
                if (onnxExperiments) {
                    OnnxExperiments.run(
                            plan,
                            file,
                            experimentChunks,
                            new PrintWriter(experimentsTable, true),
                            spec.commandLine().getErr());
                }
            } finally {
                if (modelFile == null) {
                    Files.deleteIfExists(file);
                }
                if (int8 != null) {
                    Files.deleteIfExists(int8);
                }
            }
        }
        return table;
    }

    /**
     * Exports the int8 variant next to {@code file}, or returns null (with a note on stderr) when
     * the network has no layer large enough to quantize.
     */
    private Path exportInt8(StandardNetwork network, Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path int8 = file.resolveSibling(name + "-int8.onnx");
        progress("exporting the int8 variant to " + int8);
        try {
            network.exportInt8(int8);
            int8QualityNote = Int8Quality.describe(file, int8);
            return int8;
        } catch (IllegalArgumentException e) {
            progress("no int8 rows: " + e.getMessage());
            return null;
        }
    }

    private static Path temporaryModelFile() {
        try {
            Path file = Files.createTempFile("grl4j-bench-", ".onnx");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the model", e);
        }
    }

    /** The ONNX settings of the sampling-throughput rows at {@code threads} threads. */
    OnnxNetworkOptions throughputOptions(int threads) {
        return OnnxNetworkOptions.throughput(threads).withChunkRows(chunkRows);
    }

    /**
     * The ONNX settings of the latency rows at {@code threads} threads: {@link
     * OnnxNetworkOptions#latency}, with spinning intra-op threads when {@code --latency-spinning}.
     */
    OnnxNetworkOptions latencyOptions(int threads) {
        OnnxNetworkOptions options = OnnxNetworkOptions.latency(threads);
        return latencySpinning ? options.withSpinning(true) : options;
    }

    /**
     * The matrix products and the sampling figures of both engines at one thread count, round-robin
     * so that both engines see the same load.
     */
    private void measureInference(
            BenchPlan plan,
            StandardNetwork network,
            Path file,
            Path int8,
            int threads,
            BenchTable table) {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            RoundRobin rounds = new RoundRobin();
            int latencyPerRound = Math.max(1, plan.latencyRuns() / plan.repeats());
            if (!skip.contains("matmul")) {
                for (int size : plan.matmulSizes()) {
                    for (String engine : List.of(ONNX, DJL)) {
                        MatMulCeiling product =
                                engine.equals(ONNX)
                                        ? MatMulCeiling.onnx(size, threads)
                                        : MatMulCeiling.djl(size, threads);
                        open.add(product);
                        rounds.add(
                                matmulFigure(size) + "/" + engine,
                                () -> new double[] {product.timeOnce(), product.timeOnce()});
                    }
                }
            }
            if (!skip.contains("onnx")) {
                OnnxNetwork bulk = OnnxNetwork.load(file, throughputOptions(threads));
                open.add(bulk);
                OnnxNetwork single = OnnxNetwork.load(file, latencyOptions(threads));
                open.add(single);
                SamplingBench throughput = new SamplingBench(bulk, plan.steps());
                SamplingBench latency = new SamplingBench(single, plan.steps());
                addSamplingTrials(rounds, ONNX, throughput, latency, plan, latencyPerRound);
            }
            if (int8 != null) {
                OnnxNetwork quantized = OnnxNetwork.load(int8, latencyOptions(threads));
                open.add(quantized);
                SamplingBench latency = new SamplingBench(quantized, plan.steps());
                rounds.add("latency/" + INT8, () -> latency.latency(latencyPerRound));
            }
            if (!skip.contains("djl")) {
                DjlBatchNetwork djl = new DjlBatchNetwork(network.model(), network.manager());
                open.add(djl);
                SamplingBench bench =
                        new SamplingBench(djl, plan.steps(), () -> JniUtils.setNumThreads(threads));
                addSamplingTrials(rounds, DJL, bench, bench, plan, latencyPerRound);
            }
            if (rounds.isEmpty()) {
                return;
            }
            Map<String, Timings> results =
                    rounds.run(
                            plan.warmup(),
                            plan.repeats(),
                            threads + " thread(s)",
                            spec.commandLine().getErr());
            addInferenceRows(plan, threads, results, table);
        } finally {
            closeAll(open);
        }
    }

    private static void addSamplingTrials(
            RoundRobin rounds,
            String engine,
            SamplingBench throughput,
            SamplingBench latency,
            BenchPlan plan,
            int latencyPerRound) {
        rounds.add(
                "throughput/" + engine,
                () -> new double[] {throughput.throughputOnce(plan.samples())});
        rounds.add("latency/" + engine, () -> latency.latency(latencyPerRound));
    }

    private void addInferenceRows(
            BenchPlan plan, int threads, Map<String, Timings> results, BenchTable table) {
        for (int size : plan.matmulSizes()) {
            double gflop = 2.0 * size * size * size / 1e9;
            int products = MatMulCeiling.productsPerTiming(size);
            for (String engine : List.of(ONNX, DJL)) {
                Timings product = results.get(matmulFigure(size) + "/" + engine);
                if (product != null) {
                    table.add(
                            rate(
                                    matmulFigure(size),
                                    engine,
                                    threads,
                                    product,
                                    gflop * products,
                                    "GFLOP/s"));
                }
            }
        }
        for (String engine : ENGINES) {
            Timings throughput = results.get("throughput/" + engine);
            if (throughput != null) {
                table.add(
                        rate(
                                throughputFigure(plan),
                                engine,
                                threads,
                                throughput,
                                plan.samples(),
                                "samples/s"));
            }
            Timings latency = results.get("latency/" + engine);
            if (latency != null) {
                String figure = latencyFigure(plan);
                String note = engine.equals(INT8) ? int8QualityNote : "";
                table.add(
                        time(figure + " p50", engine, threads, latency.median(), latency)
                                .withNote(note));
                table.add(time(figure + " p99", engine, threads, latency.percentile(99), latency));
            }
        }
    }

    private static void closeAll(List<AutoCloseable> open) {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + open.get(i) + " failed: " + e, e);
            }
        }
    }

    private void measureTraining(BenchPlan plan, StandardNetwork network, BenchTable table) {
        TrainingBench bench = new TrainingBench(network.model());
        for (int batch : plan.trainBatches()) {
            for (int threads : plan.threads()) {
                progress("training step at batch " + batch + ", " + threads + " thread(s)");
                JniUtils.setNumThreads(threads);
                Timings step = bench.step(batch, plan.trainWarmup(), plan.trainSteps());
                Timings[] stages = bench.stages(batch, plan.trainWarmup(), plan.trainSteps());
                // Stages and steps run at different moments: on a busy machine their medians
                // see different load, so the split uses the least disturbed (fastest) timings.
                double forward = stages[0].min() / 1e6;
                double backward = stages[1].min() / 1e6;
                double rest = step.min() / 1e6 - forward - backward;
                BenchTable.Row row = time(TRAIN_FIGURE + batch, DJL, threads, step.median(), step);
                table.add(
                        row.withNote(
                                String.format(
                                        "score matching, Adam; fastest step: forward+loss %.0f ms,"
                                                + " backward %.0f ms, rest %.0f ms",
                                        forward, backward, rest)));
            }
        }
    }

    /**
     * Fills in the comparisons once every figure is measured: speed-ups of the ONNX rows against
     * DJL at the same thread count, speed-ups against the PyTorch figures of benchmarks.md (only
     * for the standard shape and 20 steps), the same adjusted for the load of this run, and the
     * share of the ceiling each throughput reaches.
     */
    private static void addRatios(BenchPlan plan, StandardNetwork network, BenchTable table) {
        boolean reference = network.isStandardShape() && plan.steps() == 20;
        BenchTable ratios = new BenchTable();
        for (BenchTable.Row row : table.rows()) {
            ratios.add(withRatios(row, plan, network, table, reference));
        }
        table.replaceWith(ratios);
    }

    private static BenchTable.Row withRatios(
            BenchTable.Row row,
            BenchPlan plan,
            StandardNetwork network,
            BenchTable table,
            boolean reference) {
        boolean isThroughput = row.figure().equals(throughputFigure(plan));
        boolean isLatency = row.figure().startsWith(latencyFigure(plan));
        boolean isTraining = row.figure().startsWith(TRAIN_FIGURE);
        double ceiling = ceiling(table, row.threads());
        BenchTable.Row djl = table.find(row.figure(), DJL, row.threads());
        OptionalDouble vsDjl = OptionalDouble.empty();
        if ((isThroughput || isLatency) && !row.engine().equals(DJL) && djl != null) {
            vsDjl =
                    OptionalDouble.of(
                            isThroughput ? row.value() / djl.value() : djl.value() / row.value());
        }
        OptionalDouble vsPyTorch = OptionalDouble.empty();
        String note = row.note();
        if (isThroughput) {
            if (reference) {
                vsPyTorch = rateUp(ReferenceFigures.samplesPerSecond(row.threads()), row.value());
            }
            double gflops = row.value() * plan.steps() * network.flopPerRow() / 1e9;
            note = String.format("%.1f GFLOP/s", gflops);
            if (ceiling > 0) {
                note += String.format(" = %.0f%% of ceiling", 100 * gflops / ceiling);
            }
        } else if (isLatency && reference && row.figure().endsWith("p50")) {
            vsPyTorch = speedUp(ReferenceFigures.latencyMillis(row.threads()), row.value());
        } else if (isTraining && network.isStandardShape()) {
            int batch = Integer.parseInt(row.figure().substring(TRAIN_FIGURE.length()));
            vsPyTorch =
                    speedUp(ReferenceFigures.trainingStepMillis(batch, row.threads()), row.value());
        }
        OptionalDouble adjusted = OptionalDouble.empty();
        OptionalDouble referenceCeiling = ReferenceFigures.ceilingGflops(row.threads());
        if ((isThroughput || isTraining)
                && vsPyTorch.isPresent()
                && ceiling > 0
                && referenceCeiling.isPresent()) {
            adjusted =
                    OptionalDouble.of(
                            vsPyTorch.getAsDouble() * referenceCeiling.getAsDouble() / ceiling);
        }
        return new BenchTable.Row(
                row.figure(),
                row.engine(),
                row.threads(),
                row.value(),
                row.low(),
                row.high(),
                row.unit(),
                vsDjl,
                vsPyTorch,
                adjusted,
                note);
    }

    /**
     * The best matrix-product rate measured at {@code threads} threads (the fastest single timing
     * of any size and engine), or 0 when none was measured.
     */
    static double ceiling(BenchTable table, int threads) {
        double best = 0;
        for (BenchTable.Row row : table.rows()) {
            if (row.figure().startsWith("matmul") && row.threads() == threads) {
                best = Math.max(best, row.high());
            }
        }
        return best;
    }

    private static OptionalDouble rateUp(OptionalDouble reference, double rate) {
        return reference.isPresent()
                ? OptionalDouble.of(rate / reference.getAsDouble())
                : OptionalDouble.empty();
    }

    private static String matmulFigure(int size) {
        return "matmul " + size + "^3";
    }

    private static String throughputFigure(BenchPlan plan) {
        return "sampling " + plan.samples() + " x " + plan.steps() + " Euler";
    }

    private static String latencyFigure(BenchPlan plan) {
        return "latency 1 x " + plan.steps() + " Euler";
    }

    /** A rate row: {@code work} units per repetition over the measured times. */
    private static BenchTable.Row rate(
            String figure, String engine, int threads, Timings timings, double work, String unit) {
        return new BenchTable.Row(
                figure,
                engine,
                threads,
                work / (timings.median() / 1e9),
                work / (timings.max() / 1e9),
                work / (timings.min() / 1e9),
                unit,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                "");
    }

    private static BenchTable.Row time(
            String figure, String engine, int threads, double nanos, Timings timings) {
        return new BenchTable.Row(
                figure,
                engine,
                threads,
                nanos / 1e6,
                timings.min() / 1e6,
                timings.max() / 1e6,
                "ms",
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                "");
    }

    private static OptionalDouble speedUp(OptionalDouble referenceMillis, double millis) {
        return referenceMillis.isPresent()
                ? OptionalDouble.of(referenceMillis.getAsDouble() / millis)
                : OptionalDouble.empty();
    }

    private void progress(String message) {
        spec.commandLine().getErr().println("bench: " + message);
        spec.commandLine().getErr().flush();
    }
}
