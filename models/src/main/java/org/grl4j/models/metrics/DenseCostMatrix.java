package org.grl4j.models.metrics;

/** A cost matrix held in memory, row-major. */
final class DenseCostMatrix implements CostMatrix {

    private final int n;
    private final double[] costs;

    DenseCostMatrix(double[][] rows) {
        n = rows.length;
        costs = new double[Math.multiplyExact(n, n)];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != n) {
                throw new IllegalArgumentException(
                        "cost row "
                                + i
                                + " has "
                                + rows[i].length
                                + " entries but there are "
                                + n
                                + " rows; the cost matrix must be square");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(
                            "cost["
                                    + i
                                    + "]["
                                    + j
                                    + "] is "
                                    + rows[i][j]
                                    + "; every cost must be finite (use a large finite value to"
                                    + " forbid a pair)");
                }
            }
            System.arraycopy(rows[i], 0, costs, i * n, n);
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double cost(int row, int column) {
        return costs[row * n + column];
    }

    @Override
    public void row(int row, double[] out) {
        System.arraycopy(costs, row * n, out, 0, n);
    }
}
