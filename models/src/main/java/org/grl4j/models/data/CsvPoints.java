package org.grl4j.models.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes point sets as comma-separated text: one point per line, one coordinate per
 * column, an optional header line of column names. Only plain decimal numbers are accepted ({@code
 * -1.5}, {@code 2e-3}, {@code .5}); surrounding spaces are ignored and blank lines are skipped. NaN
 * and infinite values are rejected, because a model trained on them is silently broken. Line and
 * column numbers in error messages count from 1, as a text editor does.
 *
 * <p>Numeric CSV needs no quoting rules, so the parser is a few lines here rather than a new
 * dependency for every service that embeds the sampler.
 */
public final class CsvPoints {

    /** Whether the first non-blank line holds column names. */
    public enum Header {
        /** A header if none of the first line's cells is a number (or NaN/infinity). */
        AUTO,
        /** The first non-blank line is a header and is skipped. */
        PRESENT,
        /** Every line is data. */
        ABSENT
    }

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Set<String> NON_FINITE =
            Set.of(
                    "nan",
                    "inf",
                    "infinity",
                    "+nan",
                    "-nan",
                    "+inf",
                    "-inf",
                    "+infinity",
                    "-infinity");

    private CsvPoints() {}

    /** Reads {@code file}, detecting a header line ({@link Header#AUTO}). */
    public static PointSet read(Path file) {
        return read(file, Header.AUTO);
    }

    /**
     * Reads {@code file} as a point set {@code [lines, columns]}.
     *
     * @throws InvalidDataFileException for an empty file, a non-numeric, NaN or infinite cell (with
     *     its line and column), or a row whose width differs from the first data row's
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PointSet read(Path file, Header header) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, reader, header);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static PointSet parse(Path file, BufferedReader reader, Header header)
            throws IOException {
        List<double[]> rows = new ArrayList<>();
        int headerWidth = -1;
        int headerLine = -1;
        int firstDataLine = -1;
        boolean sawLine = false;
        String line;
        for (int number = 1; (line = reader.readLine()) != null; number++) {
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (!sawLine) {
                sawLine = true;
                if (header == Header.PRESENT || (header == Header.AUTO && noneNumeric(cells))) {
                    headerWidth = cells.length;
                    headerLine = number;
                    continue;
                }
            }
            if (firstDataLine < 0) {
                firstDataLine = number;
                if (headerWidth >= 0 && headerWidth != cells.length) {
                    throw new InvalidDataFileException(
                            file,
                            "header (line "
                                    + headerLine
                                    + ") names "
                                    + headerWidth
                                    + " columns but line "
                                    + number
                                    + " has "
                                    + cells.length
                                    + "; give one name per column");
                }
            } else if (cells.length != rows.get(0).length) {
                throw new InvalidDataFileException(
                        file,
                        "line "
                                + number
                                + " has "
                                + cells.length
                                + " columns but the first data row (line "
                                + firstDataLine
                                + ") has "
                                + rows.get(0).length
                                + "; every row needs the same number of comma-separated values");
            }
            rows.add(parseRow(file, cells, number));
        }
        return toPointSet(file, rows, sawLine);
    }

    private static boolean noneNumeric(String[] cells) {
        for (String cell : cells) {
            String trimmed = cell.strip();
            if (DECIMAL.matcher(trimmed).matches()
                    || NON_FINITE.contains(trimmed.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static double[] parseRow(Path file, String[] cells, int line) {
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            row[c] = parseCell(file, cells[c].strip(), line, c + 1);
        }
        return row;
    }

    private static double parseCell(Path file, String cell, int line, int column) {
        String where = "line " + line + ", column " + column;
        if (cell.isEmpty()) {
            throw new InvalidDataFileException(
                    file, where + " is empty; every cell needs a finite number");
        }
        if (NON_FINITE.contains(cell.toLowerCase(Locale.ROOT))) {
            throw new InvalidDataFileException(
                    file,
                    where
                            + " is '"
                            + cell
                            + "' (NaN or infinite); only finite numbers are allowed: drop or"
                            + " impute those rows");
        }
        if (!DECIMAL.matcher(cell).matches()) {
            throw new InvalidDataFileException(
                    file,
                    where
                            + " is '"
                            + cell
                            + "', not a number; expected a decimal such as -1.25 or 3e-2");
        }
        double value = Double.parseDouble(cell);
        if (Double.isInfinite(value)) {
            throw new InvalidDataFileException(
                    file, where + " is '" + cell + "', which overflows a double (|x| > 1.8e308)");
        }
        return value;
    }

    private static PointSet toPointSet(Path file, List<double[]> rows, boolean sawLine) {
        if (rows.isEmpty()) {
            throw new InvalidDataFileException(
                    file,
                    sawLine
                            ? "has a header line but no data rows"
                            : "is empty; expected comma-separated numbers, one point per line");
        }
        int d = rows.get(0).length;
        double[] values = new double[Math.multiplyExact(rows.size(), d)];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * d, d);
        }
        return PointSet.wrap(rows.size(), d, values);
    }

    /**
     * Writes {@code points} with no header, atomically (see {@link #write(Path, PointSet, List)}).
     */
    public static void write(Path file, PointSet points) {
        write(file, points, List.of());
    }

    /**
     * Writes {@code points} one per line, each value in Java's shortest round-trip decimal form,
     * preceded by a header of {@code columnNames} unless that list is empty. The file appears
     * complete or not at all: it is written to a temporary file in the same directory and then
     * renamed over {@code file}.
     *
     * @throws IllegalArgumentException if the names do not match the dimension or contain a comma,
     *     a quote or a line break
     */
    public static void write(Path file, PointSet points, List<String> columnNames) {
        checkHeader(points, columnNames);
        AtomicFiles.write(
                file,
                out -> {
                    Writer writer =
                            new BufferedWriter(
                                    new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                    if (!columnNames.isEmpty()) {
                        writer.write(String.join(",", columnNames));
                        writer.write('\n');
                    }
                    writeRows(writer, points);
                    writer.flush();
                });
    }

    private static void writeRows(Writer writer, PointSet points) throws IOException {
        double[] values = points.toArray();
        int d = points.dimension();
        for (int i = 0; i < points.size(); i++) {
            for (int j = 0; j < d; j++) {
                if (j > 0) {
                    writer.write(',');
                }
                writer.write(Double.toString(values[i * d + j]));
            }
            writer.write('\n');
        }
    }

    private static void checkHeader(PointSet points, List<String> columnNames) {
        if (!columnNames.isEmpty() && columnNames.size() != points.dimension()) {
            throw new IllegalArgumentException(
                    columnNames.size()
                            + " column names given for points of dimension "
                            + points.dimension()
                            + "; give one name per column or none");
        }
        for (String name : columnNames) {
            if (name.isEmpty() || name.matches(".*[,\"\\r\\n].*")) {
                throw new IllegalArgumentException(
                        "column name '"
                                + name
                                + "' is empty or holds a comma, quote or line break; use plain"
                                + " names such as x0");
            }
        }
    }
}
