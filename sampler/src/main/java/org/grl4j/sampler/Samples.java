package org.grl4j.sampler;

/**
 * The result of one sampling call.
 *
 * @param x the samples, row-major {@code double[rows * xSize]}; for k samples per condition, sample
 *     j of condition i is row i k + j
 * @param rows the number of rows N
 * @param xSize D, the width of a row
 * @param evaluations the number of drift evaluations (NFE); a guided model or a bridge SDE makes
 *     two network calls per evaluation
 * @param wallNanos the wall time of the solve, in nanoseconds
 */
public record Samples(double[] x, int rows, int xSize, int evaluations, long wallNanos) {

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        double[] out = new double[xSize];
        System.arraycopy(x, i * xSize, out, 0, xSize);
        return out;
    }
}
