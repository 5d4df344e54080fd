package org.grl4j.cli.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.grl4j.cli.ExitCodes;
import org.grl4j.cli.Grl4j;
import org.grl4j.models.metrics.Wasserstein;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code grl4j fidelity} in-process on a tiny configuration (30 steps, 600 training rows, 200
 * test rows) and checks what it writes: one run row per task, seed and method row, one summary row
 * per task and method row with a deviation over the two seeds, the floors, and the paper's numbers
 * beside ours. The W2 values are only checked for plausibility: 30 steps train nothing.
 */
class FidelityCommandTest {

    private static final FidelityTask GAUSSIAN_MOONS = FidelityTask.GAUSSIAN_TO_MOONS;

    @TempDir Path out;

    @Test
    void tinyRunWritesOneRowPerTaskSeedAndMethodAndPrintsThePaperBesideOurs() throws Exception {
        StringWriter printed = new StringWriter();
        CommandLine command = Grl4j.commandLine();
        command.setOut(new PrintWriter(printed));
        int exit =
                command.execute(
                        "fidelity",
                        "--preset",
                        "quick",
                        "--steps",
                        "30",
                        "--train-points",
                        "600",
                        "--test-points",
                        "200",
                        "--tasks",
                        "gaussian-moons,moons-8gaussians",
                        "--methods",
                        "otcfm,sf2m",
                        "--seeds",
                        "1,2",
                        "--out",
                        out.toString());
        assertEquals(0, exit, printed.toString());

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        // Every method row twice: the last step and the lowest validation loss (-bestval).
        assertEquals(2 * 2 * 3 * 2, results.get("runs").size(), "tasks x seeds x method rows");
        assertEquals(2 * 3 * 2, results.get("summary").size(), "tasks x method rows");
        assertEquals(200, results.get("protocol").get("testPoints").asInt());
        assertEquals(30, results.get("protocol").get("steps").asInt());
        assertTrue(results.get("hardware").get("availableProcessors").asInt() >= 1);
        assertTrue(results.get("floors").has("gaussian-moons"));
        assertTrue(results.get("floors").has("moons-8gaussians"));
        for (FidelityTask task : List.of(GAUSSIAN_MOONS, FidelityTask.MOONS_TO_8GAUSSIANS)) {
            for (long seed : List.of(1L, 2L)) {
                double gap = results.get("trainingGaps").get(task.id()).get("" + seed).asDouble();
                assertEquals(
                        trainingGap(task, 600, 200, seed, seed), gap, 1e-12, task + " " + seed);
            }
        }

        Set<String> methods = new HashSet<>();
        for (JsonNode run : results.get("runs")) {
            methods.add(run.get("method").asText());
            double w2 = run.get("w2").asDouble();
            assertTrue(w2 > 0 && w2 < 100, "an untrained flow still lands near the data: " + w2);
            boolean sde = run.get("method").asText().contains("-sde");
            assertEquals(sde, run.get("pathEnergy").isNull(), "path energy only for ODE rows");
        }
        assertEquals(
                Set.of(
                        "otcfm",
                        "sf2m-ode",
                        "sf2m-sde",
                        "otcfm-bestval",
                        "sf2m-ode-bestval",
                        "sf2m-sde-bestval"),
                methods);
        for (JsonNode run : results.get("runs")) {
            long step = run.get("step").asLong();
            if (run.get("method").asText().endsWith("-bestval")) {
                // 600 rows in batches of the quick preset's size: validated every 10 epochs and
                // at step 30.
                assertTrue(step >= 1 && step <= 30, run.toString());
            } else {
                assertEquals(30, step, run.toString());
            }
        }

        for (JsonNode row : results.get("summary")) {
            assertEquals(2, row.get("seeds").asInt());
            assertTrue(row.get("w2Std").asDouble() > 0, "two seeds give a deviation");
            boolean published = !row.get("method").asText().startsWith("sf2m-ode");
            assertEquals(published, !row.get("paperW2Mean").isNull(), row.toString());
        }

        assertEquals(1 + 24, Files.readAllLines(out.resolve("runs.csv")).size());
        assertEquals(1 + 12, Files.readAllLines(out.resolve("summary.csv")).size());
        String table = printed.toString();
        assertTrue(table.contains("0.130 +- 0.016"), "OT-CFM N -> moons paper value:\n" + table);
        assertTrue(table.contains("0.601 +- 0.027"), "OT-CFM moons -> 8gaussians:\n" + table);

        Path otcfmOnly = out.resolve("otcfm-moons");
        int filterExit =
                Grl4j.commandLine()
                        .execute(
                                "fidelity",
                                "--merge",
                                out.toString(),
                                "--methods",
                                "otcfm",
                                "--tasks",
                                "gaussian-moons",
                                "--out",
                                otcfmOnly.toString());
        assertEquals(0, filterExit);
        JsonNode filtered = new ObjectMapper().readTree(otcfmOnly.resolve("results.json").toFile());
        Set<String> kept = new HashSet<>();
        filtered.get("runs")
                .forEach(r -> kept.add(r.get("task").asText() + " " + r.get("method").asText()));
        assertEquals(Set.of("gaussian-moons otcfm", "gaussian-moons otcfm-bestval"), kept);
        assertEquals(2 * 2, filtered.get("runs").size(), "two seeds, two rows");
        assertEquals(List.of("gaussian-moons"), fieldNames(filtered.get("floors")));
        assertEquals(List.of("gaussian-moons"), fieldNames(filtered.get("trainingGaps")));
        assertEquals(
                results.get("trainingGaps").get("gaussian-moons"),
                filtered.get("trainingGaps").get("gaussian-moons"));

        JsonNode seed2 = fidelity(out.resolve("seed-2"), "--merge", "" + out, "--seeds", "2");
        assertEquals(24 / 2, seed2.get("runs").size(), "seed 2's rows only");
        seed2.get("runs").forEach(r -> assertEquals(2, r.get("seed").asLong(), r.toString()));
        for (JsonNode gaps : seed2.get("trainingGaps")) {
            assertEquals(List.of("2"), fieldNames(gaps));
        }

        Path merged = out.resolve("merged");
        int mergeExit =
                Grl4j.commandLine()
                        .execute(
                                "fidelity", "--merge", out + "," + out, "--out", merged.toString());
        assertEquals(0, mergeExit);
        JsonNode combined = new ObjectMapper().readTree(merged.resolve("results.json").toFile());
        assertEquals(2 * 24, combined.get("runs").size(), "both copies of every run");
        assertEquals(4, combined.get("summary").get(0).get("seeds").asInt());
    }

