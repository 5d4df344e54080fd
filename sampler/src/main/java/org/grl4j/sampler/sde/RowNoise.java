package org.grl4j.sampler.sde;

import java.util.SplittableRandom;

/**
 * Standard normal noise for one sampling call, one independent stream per row, all derived from one
 * seed.
 *
 * <p>A {@link SplittableRandom} seeded with the call's seed is split once per row, in row order;
 * row i draws from the i-th split, and draws happen in a fixed order (its initial state first, then
 * each solver step's increments, then any inpainting noise, in evaluation order). The numbers
 * therefore depend only on the seed, the row index and the solver's deterministic evaluation
 * sequence: never on thread count or scheduling. Because rows have their own streams, row i of a
 * call with N rows equals row i of a call with more rows for every fixed-step solver.
 *
 * <p>Normals come from {@link SplittableRandom#nextGaussian()} (the JDK 17 ziggurat), so a seed
 * gives the same numbers on every Java 17+ JVM. Not thread-safe: one instance serves one call.
 */
public final class RowNoise {

    private final SplittableRandom[] rows;

    /** Streams for {@code rows} rows derived from {@code seed}. */
    public RowNoise(long seed, int rows) {
        SplittableRandom root = new SplittableRandom(seed);
        this.rows = new SplittableRandom[rows];
        for (int i = 0; i < rows; i++) {
            this.rows[i] = root.split();
        }
    }

    /** The number of rows. */
    public int rows() {
        return rows.length;
    }

    /** Fills {@code out[row * width .. (row + 1) * width)} with draws from row {@code row}. */
    public void fillRow(int row, double[] out, int width) {
        SplittableRandom random = rows[row];
        int offset = row * width;
        for (int j = 0; j < width; j++) {
            out[offset + j] = random.nextGaussian();
        }
    }

    /** Fills all rows of {@code out} ({@code rows * width} values, row-major). */
    public void fill(double[] out, int width) {
        for (int i = 0; i < rows.length; i++) {
            fillRow(i, out, width);
        }
    }

    /** A new {@code rows x width} array of draws, row-major. */
    public double[] next(int width) {
        double[] out = new double[rows.length * width];
        fill(out, width);
        return out;
    }
}
