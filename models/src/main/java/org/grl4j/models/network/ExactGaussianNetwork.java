package org.grl4j.models.network;

import java.util.Objects;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;

/**
 * The exact network for Gaussian data N(m, diag(v)) under a diffusion path (t = 0 data, t = 1
 * noise), in any parameterization: what a perfectly trained model would output, so solvers and
 * likelihoods can be tested with no training.
 *
 * <p>With s, sigma, f, g^2 of the path at time t, the marginal is p_t = N(s m, diag(V)), V_j = s^2
 * v_j + sigma^2, and per dimension, with r = x - s m:
 *
 * <pre>
 *   score           = -r / V                       Jacobian diagonal  -1 / V
 *   noise           = sigma r / V                                      sigma / V
 *   data prediction = m + s v r / V   (= E[x_0 | x_t])                s v / V
 *   velocity        = f x + (g^2 / 2) r / V   (PF-ODE drift)           f + g^2 / (2 V)
 * </pre>
 *
 * The velocity is evaluated in the equivalent form s' m + (V' / (2 V)) r with V' = 2 s s' v + d
 * sigma^2/dt, which stays finite at t = 1 on the linear and gvp paths, where f and g^2 are infinite
 * but the PF-ODE drift is not.
 *
 * <p>Each view is computed from its own formula, not through {@link
 * org.grl4j.models.param.Conversions}. Along the probability-flow ODE the standardized coordinate r
 * / sqrt(V) of each dimension is constant, which gives the exact flow map {@link #transport}.
 *
 * <p>Arrays are row-major double {@code [N * D]} as in {@link BatchNetwork}; conditions, if the
 * network declares a condition size, are checked for length and otherwise ignored. Immutable and
 * thread-safe.
 */
public final class ExactGaussianNetwork implements TangentNetwork {

    private static final String NAME = "ExactGaussianNetwork";

    private final GaussianPath path;
    private final DiagonalGaussian data;
    private final Parameterization parameterization;
    private final int conditionSize;

    /** An unconditional exact network; see the class documentation for the formulas. */
    public ExactGaussianNetwork(
            GaussianPath path,
            double[] mean,
            double[] variance,
            Parameterization parameterization) {
        this(path, mean, variance, parameterization, 0);
    }

    /**
     * An exact network that accepts (and ignores) a condition of width {@code conditionSize}, for
     * testing conditional code paths.
     */
    public ExactGaussianNetwork(
            GaussianPath path,
            double[] mean,
            double[] variance,
            Parameterization parameterization,
            int conditionSize) {
        this.path = Objects.requireNonNull(path, NAME + ": path must not be null");
        this.data = new DiagonalGaussian(NAME, mean, variance);
        this.parameterization =
                Objects.requireNonNull(
                        parameterization, NAME + ": parameterization must not be null");
        this.conditionSize = DiagonalGaussian.checkConditionSize(NAME, conditionSize);
    }

    public GaussianPath path() {
        return path;
    }