    /**
     * Two diffusion methods with no --tasks run on N -> moons and N -> scurve only, each training
     * giving its Euler, DPM-Solver++ 10 and DPM-Solver++ 20 rows with finite W2s, no path energy
     * and no paper value; a second run of one seed reproduces its rows exactly, and --merge keeps
     * them.
     */
    @Test
    void diffusionMethodsGiveThreeRowsPerTrainingOnTheGaussianTasksAndReproduce() throws Exception {
        StringWriter printed = new StringWriter();
        CommandLine command = Grl4j.commandLine();
        command.setOut(new PrintWriter(printed));
        int exit = command.execute(tinyRun(out, "vpsde-score,linear-flow", "1,2"));
        assertEquals(0, exit, printed.toString());

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode runs = results.get("runs");
        assertEquals(2 * 2 * 2 * 3, runs.size(), "tasks x seeds x methods x solvers");
        assertEquals(2 * 2 * 3, results.get("summary").size(), "tasks x rows");
        assertEquals("gaussian-moons", results.get("tasks").get(0).asText());
        assertEquals("gaussian-scurve", results.get("tasks").get(1).asText());
        assertEquals(2, results.get("tasks").size());
        assertTrue(results.get("diffusion").asText().contains("DPM-Solver++"));

        Set<String> rows = new HashSet<>();
        for (JsonNode run : runs) {
            rows.add(run.get("method").asText());
            for (String field : List.of("w2", "w2Small", "finalLoss")) {
                double value = run.get(field).asDouble(Double.NaN);
                assertTrue(Double.isFinite(value) && value > 0, field + " of " + run);
            }
            assertTrue(run.get("pathEnergy").isNull(), "no path energy: " + run);
            assertTrue(run.get("normalizedPathEnergy").isNull(), run.toString());
        }
        assertEquals(
                Set.of(
                        "vpsde-score-euler",
                        "vpsde-score-dpm10",
                        "vpsde-score-dpm20",
                        "linear-flow-euler",
                        "linear-flow-dpm10",
                        "linear-flow-dpm20"),
                rows);
        // One training, three solvers: the same loss, three different sample sets.
        assertEquals(runs.get(0).get("finalLoss"), runs.get(2).get("finalLoss"));
        assertTrue(runs.get(0).get("w2").asDouble() != runs.get(1).get("w2").asDouble());
        assertTrue(runs.get(1).get("w2").asDouble() != runs.get(2).get("w2").asDouble());

        for (JsonNode row : results.get("summary")) {
            assertEquals(2, row.get("seeds").asInt());
            assertTrue(row.get("w2Std").asDouble() > 0, "two seeds give a deviation");
            assertTrue(row.get("paperW2Mean").isNull(), row.toString());
            assertTrue(row.get("withinOnePublishedStd").isNull(), row.toString());
        }
        String table = printed.toString();
        assertTrue(table.contains("linear-flow-dpm20"), table);
        assertTrue(table.contains("the paper has no numbers for these rows"), table);
        assertEquals(1 + 24, Files.readAllLines(out.resolve("runs.csv")).size());
        assertEquals(1 + 12, Files.readAllLines(out.resolve("summary.csv")).size());

        Path again = out.resolve("again");
        assertEquals(0, Grl4j.commandLine().execute(tinyRun(again, "vpsde-score", "1")));
        JsonNode repeated = new ObjectMapper().readTree(again.resolve("results.json").toFile());
        assertEquals(2 * 3, repeated.get("runs").size());
        for (int k = 0; k < 3; k++) {
            JsonNode first = runs.get(k);
            JsonNode second = repeated.get("runs").get(k);
            assertEquals(first.get("method"), second.get("method"));
            assertEquals(1, second.get("seed").asInt());
            assertEquals(first.get("w2").asDouble(), second.get("w2").asDouble(), 0.0);
            assertEquals(first.get("w2Small").asDouble(), second.get("w2Small").asDouble(), 0.0);
        }

        Path merged = out.resolve("merged");
        int mergeExit =
                Grl4j.commandLine()
                        .execute("fidelity", "--merge", out.toString(), "--out", merged.toString());
        assertEquals(0, mergeExit);
        JsonNode combined = new ObjectMapper().readTree(merged.resolve("results.json").toFile());
        assertEquals(24, combined.get("runs").size());
        assertEquals(12, combined.get("summary").size());
    }

