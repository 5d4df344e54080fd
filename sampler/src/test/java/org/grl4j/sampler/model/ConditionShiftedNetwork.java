package org.grl4j.sampler.model;

import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.path.GaussianPath;

/**
 * The exact noise network of data N(c, v I) whose mean is the row's condition c (C = D): h(t, x, c)
 * = sigma (x - s c) / (s^2 v + sigma^2). Used to see which condition each output row was sampled
 * with.
 */
public record ConditionShiftedNetwork(GaussianPath path, int xSize, double variance)
        implements BatchNetwork {

    @Override
    public int conditionSize() {
        return xSize;
    }

    @Override
    public void evaluate(int n, double[] t, double[] x, double[] condition, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = path.scale(t[i]);
            double sigma = path.std(t[i]);
            double v = s * s * variance + sigma * sigma;
            for (int j = i * xSize; j < (i + 1) * xSize; j++) {
                out[j] = sigma * (x[j] - s * condition[j]) / v;
            }
        }
    }
}
