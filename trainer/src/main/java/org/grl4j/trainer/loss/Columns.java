package org.grl4j.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/** Per-row coefficients and random draws as float32 arrays. */
final class Columns {

    private Columns() {}

    /** f(t_i) for every row, as a column {@code [B, 1]} computed in double and rounded once. */
    static NDArray of(NDManager manager, double[] t, DoubleUnaryOperator f) {
        float[] values = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            values[i] = (float) f.applyAsDouble(t[i]);
        }
        return manager.create(values, new Shape(t.length, 1));
    }

    /** The times as a vector {@code [B]}. */
    static NDArray times(NDManager manager, double[] t) {
        float[] values = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            values[i] = (float) t[i];
        }
        return manager.create(values, new Shape(t.length));
    }

    /** {@code count} standard normal draws. */
    static float[] gaussians(int count, RandomGenerator random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** 1/2 sum over the last axis of residual^2, averaged over rows: a scalar. */
    static NDArray halfSquaredNormMean(NDArray residual) {
        return residual.square().sum(new int[] {1}).mean().mul(0.5f);
    }
}