    @Test
    void diffusionOnATaskWithoutAGaussianSourceIsAUsageError() {
        StringWriter errors = new StringWriter();
        CommandLine command = Grl4j.commandLine();
        command.setErr(new PrintWriter(errors));
        int exit =
                command.execute(
                        "fidelity",
                        "--methods",
                        "gvp-flow",
                        "--tasks",
                        "gaussian-moons,moons-8gaussians",
                        "--out",
                        out.toString());
        assertEquals(ExitCodes.USAGE, exit);
        String message = errors.toString();
        assertTrue(message.contains("gvp-flow"), message);
        assertTrue(message.contains("moons-8gaussians"), message);
        assertTrue(message.contains("N(0, I)"), message);
        assertFalse(Files.exists(out.resolve("results.json")), "nothing ran");
    }

    private static String[] tinyRun(Path directory, String methods, String seeds) {
        return new String[] {
            "fidelity",
            "--preset",
            "quick",
            "--steps",
            "30",
            "--train-points",
            "600",
            "--test-points",
            "200",
            "--methods",
            methods,
            "--seeds",
            seeds,
            "--out",
            directory.toString()
        };
    }

    @Test
    void unknownTaskNamesTheKnownOnes() {
        StringWriter errors = new StringWriter();
        CommandLine command = Grl4j.commandLine();
        command.setErr(new PrintWriter(errors));
        int exit = command.execute("fidelity", "--tasks", "spirals", "--out", out.toString());
        assertTrue(exit != 0);
        assertTrue(errors.toString().contains("gaussian-scurve"), errors.toString());
    }

    @Test
    void noFloorSkipsTheFloorsAndTrainingGaps() throws Exception {
        JsonNode results = tinyIcfmRun("nofloor", "--seeds", "1");
        assertEquals(0, results.get("floors").size(), results.get("floors").toString());
        assertEquals(0, results.get("trainingGaps").size(), results.toString());
    }

