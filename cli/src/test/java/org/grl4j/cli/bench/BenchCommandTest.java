package org.grl4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.grl4j.cli.Grl4j;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code grl4j bench --quick}: the table's structure and that every figure was measured. */
class BenchCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Grl4j.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int exitCode = commandLine.execute(all);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The cells of each table line of the first table, header first. */
    private static List<String[]> table(String out) {
        List<String[]> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("| ")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                lines.add(Arrays.stream(cells).map(String::trim).toArray(String[]::new));
            }
        }
        return lines;
    }

    @Test
    void quickBenchPrintsOneTableWithEveryFigureOnBothEnginesAndPositiveNumbers() {
        Run run = bench("--quick");

        assertEquals(0, run.exitCode(), run.err());
        List<String[]> table = table(run.out());
        assertEquals(List.of(BenchTable.HEADER), List.of(table.get(0)));
        List<String> keys = new ArrayList<>();
        for (String[] row : table.subList(1, table.size())) {
            keys.add(row[0] + " / " + row[1] + " / " + row[2]);
            double median = Double.parseDouble(row[3]);
            String[] range = row[4].split(" - ");
            double low = Double.parseDouble(range[0]);
            double high = Double.parseDouble(range[1]);
            assertTrue(median > 0 && Double.isFinite(median), String.join(" | ", row));
            assertTrue(low > 0 && low <= median && median <= high, String.join(" | ", row));
        }
        assertEquals(
                List.of(
                        "matmul 64^3 / grl4j-onnx / 1",
                        "matmul 64^3 / djl-pytorch / 1",
                        "sampling 64 x 3 Euler / grl4j-onnx / 1",
                        "latency 1 x 3 Euler p50 / grl4j-onnx / 1",
                        "latency 1 x 3 Euler p99 / grl4j-onnx / 1",
                        "sampling 64 x 3 Euler / djl-pytorch / 1",
                        "latency 1 x 3 Euler p50 / djl-pytorch / 1",
                        "latency 1 x 3 Euler p99 / djl-pytorch / 1",
                        "train step batch 32 / djl-pytorch / 1"),
                keys);
    }

    @Test
    void onnxRowsCarryASpeedUpAgainstDjlAndTheThroughputItsShareOfTheCeiling() {
        Run run = bench("--quick", "--skip", "train");

        assertEquals(0, run.exitCode(), run.err());
        for (String[] row : table(run.out())) {
            if (row[1].equals(BenchCommand.ONNX) && !row[0].startsWith("matmul")) {
                assertTrue(row[6].endsWith("x"), String.join(" | ", row));
                assertTrue(Double.parseDouble(row[6].replace("x", "")) > 0);
            }
            if (row[0].startsWith("sampling")) {
                assertTrue(row[9].matches("[0-9.]+ GFLOP/s = [0-9]+% of ceiling"), row[9]);
            }
        }
        // A tiny network is not the shape of reference/benchmarks.md: no PyTorch ratios.
        assertTrue(
                table(run.out()).stream()
                        .skip(1)
                        .allMatch(row -> row[7].equals("-") && row[8].equals("-")));
    }

    @Test
    void aNetworkWithLargeLayersAlsoGetsInt8LatencyRowsWithTheirError() {
        // [64, 32]: the 64 x 64 layer reaches the 4096-weight threshold of the int8 export.
        Run run = bench("--quick", "--hidden", "64,32", "--skip", "matmul,djl,train");

        assertEquals(0, run.exitCode(), run.err());
        List<String[]> int8 =
                table(run.out()).stream().filter(row -> row[1].equals(BenchCommand.INT8)).toList();
        assertEquals(2, int8.size(), run.out());
        assertEquals("latency 1 x 3 Euler p50", int8.get(0)[0]);
        String note = int8.get(0)[9];
        assertTrue(note.matches("int8 weights; h within [0-9.]+% of the float file .*"), note);
        double percent = Double.parseDouble(note.replaceAll(".*within ([0-9.]+)%.*", "$1"));
        assertTrue(percent > 0 && percent < 5, note);
    }

    @Test
    void latencySpinningIsStatedInTheHeader() {
        Run run = bench("--quick", "--latency-spinning", "--skip", "matmul,djl,train");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out().contains("single-sample calls (spinning intra-op threads)"), run.out());
        assertEquals(4, table(run.out()).size(), run.out());
    }

    @Test
    void explicitOptionsOverrideTheQuickSizes() {
        Run run = bench("--quick", "--samples", "10", "--skip", "matmul,djl,train");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("10 samples x 3 Euler steps"), run.out());
        assertEquals(4, table(run.out()).size(), run.out()); // header + sampling, p50, p99
    }

    @Test
    void aNonPositiveSizeIsRefusedWithTheOptionName() {
        Run run = bench("--quick", "--steps", "0");

        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("--steps is 0"), run.err());
    }
}
