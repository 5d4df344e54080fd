package org.grl4j.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The bench results as one Markdown table: one row per figure, engine and thread count, with the
 * median over the repetitions, its range, and speed-ups against the same figure on DJL in the same
 * run and against the PyTorch figures of reference/benchmarks.md. A speed-up above 1 means the row
 * is faster than what it is compared with.
 */
final class BenchTable {

    /** One line of the table; {@code vsDjl} and {@code vsPyTorch} are speed-ups, or empty. */
    record Row(
            String figure,
            String engine,
            int threads,
            double value,
            double low,
            double high,
            String unit,
            OptionalDouble vsDjl,
            OptionalDouble vsPyTorch,
            OptionalDouble vsPyTorchAdjusted,
            String note) {

        Row withNote(String text) {
            return new Row(
                    figure,
                    engine,
                    threads,
                    value,
                    low,
                    high,
                    unit,
                    vsDjl,
                    vsPyTorch,
                    vsPyTorchAdjusted,
                    text);
        }
    }

    static final String[] HEADER = {
        "figure",
        "engine",
        "threads",
        "median",
        "range",
        "unit",
        "vs DJL",
        "vs PyTorch ref",
        "load-adjusted",
        "note"
    };

    private final List<Row> rows = new ArrayList<>();
    private final String[] header;

    /** A table with the standard header. */
    BenchTable() {
        this(HEADER);
    }

    /** A table whose columns carry other names (for example "vs baseline"). */
    BenchTable(String[] header) {
        if (header.length != HEADER.length) {
            throw new IllegalArgumentException(
                    "a bench table has " + HEADER.length + " columns, got " + header.length);
        }
        this.header = header.clone();
    }

    void add(Row row) {
        rows.add(row);
    }

    /** Replaces every row with the rows of {@code other}. */
    void replaceWith(BenchTable other) {
        rows.clear();
        rows.addAll(other.rows);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The row for a figure, engine and thread count, if measured. */
    Row find(String figure, String engine, int threads) {
        for (Row row : rows) {
            if (row.figure().equals(figure)
                    && row.engine().equals(engine)
                    && row.threads() == threads) {
                return row;
            }
        }
        return null;
    }

    void print(PrintWriter out) {
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        for (Row row : rows) {
            cells.add(
                    new String[] {
                        row.figure(),
                        row.engine(),
                        Integer.toString(row.threads()),
                        number(row.value()),
                        number(row.low()) + " - " + number(row.high()),
                        row.unit(),
                        ratio(row.vsDjl()),
                        ratio(row.vsPyTorch()),
                        ratio(row.vsPyTorchAdjusted()),
                        row.note()
                    });
        }
        int[] widths = new int[header.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        print(out, cells.get(0), widths);
        StringBuilder rule = new StringBuilder("|");
        for (int width : widths) {
            rule.append('-').append("-".repeat(width)).append("-|");
        }
        out.println(rule);
        for (String[] line : cells.subList(1, cells.size())) {
            print(out, line, widths);
        }
        out.flush();
    }

    private static void print(PrintWriter out, String[] line, int[] widths) {
        StringBuilder text = new StringBuilder("|");
        for (int i = 0; i < line.length; i++) {
            text.append(' ').append(line[i]).append(" ".repeat(widths[i] - line[i].length()));
            text.append(" |");
        }
        out.println(text);
    }

    /** Three significant digits, without exponent for the magnitudes the bench produces. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format("%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format("%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format("%.2f", value);
        }
        return String.format("%.3g", value);
    }

    static String ratio(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format("%.2fx", ratio.getAsDouble()) : "-";
    }
}
