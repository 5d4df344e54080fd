package org.grl4j.sampler.likelihood;

import java.util.function.DoubleFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ode.AbstractIntegrator;
import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.grl4j.models.network.TangentNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact log-likelihoods through the probability-flow ODE (instantaneous change of variables, Chen
 * et al. 2018; Song et al. 2021, appendix D.2; DESIGN.md section 2.5).
 *
 * <p>Along dx/dt = v(t, x), d log p_t(x_t) / dt = -div v(t, x_t). Placing x at the data time and
 * integrating to the prior time, where p is N(0, I):
 *
 * <pre>
 *   log p(x) = log N(x(t_prior); 0, I) + integral from t_data to t_prior of div v(t, x(t)) dt
 * </pre>
 *
 * <ul>
 *   <li>diffusion models (t = 0 data, t = 1 noise): t_data = t_min > 0 up to t_prior (about 1),
 *       with v = f x + g^2 n / (2 sigma) = a x + b h ({@link AffineVelocity});
 *   <li>flow models (t = 0 source N(0, I), t = 1 data): t_data = 1 down to t_prior = 0, v = h, so
 *       the integral is -integral_0^1 div v dt.
 * </ul>
 *
 * The divergence is div v = D a + b tr(J_h), with tr(J_h) exact (D Jacobian-vector products) or a
 * Hutchinson estimate ({@link TraceEstimator}). The batch is integrated as one augmented state [x
 * (n * D), delta (n)] by a Commons Math integrator, so all rows share the adaptive steps. Results
 * are in nats; {@link LikelihoodResult#bitsPerDimension} converts. When the model was trained on
 * normalized data, {@link LikelihoodResult#toDataSpace} adds the normalization's log-determinant.
 *
 * <p>Immutable and thread-safe; each call builds its own ODE and integrator.
 */
public final class PfOdeLikelihood {

    private static final Logger LOG = LoggerFactory.getLogger(PfOdeLikelihood.class);
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Smallest adaptive step, relative to the integration span, before the solve gives up. */
    private static final double MIN_STEP_FRACTION = 1e-12;

    private final LikelihoodConfig config;

    public PfOdeLikelihood(LikelihoodConfig config) {
        if (config == null) {
            throw new IllegalArgumentException(
                    "likelihood config is null; pass a LikelihoodConfig");
        }
        this.config = config;
    }

    public LikelihoodConfig config() {
        return config;
    }

    /**
     * log p_{t_data}(x) of a diffusion model whose network (path time, output in {@code
     * parameterization}) defines the PF-ODE on {@code path}.
     *
     * @param x {@code [n, D]} row-major data (in the model's normalized space)
     * @param condition {@code [n, C]} or null for an unconditional network
     */
    public LikelihoodResult diffusion(
            GaussianPath path,
            Parameterization parameterization,
            TangentNetwork network,
            double[] x,
            int n,
            double[] condition) {
        if (path == null || parameterization == null) {
            throw new IllegalArgumentException(
                    "likelihood of a diffusion model needs a path and a parameterization; got "
                            + path
                            + " and "
                            + parameterization);
        }
        if (!(config.dataTime() < config.priorTime())) {
            throw new IllegalArgumentException(
                    "diffusion likelihood needs dataTime < priorTime (t = 0 is data); got "
                            + config.dataTime()
                            + " and "
                            + config.priorTime()
                            + ". Use LikelihoodConfig.forDiffusion(path).");
        }
        requireFiniteVelocity(path, parameterization, config.dataTime(), "dataTime");
        requireFiniteVelocity(path, parameterization, config.priorTime(), "priorTime");
        return integrate(
                t -> AffineVelocity.of(path, parameterization, t),
                network,
                x,
                n,
                condition,
                "diffusion on " + path.type() + " (" + parameterization.configName() + ")");
    }

    /**
     * log p_1(x) of a flow model (t = 0 source N(0, I), t = 1 data) whose network outputs the
     * velocity in model time.
     */
    public LikelihoodResult flow(TangentNetwork network, double[] x, int n, double[] condition) {
        if (!(config.dataTime() > config.priorTime())) {
            throw new IllegalArgumentException(
                    "flow likelihood needs dataTime > priorTime (t = 1 is data); got "
                            + config.dataTime()
                            + " and "
                            + config.priorTime()
                            + ". Use LikelihoodConfig.forFlow().");
        }
        return integrate(t -> AffineVelocity.IDENTITY, network, x, n, condition, "flow");
    }

    private LikelihoodResult integrate(
            DoubleFunction<AffineVelocity> velocityAt,
            TangentNetwork network,
            double[] x,
            int n,
            double[] condition,
            String what) {
        requireBatch(network, x, n, condition);
        int d = network.xSize();
        double[] probes = config.trace() == TraceEstimator.EXACT ? null : probes(n * d);
        AugmentedOde ode = new AugmentedOde(network, velocityAt, n, condition, probes);
        double[] state = new double[n * (d + 1)];
        System.arraycopy(x, 0, state, 0, n * d);

        long start = System.nanoTime();
        AbstractIntegrator integrator = integrator();
        try {
            integrator.integrate(ode, config.dataTime(), state, config.priorTime(), state);
        } catch (MathIllegalStateException e) {
            throw new IllegalStateException(
                    "PF-ODE likelihood ("
                            + what
                            + ") failed between t = "
                            + config.dataTime()
                            + " and "
                            + config.priorTime()
                            + " with "
                            + config.integrator()
                            + ": "
                            + e.getMessage()
                            + ". Loosen the tolerances or move the times away from 0 and 1.",
                    e);
        }
        double[] logDensity = logDensities(state, n, d);
        LOG.info(
                "PF-ODE likelihood, {}: n = {}, {}, trace {}, {} velocity and {} network"
                        + " evaluations, {} ms",
                what,
                n,
                config.integrator(),
                config.trace(),
                integrator.getEvaluations(),
                ode.networkEvaluations(),
                (System.nanoTime() - start) / 1_000_000);
        return new LikelihoodResult(
                logDensity, d, integrator.getEvaluations(), ode.networkEvaluations());
    }

    /** log N(x(t_prior); 0, I) + delta per row. */
    private static double[] logDensities(double[] state, int n, int d) {
        double[] logDensity = new double[n];
        for (int i = 0; i < n; i++) {
            double squares = 0;
            for (int k = i * d; k < (i + 1) * d; k++) {
                squares += state[k] * state[k];
            }
            logDensity[i] = -0.5 * (squares + d * LOG_2PI) + state[n * d + i];
        }
        return logDensity;
    }

    private AbstractIntegrator integrator() {
        double span = Math.abs(config.priorTime() - config.dataTime());
        return switch (config.integrator()) {
            case DORMAND_PRINCE_54 ->
                    new DormandPrince54Integrator(
                            MIN_STEP_FRACTION * span,
                            span,
                            config.absoluteTolerance(),
                            config.relativeTolerance());
            case DORMAND_PRINCE_853 ->
                    new DormandPrince853Integrator(
                            MIN_STEP_FRACTION * span,
                            span,
                            config.absoluteTolerance(),
                            config.relativeTolerance());
            // A hair over span / steps, so rounding never adds a sliver of an extra step.
            case RK4 -> new ClassicalRungeKuttaIntegrator(span / config.fixedSteps() * (1 + 1e-12));
        };
    }

    /** Per-row probes, fixed for the whole trajectory. */
    private double[] probes(int size) {
        RandomGenerator random = new Well19937c(config.seed());
        double[] probes = new double[size];
        for (int k = 0; k < size; k++) {
            probes[k] =
                    config.trace() == TraceEstimator.HUTCHINSON_GAUSSIAN
                            ? random.nextGaussian()
                            : (random.nextBoolean() ? 1.0 : -1.0);
        }
        return probes;
    }

    private static void requireFiniteVelocity(
            GaussianPath path, Parameterization parameterization, double t, String name) {
        AffineVelocity velocity = AffineVelocity.of(path, parameterization, t);
        if (!velocity.isFinite()) {
            throw new IllegalArgumentException(
                    "likelihood "
                            + name
                            + " = "
                            + t
                            + " makes the "
                            + parameterization.configName()
                            + " velocity on path "
                            + path.type()
                            + " infinite or undefined ("
                            + velocity
                            + "); keep it strictly inside (0, 1), e.g."
                            + " LikelihoodConfig.forDiffusion(path)");
        }
    }

    private static void requireBatch(
            TangentNetwork network, double[] x, int n, double[] condition) {
        if (network == null) {
            throw new IllegalArgumentException("likelihood network is null; pass a TangentNetwork");
        }
        int d = network.xSize();
        if (n < 1 || x == null || x.length != n * d) {
            throw new IllegalArgumentException(
                    "likelihood x has length "
                            + (x == null ? "null" : x.length)
                            + " for n = "
                            + n
                            + " rows; expected n >= 1 and n * D = "
                            + n * d
                            + " (row-major [n, D])");
        }
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k])) {
                throw new IllegalArgumentException(
                        "likelihood x["
                                + k
                                + "] = "
                                + x[k]
                                + " (row "
                                + k / d
                                + "); every entry must be finite");
            }
        }
        int c = network.conditionSize();
        boolean conditionOk =
                c == 0 ? condition == null : condition != null && condition.length == n * c;
        if (!conditionOk) {
            throw new IllegalArgumentException(
                    "likelihood condition has length "
                            + (condition == null ? "null" : condition.length)
                            + "; expected "
                            + (c == 0 ? "null (unconditional network)" : "n * C = " + n * c));
        }
    }
}
