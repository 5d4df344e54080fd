package org.grl4j.models.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes point sets choosing the format from the file name: {@code .npy} goes to {@link
 * NpyPoints}, {@code .csv} (and {@code .txt}) to {@link CsvPoints}.
 */
public final class PointFiles {

    private PointFiles() {}

    /** Reads {@code file} as {@code .npy} or CSV (header detected) by its extension. */
    public static PointSet read(Path file) {
        return switch (format(file)) {
            case "npy" -> NpyPoints.read(file);
            default -> CsvPoints.read(file);
        };
    }

    /** Writes {@code points} atomically as float64 {@code .npy} or header-less CSV. */
    public static void write(Path file, PointSet points) {
        switch (format(file)) {
            case "npy" -> NpyPoints.write(file, points);
            default -> CsvPoints.write(file, points);
        }
    }

    private static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return "npy";
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return "csv";
        }
        throw new IllegalArgumentException(
                "cannot tell the format of '"
                        + file.getFileName()
                        + "' from its name; use a .npy or .csv extension");
    }
}
