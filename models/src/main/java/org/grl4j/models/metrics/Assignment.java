package org.grl4j.models.metrics;

import java.util.Arrays;

/**
 * A one-to-one pairing of the n rows of a cost matrix with its n columns: row {@code i} goes to
 * column {@code columnOf(i)}, and {@link #totalCost()} is the sum of the paired costs. Between two
 * equal-size point sets this permutation is the exact optimal-transport plan with uniform weights,
 * which is how the trainer re-pairs a minibatch for OT-CFM.
 */
public final class Assignment {

    private final int[] columnOfRow;
    private final double totalCost;
    private final double[] rowPotential;
    private final double[] columnPotential;

    Assignment(
            int[] columnOfRow, double totalCost, double[] rowPotential, double[] columnPotential) {
        this.columnOfRow = columnOfRow;
        this.totalCost = totalCost;
        this.rowPotential = rowPotential;
        this.columnPotential = columnPotential;
    }

    /** The number of rows n. */
    public int size() {
        return columnOfRow.length;
    }

    /** The column paired with {@code row}. */
    public int columnOf(int row) {
        return columnOfRow[row];
    }

    /** A copy of the pairing: {@code permutation()[i]} is the column of row {@code i}. */
    public int[] permutation() {
        return columnOfRow.clone();
    }

    /** The inverse pairing: {@code inverse()[j]} is the row paired with column {@code j}. */
    public int[] inverse() {
        int[] rowOfColumn = new int[columnOfRow.length];
        for (int i = 0; i < columnOfRow.length; i++) {
            rowOfColumn[columnOfRow[i]] = i;
        }
        return rowOfColumn;
    }

    /** The sum over rows of {@code c(i, columnOf(i))}. */
    public double totalCost() {
        return totalCost;
    }

    /**
     * Row potentials u of the dual certificate: with {@link #columnPotentials()} v, u_i + v_j <=
     * c(i, j) for every pair (up to rounding) with equality on the assigned pairs, so sum u + sum v
     * equals the total cost and no assignment can cost less (linear-programming duality). Between
     * point sets these are discrete Kantorovich potentials.
     */
    public double[] rowPotentials() {
        return rowPotential.clone();
    }

    /** Column potentials v of the dual certificate (see {@link #rowPotentials()}). */
    public double[] columnPotentials() {
        return columnPotential.clone();
    }

    @Override
    public String toString() {
        return "Assignment[n="
                + columnOfRow.length
                + ", totalCost="
                + totalCost
                + (columnOfRow.length <= 16 ? ", columns=" + Arrays.toString(columnOfRow) : "")
                + "]";
    }
}
