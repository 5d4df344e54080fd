package org.grl4j.sampler;

/**
 * Argument checks shared by the sampler's packages. Every failure is an {@link
 * IllegalArgumentException} whose message names the argument, the value found, what is allowed and
 * how to fix it.
 */
public final class Checks {

    private Checks() {}

    /** Requires {@code value > 0}. */
    public static int positive(String name, int value, String fix) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    name + " must be positive, found " + value + "; " + fix);
        }
        return value;
    }

    /** Requires a finite {@code value > 0}. */
    public static double positive(String name, double value, String fix) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    name + " must be finite and positive, found " + value + "; " + fix);
        }
        return value;
    }

    /** Requires a finite {@code value >= 0}. */
    public static double nonNegative(String name, double value, String fix) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    name + " must be finite and >= 0, found " + value + "; " + fix);
        }
        return value;
    }

    /** Requires a finite value. */
    public static double finite(String name, double value, String fix) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    name + " must be finite, found " + value + "; " + fix);
        }
        return value;
    }

    /**
     * Requires {@code array} to hold exactly {@code rows} rows of width {@code width} ({@code rows
     * * width} values, row-major) with no NaN or infinity.
     */
    public static double[] rows(String name, double[] array, int rows, int width) {
        if (array == null) {
            throw new IllegalArgumentException(
                    name + " is null; pass " + rows + " rows of width " + width + " (row-major)");
        }
        long expected = (long) rows * width;
        if (array.length != expected) {
            throw new IllegalArgumentException(
                    name
                            + " has "
                            + array.length
                            + " values, expected "
                            + expected
                            + " ("
                            + rows
                            + " rows x width "
                            + width
                            + ", row-major); check the row count and the model's width");
        }
        return allFinite(name, array, width);
    }

    /** Requires every value of {@code array} to be finite; {@code width} locates the bad row. */
    public static double[] allFinite(String name, double[] array, int width) {
        for (int i = 0; i < array.length; i++) {
            if (!Double.isFinite(array[i])) {
                throw new IllegalArgumentException(
                        name
                                + " holds "
                                + array[i]
                                + " at row "
                                + i / Math.max(width, 1)
                                + ", column "
                                + i % Math.max(width, 1)
                                + "; inputs must be finite: clean or drop that row");
            }
        }
        return array;
    }
}
