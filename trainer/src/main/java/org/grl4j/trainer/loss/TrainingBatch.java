package org.grl4j.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One minibatch of training rows: the data {@code [B, D]}, optionally the condition of each row
 * {@code [B, C]} and, for flow and bridge models that transport one data set to another, the source
 * rows {@code [B, D]} (absent: the source is N(0, I)). Row i of every array belongs to the same
 * example. Float32, all on the same manager.
 */
public record TrainingBatch(NDArray data, NDArray condition, NDArray source) {

    /** Checks that the arrays are two-dimensional with the same number of rows. */
    public TrainingBatch {
        if (data == null || data.getShape().dimension() != 2) {
            throw new IllegalArgumentException(
                    "TrainingBatch data must be [B, D], got "
                            + (data == null ? null : data.getShape()));
        }
        long rows = data.getShape().get(0);
        if (condition != null
                && (condition.getShape().dimension() != 2 || condition.getShape().get(0) != rows)) {
            throw new IllegalArgumentException(
                    "TrainingBatch condition must be ["
                            + rows
                            + ", C], got "
                            + condition.getShape());
        }
        if (source != null && !source.getShape().equals(data.getShape())) {
            throw new IllegalArgumentException(
                    "TrainingBatch source must have the data's shape "
                            + data.getShape()
                            + ", got "
                            + source.getShape());
        }
    }

    /** An unconditional batch with a Gaussian source. */
    public static TrainingBatch of(NDArray data) {
        return new TrainingBatch(data, null, null);
    }

    /** B. */
    public int size() {
        return Math.toIntExact(data.getShape().get(0));
    }

    /** D. */
    public int width() {
        return Math.toIntExact(data.getShape().get(1));
    }

    public NDManager manager() {
        return data.getManager();
    }
}
