package org.grl4j.cli.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.grl4j.cli.io.OutputFiles;

/**
 * Collects measurements, summarizes them per task and method row (mean and sample standard
 * deviation over seeds, n - 1 in the denominator; no deviation for one seed) and writes {@code
 * results.json}, {@code runs.csv} and {@code summary.csv} into one directory, rewriting all three
 * after every run so that an interrupted experiment keeps what it measured.
 */
public final class FidelityReport {

    private final Path directory;
    private final Map<String, Object> header;
    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, Floor> floors = new LinkedHashMap<>();
    private final Map<String, Map<Long, Double>> trainingGaps = new LinkedHashMap<>();
    private final List<IterateTrace.Point> trace = new ArrayList<>();

    /**
     * @param directory where the files go (created if needed)
     * @param header run-level facts written at the top of results.json (protocol, command...)
     */
    public FidelityReport(Path directory, Map<String, Object> header) {
        this.directory = directory;
        this.header = new LinkedHashMap<>(header);
    }

    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    /** Adds measurements and rewrites the files. */
    public void add(List<Measurement> rows) {
        measurements.addAll(rows);
        write();
    }

    /**
     * A task's W2 floor: W2 between its test targets and an independent target draw, at n = 10 000
     * ({@code w2}) and on the first 1 000 points ({@code w2Small}), measured at run seed {@code
     * seed} (null in results of earlier builds, which did not record it).
     */
    public record Floor(double w2, double w2Small, Long seed) {

        /** Whether this floor is kept over {@code other} of the same task: the lower known seed. */
        boolean preferredOver(Floor other) {
            return seed != null && (other.seed == null || seed < other.seed);
        }
    }

    /**
     * Records a task's W2 floor and rewrites the files. A task keeps one floor: of two, the one
     * measured at the lower seed, and a floor with a known seed over one without.
     */
    public void addFloor(FidelityTask task, Floor floor) {
        floors.merge(task.id(), floor, (kept, added) -> added.preferredOver(kept) ? added : kept);
        write();
    }

    /**
     * Records the training gap of a task and seed (see {@link FidelityExperiment#trainingGap}) and
     * rewrites the files.
     */
    public void addTrainingGap(FidelityTask task, long seed, double w2) {
        trainingGaps.computeIfAbsent(task.id(), k -> new TreeMap<>()).put(seed, w2);
        write();
    }

    /** Records training gaps of a task by seed, as {@link #addTrainingGap}, and rewrites once. */
    public void addTrainingGaps(FidelityTask task, Map<Long, Double> bySeed) {
        trainingGaps.computeIfAbsent(task.id(), k -> new TreeMap<>()).putAll(bySeed);
        write();
    }

    /** Replaces the iterate trace (see {@link IterateTrace}) and rewrites the files. */
    public void setTrace(List<IterateTrace.Point> points) {
        trace.clear();
        trace.addAll(points);
        write();
    }

    /** Sets a run-level fact (e.g. the wall time) and rewrites the files. */
    public void put(String key, Object value) {
        header.put(key, value);
        write();
    }

    /**
     * What an earlier run wrote: its protocol, floors, training gaps by task and seed (empty in
     * results of earlier builds) and runs, and the seed overrides it ran with (empty when none; see
     * {@link SeedOverrides#asMap}).
     */
    public record Stored(
            FidelityProtocol protocol,
            Map<String, Floor> floors,
            Map<String, Map<Long, Double>> trainingGaps,
            List<Measurement> runs,
            Map<String, Long> seedOverrides) {}

