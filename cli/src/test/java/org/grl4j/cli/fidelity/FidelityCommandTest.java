package org.grl4j.cli.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.grl4j.cli.Grl4j;
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
        assertEquals(2 * 2 * 3, results.get("runs").size(), "tasks x seeds x method rows");
        assertEquals(2 * 3, results.get("summary").size(), "tasks x method rows");
        assertEquals(200, results.get("protocol").get("testPoints").asInt());
        assertEquals(30, results.get("protocol").get("steps").asInt());
        assertTrue(results.get("hardware").get("availableProcessors").asInt() >= 1);
        assertTrue(results.get("floors").has("gaussian-moons"));
        assertTrue(results.get("floors").has("moons-8gaussians"));

        Set<String> methods = new HashSet<>();
        for (JsonNode run : results.get("runs")) {
            methods.add(run.get("method").asText());
            double w2 = run.get("w2").asDouble();
            assertTrue(w2 > 0 && w2 < 100, "an untrained flow still lands near the data: " + w2);
            boolean sde = run.get("method").asText().endsWith("-sde");
            assertEquals(sde, run.get("pathEnergy").isNull(), "path energy only for ODE rows");
        }
        assertEquals(Set.of("otcfm", "sf2m-ode", "sf2m-sde"), methods);

        for (JsonNode row : results.get("summary")) {
            assertEquals(2, row.get("seeds").asInt());
            assertTrue(row.get("w2Std").asDouble() > 0, "two seeds give a deviation");
            boolean published = !row.get("method").asText().equals("sf2m-ode");
            assertEquals(published, !row.get("paperW2Mean").isNull(), row.toString());
        }

        assertEquals(1 + 12, Files.readAllLines(out.resolve("runs.csv")).size());
        assertEquals(1 + 6, Files.readAllLines(out.resolve("summary.csv")).size());
        String table = printed.toString();
        assertTrue(table.contains("0.130 +- 0.016"), "OT-CFM N -> moons paper value:\n" + table);
        assertTrue(table.contains("0.601 +- 0.027"), "OT-CFM moons -> 8gaussians:\n" + table);

        Path merged = out.resolve("merged");
        int mergeExit =
                Grl4j.commandLine()
                        .execute(
                                "fidelity", "--merge", out + "," + out, "--out", merged.toString());
        assertEquals(0, mergeExit);
        JsonNode combined = new ObjectMapper().readTree(merged.resolve("results.json").toFile());
        assertEquals(2 * 12, combined.get("runs").size(), "both copies of every run");
        assertEquals(4, combined.get("summary").get(0).get("seeds").asInt());
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
}
