package org.grl4j.sampler.model;

import java.util.Arrays;
import java.util.Optional;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.param.Conversions;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.sampler.sde.StochasticField;

/**
 * A diffusion model: a Gaussian path x_t = s(t) x_0 + sigma(t) noise (t = 0 data, t = 1 noise), a
 * network h(t, x, c) and its parameterization (DESIGN.md sections 2.1, 2.2 and 2.4).
 *
 * <p>Sampling runs path time backwards from {@link #startTime()} to t_end with the reverse-time SDE
 *
 * <pre>
 *   dx = [f x - (1 + eta^2) (g^2 / 2) score] dt + eta g dW
 * </pre>
 *
 * eta = 1 is the standard reverse SDE (Song et al., 2021, eq. 6) and eta = 0 the probability-flow
 * ODE (eq. 13); every eta has the same marginals. The drift is computed as v + eta^2 (g^2 / (2
 * sigma)) n with the probability-flow velocity v = s'(t) x0 + sigma'(t) n, where x0 and n are the
 * predicted data and noise: algebraically equal to f x - (g^2 / 2) score, but free of the
 * cancellation between f x and the score term that f = -infinity at s = 0 causes near t = 1 on the
 * gvp and linear paths (a velocity network gives v = h directly, a data network stays exact at t =
 * 1).
 *
 * <p>Time span: sampling starts at t = 1 when the path keeps signal there (s(1) >= 1e-6, e.g.
 * linear_vp_sde) and at 1 - 1e-4 otherwise (gvp, linear: s(1) = 0, so f and g^2 diverge; the
 * neglected signal s(1 - 1e-4) <= 1.6e-4 is far below sampling error). It stops at t = 0 for a
 * solver that never evaluates its end time (Euler on a grid), and at {@link #END_TIME} = 1e-3
 * otherwise (RK4 and Dormand-Prince evaluate it; an SDE's last noise increment would not be
 * removed), where the samples follow p_t = N(s m, s^2 S + sigma^2 I) for data N(m, S) rather than
 * p_0.
 *
 * <p>Arrays are row-major: {@code t[N]}, {@code x[N * D]}, {@code condition[N * C]} or null.
 */
public final class DiffusionModel implements GenerativeModel {

    /** The end time of solvers that evaluate it or inject noise at their last step. */
    public static final double END_TIME = 1e-3;

    /** The start time on paths with no signal left at t = 1. */
    public static final double NO_SIGNAL_START_TIME = 1 - 1e-4;

    private final GaussianPath path;
    private final Parameterization parameterization;
    private final BatchNetwork network;

    /**
     * @param path the Gaussian path the network was trained on
     * @param parameterization what the network outputs
     * @param network the batch network, in path time
     */
    public DiffusionModel(
            GaussianPath path, Parameterization parameterization, BatchNetwork network) {
        if (path == null || parameterization == null || network == null) {
            throw new IllegalArgumentException(
                    "DiffusionModel needs a path, a parameterization and a network; found path="
                            + path
                            + ", parameterization="
                            + parameterization
                            + ", network="
                            + network);
        }
        this.path = path;
        this.parameterization = parameterization;
        this.network = network;
    }

    public GaussianPath path() {
        return path;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    public BatchNetwork network() {
        return network;
    }

    @Override
    public int xSize() {
        return network.xSize();
    }

    @Override
    public int conditionSize() {
        return network.conditionSize();
    }

    @Override
    public double startTime() {
        return path.scale(1.0) >= 1e-6 ? 1.0 : NO_SIGNAL_START_TIME;
    }

    @Override
    public double endTime(boolean margin) {
        return margin ? END_TIME : 0.0;
    }

    @Override
    public Optional<GaussianPath> noisingPath() {
        return Optional.of(path);
    }

    /**
     * Evaluates the network and converts its output to {@code view} (score, noise, data prediction
     * or probability-flow velocity) with {@link Conversions}.
     *
     * @param out receives the view, length N * D
     */
    public void evaluate(
            Parameterization view,
            int n,
            double[] t,
            double[] x,
            double[] condition,
            double[] out) {
        network.evaluate(n, t, x, condition, out);
        if (view != parameterization) {
            Conversions.convert(parameterization, view, path, n, xSize(), t, x, out, out);
        }
    }

    @Override
    public StochasticField probabilityFlow(int n, double[] condition) {
        return new ReverseField(n, 0.0, condition);
    }

    @Override
    public StochasticField stochasticFlow(int n, double eta, double[] condition) {
        return new ReverseField(n, eta, condition);
    }

    /** The path's coefficients at one time, computed once per evaluation. */
    private static final class Coefficients {
        final double s;
        final double sigma;
        final double ds;
        final double dsigma;
        final double f;
        final double g2;
        final double noiseWeight;

        Coefficients(GaussianPath path, double t, double eta) {
            s = path.scale(t);
            sigma = path.std(t);
            ds = path.dScaleDt(t);
            dsigma = path.dStdDt(t);
            f = path.driftCoefficient(t);
            g2 = path.diffusionSquared(t);
            noiseWeight = eta == 0 ? 0 : eta * eta * g2 / (2 * sigma);
        }
    }

    /** The reverse-time drift and diffusion eta g(t) for one sampling call. */
    private final class ReverseField implements StochasticField {

        private final double eta;
        private final double[] condition;
        private final double[] times;
        private final double[] h;

        ReverseField(int n, double eta, double[] condition) {
            this.eta = eta;
            this.condition = condition;
            this.times = new double[n];
            this.h = new double[n * xSize()];
        }

        @Override
        public int dimension() {
            return xSize();
        }

        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            Arrays.fill(times, 0, n, t);
            network.evaluate(n, times, x, condition, h);

            Coefficients c = new Coefficients(path, t, eta);
            int size = n * xSize();
            for (int i = 0; i < size; i++) {
                out[i] = drift(c, x[i], h[i]);
            }
        }

        /** v + eta^2 g^2 / (2 sigma) n from the network output h at state x. */
        private double drift(Coefficients c, double x, double h) {
            double noise;
            double velocity;
            switch (parameterization) {
                case VELOCITY_FUNCTION -> {
                    velocity = h;
                    noise = c.noiseWeight == 0 ? 0 : (h - c.f * x) * 2 * c.sigma / c.g2;
                }
                case DATA_PREDICTION_FUNCTION -> {
                    noise = (x - c.s * h) / c.sigma;
                    velocity = c.ds * h + c.dsigma * noise;
                }
                case NOISE_FUNCTION -> {
                    noise = h;
                    velocity = c.ds * (x - c.sigma * noise) / c.s + c.dsigma * noise;
                }
                case SCORE_FUNCTION -> {
                    noise = -c.sigma * h;
                    velocity = c.ds * (x - c.sigma * noise) / c.s + c.dsigma * noise;
                }
                default -> throw new IllegalStateException("unknown " + parameterization);
            }
            return velocity + c.noiseWeight * noise;
        }

        @Override
        public void diffusion(int n, double t, double[] x, double[] out) {
            Arrays.fill(out, 0, n * xSize(), eta * Math.sqrt(path.diffusionSquared(t)));
        }
    }
}
