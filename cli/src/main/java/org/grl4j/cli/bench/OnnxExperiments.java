package org.grl4j.cli.bench;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.grl4j.sampler.onnx.OnnxNetwork;
import org.grl4j.sampler.onnx.OnnxNetworkOptions;

/**
 * Side-by-side measurements of ONNX Runtime settings on the benchmark's network, for the
 * performance notes: every variant is loaded at once and the repetitions go round-robin over the
 * variants ({@link RoundRobin}), so the speed-ups against the first (baseline) variant of each
 * thread count are measured under the same load.
 */
final class OnnxExperiments {

    /** A named setting. */
    record Variant(String name, OnnxNetworkOptions options) {}

    private OnnxExperiments() {}

    /** The settings compared at {@code threads} threads; the first is the untuned baseline. */
    static List<Variant> variants(int threads, List<Integer> chunkSizes) {
        OnnxNetworkOptions base = OnnxNetworkOptions.cpu().withIntraOpThreads(threads);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("baseline: intra-op " + threads + ", one call", base));
        variants.add(
                new Variant("opt level BASIC", base.withOptimizationLevel(OptLevel.BASIC_OPT)));
        variants.add(new Variant("opt level NONE", base.withOptimizationLevel(OptLevel.NO_OPT)));
        variants.add(new Variant("no memory pattern, no arena", base.withMemory(false, false)));
        if (threads > 1) {
            variants.add(new Variant("no spinning", base.withSpinning(false)));
        }
        for (int rows : chunkSizes) {
            variants.add(new Variant("chunks of " + rows, base.withChunkRows(rows)));
        }
        if (threads > 1) {
            for (int rows : chunkSizes) {
                variants.add(
                        new Variant(
                                threads + " parallel chunks of " + rows + ", intra-op 1",
                                OnnxNetworkOptions.cpu()
                                        .withIntraOpThreads(1)
                                        .withChunkRows(rows)
                                        .withParallelChunks(threads)));
            }
        }
        return variants;
    }

    /** Measures every variant at every thread count of the plan and prints one table. */
    static void run(
            BenchPlan plan,
            Path model,
            List<Integer> chunkSizes,
            PrintWriter out,
            PrintWriter progress) {
        BenchTable table =
                new BenchTable(
                        new String[] {
                            "setting",
                            "",
                            "threads",
                            "median",
                            "range",
                            "unit",
                            "vs baseline",
                            "-",
                            "-",
                            "single-sample latency"
                        });
        for (int threads : plan.threads()) {
            measure(plan, model, variants(threads, chunkSizes), threads, table, progress);
        }
        out.println();
        out.println(
                "ONNX Runtime settings, "
                        + plan.samples()
                        + " x "
                        + plan.steps()
                        + " Euler and single-sample latency; speed-ups against the baseline"
                        + " of the same thread count, measured round-robin in one run:");
        out.println();
        table.print(out);
    }

    private static void measure(
            BenchPlan plan,
            Path model,
            List<Variant> variants,
            int threads,
            BenchTable table,
            PrintWriter progress) {
        List<OnnxNetwork> networks = new ArrayList<>();
        try {
            RoundRobin rounds = new RoundRobin();
            Map<String, List<Double>> outside = new HashMap<>();
            int latencyPerRound = Math.max(1, plan.latencyRuns() / plan.repeats());
            for (Variant variant : variants) {
                OnnxNetwork network = OnnxNetwork.load(model, variant.options());
                networks.add(network);
                TimedNetwork timed = new TimedNetwork(network);
                SamplingBench bench = new SamplingBench(timed, plan.steps());
                List<Double> outsideNanos = new ArrayList<>();
                outside.put(variant.name(), outsideNanos);
                rounds.add(
                        variant.name(),
                        () -> {
                            timed.takeNanos();
                            long wall = bench.throughputOnce(plan.samples());
                            outsideNanos.add((double) (wall - timed.takeNanos()));
                            return new double[] {wall};
                        });
                rounds.add(variant.name() + " latency", () -> bench.latency(latencyPerRound));
            }
            Map<String, Timings> results =
                    rounds.run(
                            plan.warmup(),
                            plan.repeats(),
                            "ONNX settings at " + threads + " thread(s)",
                            progress);
            outside.forEach(
                    (name, nanos) ->
                            results.put(
                                    name + " outside",
                                    new Timings(
                                            nanos.stream()
                                                    .skip(plan.warmup())
                                                    .mapToDouble(Double::doubleValue)
                                                    .toArray())));
            addRows(plan, variants, threads, results, table);
        } finally {
            networks.forEach(OnnxNetwork::close);
        }
    }

    private static void addRows(
            BenchPlan plan,
            List<Variant> variants,
            int threads,
            Map<String, Timings> results,
            BenchTable table) {
        String baseline = variants.get(0).name();
        double baseRun = results.get(baseline).median();
        double baseLatency = results.get(baseline + " latency").median();
        for (Variant variant : variants) {
            Timings run = results.get(variant.name());
            Timings calls = results.get(variant.name() + " latency");
            Timings outside = results.get(variant.name() + " outside");
            table.add(
                    new BenchTable.Row(
                            variant.name(),
                            "samples/s",
                            threads,
                            plan.samples() / (run.median() / 1e9),
                            plan.samples() / (run.max() / 1e9),
                            plan.samples() / (run.min() / 1e9),
                            "samples/s",
                            OptionalDouble.of(baseRun / run.median()),
                            OptionalDouble.empty(),
                            OptionalDouble.empty(),
                            String.format(
                                    "latency p50 %.2f ms (%.2fx), p99 %.2f ms; outside the"
                                            + " network %.1f ms per run",
                                    calls.median() / 1e6,
                                    baseLatency / calls.median(),
                                    calls.percentile(99) / 1e6,
                                    outside.median() / 1e6)));
        }
    }
}