    public Parameterization parameterization() {
        return parameterization;
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
            Coefficients c = new Coefficients(path, t[i]);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = value(c, j, x[i * d + j]);
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
            Coefficients c = new Coefficients(path, t[i]);
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                double tangent = slope(c, j) * xTangent[k];
                out[k] = value(c, j, x[k]);
                hTangent[k] = tangent;
            }
        }
    }

    /** s(t) m, the mean of the marginal p_t. */
    public double[] marginalMean(double t) {
        double s = path.scale(t);
        double[] out = new double[data.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = s * data.mean(j);
        }
        return out;
    }

    /** V_j = s(t)^2 v_j + sigma(t)^2, the per-dimension variance of the marginal p_t. */
    public double[] marginalVariance(double t) {
        Coefficients c = new Coefficients(path, t);
        double[] out = new double[data.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = c.variance(data, j);
        }
        return out;
    }

    /** log p_t(x) for one row x of length D. */
    public double logDensity(double t, double[] x) {
        DiagonalGaussian.checkRow(NAME, x, data.size());
        return DiagonalGaussian.logDensity(x, marginalMean(t), marginalVariance(t));
    }

    /** grad_x log p_t(x) = -(x - s m) / V for one row x of length D. */
    public double[] score(double t, double[] x) {
        DiagonalGaussian.checkRow(NAME, x, data.size());
        Coefficients c = new Coefficients(path, t);
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = -c.residual(data, j, x[j]) / c.variance(data, j);
        }
        return out;
    }

    /**
     * The exact divergence of the PF-ODE velocity, sum over j of f + (g^2 / 2) / V_j. It does not
     * depend on x because the velocity is affine in x.
     */
    public double velocityDivergence(double t) {
        Coefficients c = new Coefficients(path, t);
        double sum = 0;
        for (int j = 0; j < data.size(); j++) {
            sum += c.velocityRate(data, j);
        }
        return sum;
    }

    /**
     * The exact probability-flow ODE map from time {@code tFrom} to {@code tTo} (either direction):
     * x' = s(b) m + sqrt(V(b) / V(a)) (x - s(a) m) per dimension. {@code x} holds one or more rows
     * of length D; returns a new array of the same length, equal to x when tFrom == tTo.
     */
    public double[] transport(double tFrom, double tTo, double[] x) {
        int d = data.size();
        int rows = DiagonalGaussian.rowCount(NAME, x, d);
        if (tFrom == tTo) {
            return x.clone();
        }
        Coefficients from = new Coefficients(path, tFrom);
        Coefficients to = new Coefficients(path, tTo);
        double[] out = new double[x.length];
        for (int j = 0; j < d; j++) {
            double ratio = Math.sqrt(to.variance(data, j) / from.variance(data, j));
            for (int i = 0; i < rows; i++) {
                int k = i * d + j;
                out[k] = to.s * data.mean(j) + ratio * from.residual(data, j, x[k]);
            }
        }
        return out;
    }

    private double value(Coefficients c, int j, double x) {
        double r = c.residual(data, j, x);
        double variance = c.variance(data, j);
        return switch (parameterization) {
            case SCORE_FUNCTION -> -r / variance;
            case NOISE_FUNCTION -> c.sigma * r / variance;
            case DATA_PREDICTION_FUNCTION -> data.mean(j) + c.s * data.variance(j) * r / variance;
            case VELOCITY_FUNCTION -> c.dsDt * data.mean(j) + c.velocityRate(data, j) * r;
        };
    }

    private double slope(Coefficients c, int j) {
        double variance = c.variance(data, j);
        return switch (parameterization) {
            case SCORE_FUNCTION -> -1 / variance;
            case NOISE_FUNCTION -> c.sigma / variance;
            case DATA_PREDICTION_FUNCTION -> c.s * data.variance(j) / variance;
            case VELOCITY_FUNCTION -> c.velocityRate(data, j);
        };
    }

    /** The path coefficients at one time. */
    private static final class Coefficients {
        final double s;
        final double sigma;
        final double dsDt;
        final double dVarianceDt;

        Coefficients(GaussianPath path, double t) {
            this.s = path.scale(t);
            this.sigma = path.std(t);
            this.dsDt = path.dScaleDt(t);
            this.dVarianceDt = path.dVarianceDt(t);
        }

        /** V' / (2 V) = f + g^2 / (2 V): the velocity's slope in x. */
        double velocityRate(DiagonalGaussian data, int j) {
            return (s * dsDt * data.variance(j) + dVarianceDt / 2) / variance(data, j);
        }

        double variance(DiagonalGaussian data, int j) {
            return s * s * data.variance(j) + sigma * sigma;
        }

        double residual(DiagonalGaussian data, int j, double x) {
            return x - s * data.mean(j);
        }
    }
}