    /** Reads {@code directory/results.json} as written by {@link #add}. */
    public static Stored read(Path directory) {
        Path file = directory.resolve("results.json");
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode root = mapper.readTree(file.toFile());
            FidelityProtocol protocol =
                    mapper.treeToValue(root.get("protocol"), FidelityProtocol.class);
            Map<String, Floor> floors = new LinkedHashMap<>();
            root.get("floors").fields().forEachRemaining(e -> floors.put(e.getKey(), floor(e)));
            Map<String, Map<Long, Double>> gaps = new LinkedHashMap<>();
            JsonNode storedGaps = root.get("trainingGaps");
            if (storedGaps != null) {
                storedGaps
                        .fields()
                        .forEachRemaining(
                                task -> {
                                    Map<Long, Double> bySeed = new TreeMap<>();
                                    task.getValue()
                                            .fields()
                                            .forEachRemaining(
                                                    seed ->
                                                            bySeed.put(
                                                                    Long.parseLong(seed.getKey()),
                                                                    number(seed.getValue())));
                                    gaps.put(task.getKey(), bySeed);
                                });
            }
            List<Measurement> runs = new ArrayList<>();
            for (JsonNode run : root.get("runs")) {
                runs.add(
                        new Measurement(
                                run.get("task").asText(),
                                run.get("method").asText(),
                                run.get("seed").asLong(),
                                number(run.get("w2")),
                                number(run.get("w2Small")),
                                number(run.get("pathEnergy")),
                                number(run.get("sourceTargetW2")),
                                number(run.get("normalizedPathEnergy")),
                                number(run.get("finalLoss")),
                                number(run.get("trainSeconds")),
                                number(run.get("sampleSeconds")),
                                number(run.get("w2Seconds")),
                                number(run.get("step"))));
            }
            Map<String, Long> overrides = new LinkedHashMap<>();
            JsonNode stored = root.get("seedOverrides");
            if (stored != null) {
                stored.fields()
                        .forEachRemaining(e -> overrides.put(e.getKey(), e.getValue().asLong()));
            }
            return new Stored(protocol, floors, gaps, runs, overrides);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot read fidelity results from "
                            + file
                            + " ("
                            + e.getMessage()
                            + "); pass directories written by grl4j fidelity --out",
                    e);
        }
    }

    private static double number(JsonNode node) {
        return node == null || node.isNull() ? Double.NaN : node.asDouble();
    }

    /** One summary row: a task, a method row and statistics over its seeds. */
    public record Summary(
            String task,
            String method,
            int seeds,
            double w2Mean,
            double w2Std,
            double w2SmallMean,
            double w2SmallStd,
            double normalizedPathEnergyMean,
            double trainSecondsMean,
            PublishedResults.Value paper,
            Double paperNormalizedPathEnergy) {

        /** True, false, or null when the paper has no number for this row. */
        public Boolean withinOnePublishedStd() {
            return paper == null ? null : paper.matchedBy(w2Mean);
        }
    }

    /** The summary rows, in the order the task and method pairs were first measured. */
    public List<Summary> summaries() {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            groups.computeIfAbsent(m.task() + "|" + m.method(), k -> new ArrayList<>()).add(m);
        }
        List<Summary> out = new ArrayList<>();
        for (List<Measurement> group : groups.values()) {
            Measurement first = group.get(0);
            FidelityTask task = FidelityTask.byId(first.task());
            out.add(
                    new Summary(
                            first.task(),
                            first.method(),
                            group.size(),
                            mean(group, Measurement::w2),
                            std(group, Measurement::w2),
                            mean(group, Measurement::w2Small),
                            std(group, Measurement::w2Small),
                            mean(group, Measurement::normalizedPathEnergy),
                            mean(group, Measurement::trainSeconds),
                            PublishedResults.w2(first.method(), task).orElse(null),
                            PublishedResults.normalizedPathEnergy(first.method(), task)
                                    .orElse(null)));
        }
        return out;
    }

    static double mean(List<Measurement> rows, ToDoubleFunction<Measurement> value) {
        return rows.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    static double std(List<Measurement> rows, ToDoubleFunction<Measurement> value) {
        if (rows.size() < 2) {
            return Double.NaN;
        }
        double mean = mean(rows, value);
        double squares = rows.stream().mapToDouble(value).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (rows.size() - 1));
    }

    /** The summary as a fixed-width text table with the paper's numbers beside ours. */
    public String table() {
        List<Summary> summaries = summaries();
        int methodWidth =
                Math.max(
                        "method".length(),
                        summaries.stream().mapToInt(s -> s.method().length()).max().orElse(0));
        String format = "%-20s %-" + methodWidth + "s %5s  %-17s %-17s %-7s %-15s %-6s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        format,
                        "task",
                        "method",
                        "seeds",
                        "W2 (large n)",
                        "W2 (small n)",
                        "NPE",
                        "paper W2",
                        "paper",
                        "within 1 sd"));
        for (Summary s : summaries) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            format,
                            s.task(),
                            s.method(),
                            s.seeds(),
                            plusMinus(s.w2Mean(), s.w2Std()),
                            plusMinus(s.w2SmallMean(), s.w2SmallStd()),
                            number(s.normalizedPathEnergyMean()),
                            s.paper() == null ? "-" : plusMinus(s.paper().mean(), s.paper().std()),
                            s.paperNormalizedPathEnergy() == null
                                    ? "-"
                                    : number(s.paperNormalizedPathEnergy()),
                            s.withinOnePublishedStd() == null
                                    ? "-"
                                    : (s.withinOnePublishedStd() ? "yes" : "NO")));
        }
        floors.forEach(
                (task, floor) ->
                        out.append(
                                String.format(
                                        Locale.ROOT,
                                        "floor %-14s W2 between two target draws%s: %s (large n),"
                                                + " %s (small n)%n",
                                        task,
                                        floor.seed() == null ? "" : " (seed " + floor.seed() + ")",
                                        number(floor.w2()),
                                        number(floor.w2Small()))));
        trainingGaps.forEach(
                (task, bySeed) ->
                        out.append(
                                String.format(
                                        Locale.ROOT,
                                        "gap   %-14s W2 between training and test targets, by"
                                                + " seed: %s%n",
                                        task,
                                        bySeed.entrySet().stream()
                                                .map(e -> e.getKey() + ": " + number(e.getValue()))
                                                .collect(Collectors.joining(", ")))));
        return out.toString();
    }

    private static Floor floor(Map.Entry<String, JsonNode> stored) {
        JsonNode seed = stored.getValue().get("seed");
        return new Floor(
                number(stored.getValue().get("w2")),
                number(stored.getValue().get("w2Small")),
                seed == null || seed.isNull() ? null : seed.asLong());
    }

    private static String plusMinus(double mean, double std) {
        return Double.isNaN(std)
                ? number(mean)
                : String.format(Locale.ROOT, "%.3f +- %.3f", mean, std);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private void write() {
        try {
            Files.createDirectories(directory);
            Map<String, Object> json = new LinkedHashMap<>(header);
            json.put("floors", floorsJson());
            json.put("trainingGaps", trainingGapsJson());
            json.put("summary", summaries().stream().map(FidelityReport::summaryJson).toList());
            json.put("runs", measurements.stream().map(FidelityReport::measurementJson).toList());
            OutputFiles.writeString(
                    directory.resolve("results.json"),
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(json));
            OutputFiles.writeString(directory.resolve("runs.csv"), runsCsv());
            OutputFiles.writeString(directory.resolve("summary.csv"), summaryCsv());
            if (!trace.isEmpty()) {
                OutputFiles.writeString(directory.resolve("trace.csv"), traceCsv());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write fidelity results to " + directory + "; check the --out path", e);
        }
    }

    private Map<String, Object> floorsJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        floors.forEach(
                (task, floor) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("w2", finite(floor.w2()));
                    row.put("w2Small", finite(floor.w2Small()));
                    if (floor.seed() != null) {
                        row.put("seed", floor.seed());
                    }
                    out.put(task, row);
                });
        return out;
    }

    private Map<String, Object> trainingGapsJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        trainingGaps.forEach(
                (task, bySeed) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    bySeed.forEach((seed, w2) -> row.put(Long.toString(seed), finite(w2)));
                    out.put(task, row);
                });
        return out;
    }

    private static Map<String, Object> summaryJson(Summary s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task", s.task());
        row.put("method", s.method());
        row.put("seeds", s.seeds());
        row.put("w2Mean", finite(s.w2Mean()));
        row.put("w2Std", finite(s.w2Std()));
        row.put("w2SmallMean", finite(s.w2SmallMean()));
        row.put("w2SmallStd", finite(s.w2SmallStd()));
        row.put("normalizedPathEnergyMean", finite(s.normalizedPathEnergyMean()));
        row.put("trainSecondsMean", finite(s.trainSecondsMean()));
        row.put("paperW2Mean", s.paper() == null ? null : s.paper().mean());
        row.put("paperW2Std", s.paper() == null ? null : s.paper().std());
        row.put("paperNormalizedPathEnergy", s.paperNormalizedPathEnergy());
        row.put("withinOnePublishedStd", s.withinOnePublishedStd());
        return row;
    }

    private static Map<String, Object> measurementJson(Measurement m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task", m.task());
        row.put("method", m.method());
        row.put("seed", m.seed());
        row.put("w2", finite(m.w2()));
        row.put("w2Small", finite(m.w2Small()));
        row.put("pathEnergy", finite(m.pathEnergy()));
        row.put("sourceTargetW2", finite(m.sourceTargetW2()));
        row.put("normalizedPathEnergy", finite(m.normalizedPathEnergy()));
        row.put("finalLoss", finite(m.finalLoss()));
        row.put("trainSeconds", finite(m.trainSeconds()));
        row.put("sampleSeconds", finite(m.sampleSeconds()));
        row.put("w2Seconds", finite(m.w2Seconds()));
        row.put("step", Double.isFinite(m.step()) ? (Long) (long) m.step() : null);
        return row;
    }

    /** JSON has no NaN: missing values are null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private String runsCsv() {
        StringBuilder out =
                new StringBuilder(
                        "task,method,seed,w2,w2_small,path_energy,source_target_w2,"
                                + "normalized_path_energy,final_loss,train_s,sample_s,w2_s,step\n");
        for (Measurement m : measurements) {
            out.append(
                    String.join(
                            ",",
                            m.task(),
                            m.method(),
                            Long.toString(m.seed()),
                            csv(m.w2()),
                            csv(m.w2Small()),
                            csv(m.pathEnergy()),
                            csv(m.sourceTargetW2()),
                            csv(m.normalizedPathEnergy()),
                            csv(m.finalLoss()),
                            csv(m.trainSeconds()),
                            csv(m.sampleSeconds()),
                            csv(m.w2Seconds()),
                            Double.isFinite(m.step()) ? Long.toString((long) m.step()) : ""));
            out.append('\n');
        }
        return out.toString();
    }

    private String traceCsv() {
        StringBuilder out =
                new StringBuilder("task,method,seed,step,w2,w2_small,validation_loss\n");
        for (IterateTrace.Point p : trace) {
            out.append(
                    String.join(
                            ",",
                            p.task(),
                            p.method(),
                            Long.toString(p.seed()),
                            Long.toString(p.step()),
                            csv(p.w2()),
                            csv(p.w2Small()),
                            csv(p.validationLoss())));
            out.append('\n');
        }
        return out.toString();
    }

    private String summaryCsv() {
        StringBuilder out =
                new StringBuilder(
                        "task,method,seeds,w2_mean,w2_std,w2_small_mean,w2_small_std,npe_mean,"
                                + "train_s_mean,paper_w2_mean,paper_w2_std,paper_npe,"
                                + "within_one_published_std\n");
        for (Summary s : summaries()) {
            out.append(
                    String.join(
                            ",",
                            s.task(),
                            s.method(),
                            Integer.toString(s.seeds()),
                            csv(s.w2Mean()),
                            csv(s.w2Std()),
                            csv(s.w2SmallMean()),
                            csv(s.w2SmallStd()),
                            csv(s.normalizedPathEnergyMean()),
                            csv(s.trainSecondsMean()),
                            s.paper() == null ? "" : csv(s.paper().mean()),
                            s.paper() == null ? "" : csv(s.paper().std()),
                            s.paperNormalizedPathEnergy() == null
                                    ? ""
                                    : csv(s.paperNormalizedPathEnergy()),
                            s.withinOnePublishedStd() == null
                                    ? ""
                                    : s.withinOnePublishedStd().toString()));
            out.append('\n');
        }
        return out.toString();
    }

    private static String csv(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }
}