    /**
     * The training gap compares the training targets a run learns from with the test targets it is
     * measured on: with --data-seed the former come from the override and the latter from the run's
     * own seed. --floor-only measures it for every seed and trains nothing.
     */
    @Test
    void trainingGapFollowsTheDataSeedAndTheTestSeed() throws Exception {
        Path dir = out.resolve("gaps");
        int exit =
                Grl4j.commandLine()
                        .execute(
                                "fidelity",
                                "--preset",
                                "quick",
                                "--train-points",
                                "100",
                                "--test-points",
                                "60",
                                "--tasks",
                                "gaussian-moons",
                                "--seeds",
                                "2,3",
                                "--data-seed",
                                "1",
                                "--floor-only",
                                "--out",
                                dir.toString());
        assertEquals(0, exit);
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0, results.get("runs").size(), "--floor-only trains nothing");
        JsonNode gaps = results.get("trainingGaps").get("gaussian-moons");
        assertEquals(List.of("2", "3"), fieldNames(gaps));
        assertEquals(trainingGap(GAUSSIAN_MOONS, 100, 60, 1, 2), gaps.get("2").asDouble(), 1e-12);
        assertEquals(trainingGap(GAUSSIAN_MOONS, 100, 60, 1, 3), gaps.get("3").asDouble(), 1e-12);
        assertTrue(gaps.get("2").asDouble() != gaps.get("3").asDouble(), "test sets differ");
    }

    /**
     * A floor records the seed it was measured at, and --merge keeps one floor per task: the lower
     * seed's whichever order the directories come in, and a recorded seed over a floor stored
     * without one (as earlier builds wrote them).
     */
    @Test
    void mergeKeepsTheFloorOfTheLowestSeed() throws Exception {
        JsonNode first = floorOnly("floor-1", "1");
        JsonNode second = floorOnly("floor-2", "2");
        double w2First = first.get("floors").get("gaussian-moons").get("w2").asDouble();
        double w2Second = second.get("floors").get("gaussian-moons").get("w2").asDouble();
        assertTrue(w2First != w2Second, "floors differ by seed");
        assertEquals(2, second.get("floors").get("gaussian-moons").get("seed").asLong());

        for (String order : List.of("floor-1,floor-2", "floor-2,floor-1")) {
            JsonNode floor = mergedFloor(order);
            assertEquals(1, floor.get("seed").asLong(), order);
            assertEquals(w2First, floor.get("w2").asDouble(), 0.0, order);
        }

        ObjectNode unknown = (ObjectNode) first.get("floors").get("gaussian-moons");
        unknown.remove("seed");
        Path old = Files.createDirectories(out.resolve("floor-old"));
        new ObjectMapper().writeValue(old.resolve("results.json").toFile(), first);
        JsonNode floor = mergedFloor("floor-old,floor-2");
        assertEquals(2, floor.get("seed").asLong(), "a known seed over an unknown one");
        assertEquals(w2Second, floor.get("w2").asDouble(), 0.0);
    }

    private JsonNode floorOnly(String name, String seed) throws Exception {
        return fidelity(
                out.resolve(name),
                "--preset",
                "quick",
                "--test-points",
                "60",
                "--tasks",
                "gaussian-moons",
                "--seeds",
                seed,
                "--floor-only");
    }

    private JsonNode mergedFloor(String names) throws Exception {
        String inputs =
                Stream.of(names.split(","))
                        .map(n -> out.resolve(n).toString())
                        .collect(Collectors.joining(","));
        Path merged = out.resolve("merged-" + names.replace(',', '-'));
        return fidelity(merged, "--merge", inputs).get("floors").get("gaussian-moons");
    }

    /**
     * Exact W2 between the first min(train, test) training targets of data seed d (drawn from 1000
     * d + 1) and the test targets of seed s (1000 s + 2), computed here from the task's draws.
     */
    private static double trainingGap(FidelityTask task, int train, int test, long d, long s) {
        int n = Math.min(train, test);
        return Wasserstein.distance(
                task.target(train, 1000 * d + 1).slice(0, n),
                task.target(test, 1000 * s + 2).slice(0, n));
    }

    /**
     * Seed overrides move one source of randomness at a time: overriding all three with seed 1 in a
     * seed-2 run trains exactly seed 1's network (the same final loss to the last bit) but measures
     * it on seed 2's test sets (the same source-target W2 as seed 2); overriding only the
     * initialization gives another loss. The overrides are recorded, and --merge refuses to mix
     * runs with different ones.
     */
    @Test
    void seedOverridesReplaceTrainingRandomnessButNotTheTestSets() throws Exception {
        JsonNode seed1 = tinyIcfmRun("seed1", "--seeds", "1");
        JsonNode seed2 = tinyIcfmRun("seed2", "--seeds", "2");
        JsonNode moved =
                tinyIcfmRun(
                        "moved",
                        "--seeds",
                        "2",
                        "--init-seed",
                        "1",
                        "--data-seed",
                        "1",
                        "--trainer-seed",
                        "1");
        JsonNode initOnly = tinyIcfmRun("init", "--seeds", "2", "--init-seed", "1");

        assertEquals(finalLoss(seed1), finalLoss(moved), "the same training as seed 1");
        assertEquals(sourceTargetW2(seed2), sourceTargetW2(moved), "seed 2's test sets");
        assertTrue(sourceTargetW2(seed1) != sourceTargetW2(seed2), "test sets differ by seed");
        assertTrue(finalLoss(initOnly) != finalLoss(seed2), "another initialization");
        assertTrue(finalLoss(initOnly) != finalLoss(seed1), "but seed 2's data and batches");
        assertEquals(1, initOnly.get("seedOverrides").get("init").asInt());
        assertEquals(1, initOnly.get("seedOverrides").size(), initOnly.toString());
        assertFalse(seed2.has("seedOverrides"));

        String errors = refusedMerge("seed2", "init");
        assertTrue(errors.contains("--init-seed"), errors);
        String same = out.resolve("init") + "," + out.resolve("init");
        Path merged = out.resolve("same");
        assertEquals(
                0, Grl4j.commandLine().execute("fidelity", "--merge", same, "--out", "" + merged));
        JsonNode combined = new ObjectMapper().readTree(merged.resolve("results.json").toFile());
        assertEquals(1, combined.get("seedOverrides").get("init").asInt());
    }

    /**
     * --test-seed moves the test sets alone: a seed-2 run measured on seed 1's test sets trains
     * seed 2's network (the same final loss) and has seed 1's source-target W2, also when --merge
     * --recompute-npe measures that distance again from the stored overrides.
     */
    @Test
    void testSeedMovesOnlyTheTestSets() throws Exception {
        JsonNode seed1 = tinyIcfmRun("t1", "--seeds", "1");
        JsonNode seed2 = tinyIcfmRun("t2", "--seeds", "2");
        JsonNode moved = tinyIcfmRun("t2on1", "--seeds", "2", "--test-seed", "1");

        assertEquals(finalLoss(seed2), finalLoss(moved), "seed 2's training");
        assertEquals(sourceTargetW2(seed1), sourceTargetW2(moved), "seed 1's test sets");
        assertTrue(sourceTargetW2(seed1) != sourceTargetW2(seed2), "test sets differ by seed");
        assertEquals(1, moved.get("seedOverrides").get("test").asInt());

        JsonNode again = recomputedFromStale(moved, "t");
        assertEquals(sourceTargetW2(seed1), sourceTargetW2(again), 1e-12);
    }

    /**
     * --source-seed moves only the training sources of a task whose source is not N(0, I): set to
     * the data seed it changes nothing, set to another seed it changes the training but not the
     * test sets, and a task with an N(0, I) source has no source draw to move.
     */
    @Test
    void sourceSeedMovesOnlyTheTrainingSources() throws Exception {
        String[] both = {"--seeds", "1", "--tasks", "moons-8gaussians"};
        JsonNode own = tinyIcfmRun("s-own", both);
        JsonNode same = tinyIcfmRun("s-same", with(both, "--source-seed", "1"));
        JsonNode moved = tinyIcfmRun("s-moved", with(both, "--source-seed", "2"));
        for (String task : List.of("gaussian-moons", "moons-8gaussians")) {
            assertEquals(row(own, task).get("finalLoss"), row(same, task).get("finalLoss"), task);
            assertEquals(
                    row(own, task).get("sourceTargetW2"),
                    row(moved, task).get("sourceTargetW2"),
                    task + ": the test sets stay");
        }
        assertEquals(
                row(own, "gaussian-moons").get("finalLoss"),
                row(moved, "gaussian-moons").get("finalLoss"),
                "an N(0, I) source has no draw to move");
        assertNotEquals(
                row(own, "moons-8gaussians").get("finalLoss"),
                row(moved, "moons-8gaussians").get("finalLoss"),
                "other training sources");
        assertEquals(2, moved.get("seedOverrides").get("source").asInt());
    }

    private static String[] with(String[] arguments, String... more) {
        return Stream.concat(Stream.of(arguments), Stream.of(more)).toArray(String[]::new);
    }

    /** The first row of {@code results} measured on {@code task}. */
    private static JsonNode row(JsonNode results, String task) {
        for (JsonNode run : results.get("runs")) {
            if (run.get("task").asText().equals(task)) {
                return run;
            }
        }
        throw new AssertionError("no row of " + task + " in " + results);
    }

    /**
     * --merge --recompute-npe replaces a stored W2(source, target) (here overwritten with 1.0, as a
     * run stored with a smaller test set would differ) by the exact one of the whole test sets,
     * which this run measured itself, and the normalized path energy with it.
     */
    @Test
    void recomputeNpeRestoresTheWholeTestSetDenominator() throws Exception {
        JsonNode run = tinyIcfmRun("run", "--seeds", "2");
        double exact = sourceTargetW2(run);
        double npe = run.get("runs").get(0).get("normalizedPathEnergy").asDouble();
        JsonNode row = recomputedFromStale(run, "npe").get("runs").get(0);
        assertEquals(exact, row.get("sourceTargetW2").asDouble(), 1e-9 * exact);
        assertEquals(npe, row.get("normalizedPathEnergy").asDouble(), 1e-9 * npe);

        StringWriter errors = new StringWriter();
        CommandLine alone = Grl4j.commandLine();
        alone.setErr(new PrintWriter(errors));
        assertEquals(ExitCodes.USAGE, alone.execute("fidelity", "--recompute-npe"));
        assertTrue(errors.toString().contains("--merge"), errors.toString());
    }

    /**
     * Stores {@code run} with its first row's W2(source, target) and normalized path energy
     * overwritten (1.0 and 9.0, as a run stored with a smaller test set would differ), merges it
     * with --recompute-npe, and returns the merged results.
     */
    private JsonNode recomputedFromStale(JsonNode run, String name) throws Exception {
        ObjectNode stale = (ObjectNode) run.get("runs").get(0);
        stale.put("sourceTargetW2", 1.0);
        stale.put("normalizedPathEnergy", 9.0);
        Path staleDir = Files.createDirectories(out.resolve(name + "-stale"));
        new ObjectMapper().writeValue(staleDir.resolve("results.json").toFile(), run);
        Path merged = out.resolve(name + "-recomputed");
        return fidelity(merged, "--merge", staleDir.toString(), "--recompute-npe");
    }

    /** Runs {@code grl4j fidelity} with {@code arguments} into {@code dir}; its results.json. */
    private static JsonNode fidelity(Path dir, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("fidelity", "--out", dir.toString()));
        all.addAll(List.of(arguments));
        assertEquals(0, Grl4j.commandLine().execute(all.toArray(String[]::new)), all.toString());
        return new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    }

    /**
     * --trace-every 10 over 30 steps measures the weights at steps 10, 20 and 30 with the
     * validation loss of those steps (the quick preset validates every 10 steps here); step 30 is
     * the last row's measurement, and tracing leaves the training as it was.
     */
    @Test
    void traceMeasuresIntermediateWeightsWithoutChangingTheRun() throws Exception {
        JsonNode plain = tinyIcfmRun("plain", 30, "--seeds", "1");
        JsonNode traced = tinyIcfmRun("traced", 30, "--seeds", "1", "--trace-every", "10");
        List<String> trace = Files.readAllLines(out.resolve("traced").resolve("trace.csv"));
        assertEquals("task,method,seed,step,w2,w2_small,validation_loss", trace.get(0));
        assertEquals(4, trace.size(), trace.toString());
        List<String[]> rows = trace.stream().skip(1).map(line -> line.split(",", -1)).toList();
        assertEquals(List.of("10", "20", "30"), rows.stream().map(r -> r[3]).toList());
        for (String[] row : rows) {
            assertEquals("icfm", row[1]);
            assertTrue(Double.parseDouble(row[6]) > 0, "a validation loss at each traced step");
        }
        JsonNode last = traced.get("runs").get(0);
        assertEquals("icfm", last.get("method").asText());
        assertEquals(last.get("w2").asDouble(), Double.parseDouble(rows.get(2)[4]), 1e-5);
        assertEquals(plain.get("runs").get(0).get("w2"), last.get("w2"), "training unchanged");
        assertEquals(10, traced.get("trace").get("every").asInt());
        assertFalse(Files.exists(out.resolve("plain").resolve("trace.csv")));
    }

    /**
     * --ema-decay adds -ema rows from the averaged weights and leaves the last-step rows as they
     * were.
     */
    @Test
    void emaDecayAddsRowsOfTheAveragedWeights() throws Exception {
        JsonNode plain = tinyIcfmRun("plain-ema", 30, "--seeds", "1");
        JsonNode averaged = tinyIcfmRun("ema", 30, "--seeds", "1", "--ema-decay", "0.9");
        List<String> rows = new ArrayList<>();
        averaged.get("runs").forEach(r -> rows.add(r.get("method").asText()));
        assertEquals(List.of("icfm", "icfm-ema", "icfm-bestval"), rows);
        JsonNode runs = averaged.get("runs");
        assertEquals(plain.get("runs").get(0).get("w2"), runs.get(0).get("w2"));
        assertTrue(runs.get(1).get("w2").asDouble() != runs.get(0).get("w2").asDouble());
        assertEquals(0.9, averaged.get("emaDecay").asDouble());
        assertEquals(
                averaged.get("summary").get(1).get("paperW2Mean"),
                averaged.get("summary").get(0).get("paperW2Mean"),
                "the -ema row is compared with the same published value");
    }

    /**
     * --ot-pairs sampled trains OT-CFM on pairs drawn from the plan with replacement: another
     * training (another final loss) on the same test sets, recorded in the protocol, so --merge
     * refuses to mix the two pairings. An unknown pairing is a usage error that names both.
     */
    @Test
    void otPairsSampledChangesTheTrainingAndIsRecordedInTheProtocol() throws Exception {
        JsonNode permutation = tinyRun("permutation", "otcfm", 3, "--seeds", "1");
        JsonNode sampled = tinyRun("sampled", "otcfm", 3, "--seeds", "1", "--ot-pairs", "sampled");
        assertEquals("permutation", permutation.get("protocol").get("otPairs").asText());
        assertEquals("sampled", sampled.get("protocol").get("otPairs").asText());
        assertTrue(finalLoss(permutation) != finalLoss(sampled), "another training");
        assertEquals(sourceTargetW2(permutation), sourceTargetW2(sampled), "the same test sets");

        String errors = refusedMerge("permutation", "sampled");
        assertTrue(errors.contains("one protocol"), errors);

        StringWriter usage = new StringWriter();
        CommandLine bad = Grl4j.commandLine();
        bad.setErr(new PrintWriter(usage));
        assertEquals(
                ExitCodes.USAGE,
                bad.execute(
                        "fidelity", "--ot-pairs", "plan", "--out", out.resolve("x").toString()));
        assertTrue(usage.toString().contains("permutation or sampled"), usage.toString());
        assertFalse(Files.exists(out.resolve("x").resolve("results.json")), "nothing ran");
    }

    /** Merges two run directories under {@code out}, expects a usage error and returns it. */
    private String refusedMerge(String first, String second) {
        StringWriter errors = new StringWriter();
        CommandLine merge = Grl4j.commandLine();
        merge.setErr(new PrintWriter(errors));
        String mixed = out.resolve(first) + "," + out.resolve(second);
        int exit =
                merge.execute("fidelity", "--merge", mixed, "--out", out.resolve("m").toString());
        assertEquals(ExitCodes.USAGE, exit, errors.toString());
        return errors.toString();
    }

    private JsonNode tinyIcfmRun(String name, String... seedArguments) throws Exception {
        return tinyIcfmRun(name, 3, seedArguments);
    }

    private JsonNode tinyIcfmRun(String name, int steps, String... seedArguments) throws Exception {
        return tinyRun(name, "icfm", steps, seedArguments);
    }

    private JsonNode tinyRun(String name, String method, int steps, String... seedArguments)
            throws Exception {
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "--preset",
                                "quick",
                                "--steps",
                                Integer.toString(steps),
                                "--train-points",
                                "100",
                                "--test-points",
                                "60",
                                "--tasks",
                                "gaussian-moons",
                                "--methods",
                                method,
                                "--no-floor"));
        arguments.addAll(List.of(seedArguments));
        return fidelity(out.resolve(name), arguments.toArray(String[]::new));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double finalLoss(JsonNode results) {
        return results.get("runs").get(0).get("finalLoss").asDouble();
    }

    private static double sourceTargetW2(JsonNode results) {
        return results.get("runs").get(0).get("sourceTargetW2").asDouble();
    }
}
