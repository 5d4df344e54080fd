package org.grl4j.models.network;

import java.util.Objects;
import org.grl4j.models.path.ConstantNoisePath;

/**
 * The exact marginal velocity of independent conditional flow matching (I-CFM) for Gaussian data: t
 * = 0 is the source N(0, I), t = 1 the data N(m, diag(v)), pairs drawn independently, and x_t = (1
 * - t) x_0 + t x_1 + sigma_min z on a {@link ConstantNoisePath}. What a perfectly trained flow
 * model outputs, so flow solvers and likelihoods can be tested with no training.
 *
 * <p>Per dimension, x_t and the conditional velocity x_1 - x_0 are jointly Gaussian, so the
 * marginal velocity is their linear regression:
 *
 * <pre>
 *   mean_t = t m
 *   var_t  = (1 - t)^2 + t^2 v + sigma_min^2
 *   u_t(x) = E[x_1 - x_0 | x_t = x] = m + (t v - (1 - t)) / var_t (x - t m)
 * </pre>
 *
 * since Cov(x_1 - x_0, x_t) = t v - (1 - t). Because d var_t / dt = 2 (t v - (1 - t)), the
 * standardized coordinate (x - t m) / sqrt(var_t) is constant along dx/dt = u_t, which gives the
 * exact flow map {@link #transport}. With sigma_min = 0 the flow carries N(0, 1) at t = 0 exactly
 * to N(m, v) at t = 1; with sigma_min > 0 the end marginals are N(0, 1 + sigma_min^2) and N(m, v +
 * sigma_min^2) (the usual CFM smoothing).
 *
 * <p>Arrays are row-major double {@code [N * D]} as in {@link BatchNetwork}; conditions, if the
 * network declares a condition size, are checked for length and otherwise ignored. Immutable and
 * thread-safe.
 */
public final class ExactGaussianFlowNetwork implements TangentNetwork {

    private static final String NAME = "ExactGaussianFlowNetwork";

    private final ConstantNoisePath path;
    private final DiagonalGaussian data;
    private final int conditionSize;

    /** An unconditional exact flow network; see the class documentation for the formulas. */
    public ExactGaussianFlowNetwork(ConstantNoisePath path, double[] mean, double[] variance) {
        this(path, mean, variance, 0);
    }

    /** An exact flow network that accepts (and ignores) a condition of width conditionSize. */
    public ExactGaussianFlowNetwork(
            ConstantNoisePath path, double[] mean, double[] variance, int conditionSize) {
        this.path = Objects.requireNonNull(path, NAME + ": path must not be null");
        this.data = new DiagonalGaussian(NAME, mean, variance);
        this.conditionSize = DiagonalGaussian.checkConditionSize(NAME, conditionSize);
    }

    public ConstantNoisePath path() {
        return path;
    }

    /** m, the mean of the data (a copy). */
    public double[] mean() {
        return data.meanCopy();
    }

    /** v, the per-dimension variance of the data (a copy). */
    public double[] variance() {
        return data.varianceCopy();
    }

    @Override
    public int xSize() {
        return data.size();
    }

    @Override
    public int conditionSize() {
        return conditionSize;
    }

    @Override
    public void evaluate(int n, double[] t, double[] x, double[] condition, double[] out) {
        int d = data.size();
        DiagonalGaussian.checkBatch(NAME, n, d, conditionSize, t, x, condition, out);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = velocity(t[i], j, x[i * d + j]);
            }
        }
    }

    @Override
    public void evaluateWithTangent(
            int n,
            double[] t,
            double[] x,
            double[] condition,
            double[] xTangent,
            double[] out,
            double[] hTangent) {
        int d = data.size();
        DiagonalGaussian.checkBatch(
                NAME, n, d, conditionSize, t, x, condition, xTangent, out, hTangent);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                double tangent = rate(t[i], j) * xTangent[k];
                out[k] = velocity(t[i], j, x[k]);
                hTangent[k] = tangent;
            }
        }
    }

    /** t m, the mean of the marginal at time t. */
    public double[] marginalMean(double t) {
        double[] out = new double[data.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = t * data.mean(j);
        }
        return out;
    }

    /** var_t = (1 - t)^2 + t^2 v + sigma_min^2 per dimension, the marginal variance at time t. */
    public double[] marginalVariance(double t) {
        double[] out = new double[data.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = variance(t, j);
        }
        return out;
    }

    /** log p_t(x) of the marginal for one row x of length D. */
    public double logDensity(double t, double[] x) {
        DiagonalGaussian.checkRow(NAME, x, data.size());
        return DiagonalGaussian.logDensity(x, marginalMean(t), marginalVariance(t));
    }

    /** The exact divergence of u_t: sum over j of (t v_j - (1 - t)) / var_t,j; independent of x. */
    public double velocityDivergence(double t) {
        double sum = 0;
        for (int j = 0; j < data.size(); j++) {
            sum += rate(t, j);
        }
        return sum;
    }

    /**
     * The exact flow map of u from time {@code tFrom} to {@code tTo} (either direction): x' = b m +
     * sqrt(var_b / var_a) (x - a m) per dimension. {@code x} holds one or more rows of length D;
     * returns a new array of the same length, equal to x when tFrom == tTo.
     */
    public double[] transport(double tFrom, double tTo, double[] x) {
        int d = data.size();
        int rows = DiagonalGaussian.rowCount(NAME, x, d);
        if (tFrom == tTo) {
            return x.clone();
        }
        double[] out = new double[x.length];
        for (int j = 0; j < d; j++) {
            double ratio = Math.sqrt(variance(tTo, j) / variance(tFrom, j));
            double m = data.mean(j);
            for (int i = 0; i < rows; i++) {
                int k = i * d + j;
                out[k] = tTo * m + ratio * (x[k] - tFrom * m);
            }
        }
        return out;
    }

    private double variance(double t, int j) {
        double sigmaMin = path.sigma();
        return (1 - t) * (1 - t) + t * t * data.variance(j) + sigmaMin * sigmaMin;
    }

    /** (t v - (1 - t)) / var_t: the slope of u_t in x, half the log-derivative of var_t. */
    private double rate(double t, int j) {
        return (t * data.variance(j) - (1 - t)) / variance(t, j);
    }

    private double velocity(double t, int j, double x) {
        double m = data.mean(j);
        return m + rate(t, j) * (x - t * m);
    }
}
