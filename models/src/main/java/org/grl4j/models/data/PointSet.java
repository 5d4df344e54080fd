package org.grl4j.models.data;

import java.util.Arrays;

/**
 * An immutable set of {@code n} points in {@code d} dimensions: a matrix {@code [n, d]} stored
 * row-major in doubles, so point {@code i} occupies {@code values[i * d .. i * d + d)}.
 *
 * <p>Every constructor and accessor that takes or returns an array copies it: a point set can be
 * shared between threads and handed to user code without fear of later mutation.
 */
public final class PointSet {

    private final int size;
    private final int dimension;
    private final double[] values;

    private PointSet(int size, int dimension, double[] values, boolean copy) {
        if (size < 0) {
            throw new IllegalArgumentException(
                    "point count is " + size + "; it must be zero or more");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException(
                    "dimension is " + dimension + "; a point needs at least one coordinate");
        }
        if ((long) size * dimension != values.length) {
            throw new IllegalArgumentException(
                    "a ["
                            + size
                            + ", "
                            + dimension
                            + "] point set needs "
                            + (long) size * dimension
                            + " values but "
                            + values.length
                            + " were given; pass exactly size * dimension values, row-major");
        }
        this.size = size;
        this.dimension = dimension;
        this.values = copy ? values.clone() : values;
    }

    /** A point set over a copy of {@code rowMajor}, which holds {@code size * dimension} values. */
    public static PointSet of(int size, int dimension, double[] rowMajor) {
        return new PointSet(size, dimension, rowMajor, true);
    }

    /** A point set from one array per point; every row must have the same length. */
    public static PointSet ofRows(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(
                    "no rows given; use of(0, dimension, new double[0]) for an empty set");
        }
        int d = rows[0].length;
        double[] values = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(
                        "row "
                                + i
                                + " has "
                                + rows[i].length
                                + " values but row 0 has "
                                + d
                                + "; every point needs the same dimension");
            }
            System.arraycopy(rows[i], 0, values, i * d, d);
        }
        return new PointSet(rows.length, d, values, false);
    }

    /** Wraps an array this package has just filled and will never touch again. */
    static PointSet wrap(int size, int dimension, double[] rowMajor) {
        return new PointSet(size, dimension, rowMajor, false);
    }

    /** Number of points {@code n}. */
    public int size() {
        return size;
    }

    /** Number of coordinates per point {@code d}. */
    public int dimension() {
        return dimension;
    }

    /** Coordinate {@code column} of point {@code row}. */
    public double get(int row, int column) {
        checkRow(row);
        if (column < 0 || column >= dimension) {
            throw new IndexOutOfBoundsException(
                    "column " + column + " is outside [0, " + dimension + ")");
        }
        return values[row * dimension + column];
    }

    /** A copy of point {@code row}. */
    public double[] row(int row) {
        checkRow(row);
        return Arrays.copyOfRange(values, row * dimension, (row + 1) * dimension);
    }

    /** A copy of coordinate {@code column} of every point, length {@code n}. */
    public double[] column(int column) {
        if (column < 0 || column >= dimension) {
            throw new IndexOutOfBoundsException(
                    "column " + column + " is outside [0, " + dimension + ")");
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = values[i * dimension + column];
        }
        return out;
    }

    /** A copy of all values, row-major {@code [n, d]}. */
    public double[] toArray() {
        return values.clone();
    }

    /** A copy of all values as float32, row-major {@code [n, d]} (the ONNX Runtime layout). */
    public float[] toFloatArray() {
        float[] out = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = (float) values[k];
        }
        return out;
    }

    /** A copy as one array per point. */
    public double[][] toRows() {
        double[][] out = new double[size][];
        for (int i = 0; i < size; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /** The points at {@code indices}, in that order (an index may repeat). */
    public PointSet select(int[] indices) {
        double[] out = new double[indices.length * dimension];
        for (int k = 0; k < indices.length; k++) {
            checkRow(indices[k]);
            System.arraycopy(values, indices[k] * dimension, out, k * dimension, dimension);
        }
        return new PointSet(indices.length, dimension, out, false);
    }

    /** Points {@code from} (inclusive) to {@code to} (exclusive). */
    public PointSet slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException(
                    "slice [" + from + ", " + to + ") is not inside [0, " + size + ")");
        }
        return new PointSet(
                to - from,
                dimension,
                Arrays.copyOfRange(values, from * dimension, to * dimension),
                false);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + size + ")");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PointSet that
                && size == that.size
                && dimension == that.dimension
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + dimension) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PointSet[" + size + " x " + dimension + "]";
    }
}
