package org.grl4j.trainer.train;

/**
 * The training rows in memory, float32 row-major: the data {@code [rows, width]}, optionally a
 * condition per row {@code [rows, conditionWidth]} and, for flow models between two data sets,
 * source rows {@code [rows, width]} (sampled independently of the data rows). Normalization is the
 * caller's business: rows arrive in the space the network sees.
 */
public record TrainingData(
        float[] data, int rows, int width, float[] condition, int conditionWidth, float[] source) {

    /** Checks the lengths against rows and widths. */
    public TrainingData {
        if (rows <= 0 || width <= 0 || data == null || data.length != (long) rows * width) {
            throw new IllegalArgumentException(
                    "TrainingData needs rows * width data values, got rows "
                            + rows
                            + ", width "
                            + width
                            + ", "
                            + (data == null ? "no" : data.length)
                            + " values");
        }
        if ((condition == null) != (conditionWidth == 0)
                || (condition != null && condition.length != (long) rows * conditionWidth)) {
            throw new IllegalArgumentException(
                    "TrainingData condition must hold rows * condition_width values (or be null"
                            + " with width 0), got width "
                            + conditionWidth
                            + " and "
                            + (condition == null ? "no" : condition.length)
                            + " values");
        }
        if (source != null && source.length % width != 0) {
            throw new IllegalArgumentException(
                    "TrainingData source must hold whole rows of width "
                            + width
                            + ", got "
                            + source.length);
        }
    }

    /** Unconditional data with a Gaussian source. */
    public static TrainingData of(double[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < width; k++) {
                flat[i * width + k] = (float) rows[i][k];
            }
        }
        return new TrainingData(flat, rows.length, width, null, 0, null);
    }

    public boolean conditional() {
        return condition != null;
    }
}
