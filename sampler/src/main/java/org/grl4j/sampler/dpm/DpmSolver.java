package org.grl4j.sampler.dpm;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DPM-Solver (Lu et al. 2022, noise prediction) and DPM-Solver++ (Lu et al. 2022b, data prediction)
 * of orders 1, 2 and 3, singlestep and multistep, for the probability-flow ODE of any {@link
 * GaussianPath}. Time runs from t_T (noise) down to t_0 (data); arrays are row-major {@code [n, D]}
 * doubles.
 *
 * <p>Every update is the exponential integrator of {@link ExponentialIntegrator}: with h = lambda_t
 * - lambda_s and c_k(eta) = eta^k phi_k(eta),
 *
 * <pre>
 *   DPM-Solver:    x_t = (alpha_t/alpha_s) x_s - sigma_t [c_1(h) n_s + c_2(h) n'_s + c_3(h) n''_s]
 *   DPM-Solver++:  x_t = (sigma_t/sigma_s) x_s
 *                  - alpha_t [c_1(-h) d_s - c_2(-h) d'_s + c_3(-h) d''_s]
 * </pre>
 *
 * where n is the predicted noise, d the predicted data, primes are d/dlambda, alpha = s(t). Order 1
 * keeps only the first term (DDIM); the derivatives are estimated by divided differences:
 *
 * <ul>
 *   <li>singlestep order 2 (r = 1/2): u = first-order step to s_1 = t(lambda_s + h/2); m' = (m(u,
 *       s_1) - m_s) / (lambda_{s_1} - lambda_s).
 *   <li>singlestep order 3 (r_1 = 1/3, r_2 = 2/3, Lu et al. 2022, Algorithm 2 and its ++ analogue):
 *       u_1 = first-order step to s_1; u_2 = step to s_2 with m' = (m(u_1, s_1) - m_s) / (r_1 h);
 *       x_t uses m' = (m(u_2, s_2) - m_s) / (r_2 h) only, the choice r_2 = 2/3 cancelling the
 *       second-derivative error.
 *   <li>multistep order 2: m' = (m_0 - m_1) / h_0 from the previous grid point (h_0 = lambda_0 -
 *       lambda_1); order 3 adds m'' = 2 (D_0 - D_1) / (h_0 + h_1) with D_0 = (m_0 - m_1) / h_0, D_1
 *       = (m_1 - m_2) / h_1, and m' = D_0 + h_0 m'' / 2 (a quadratic through the three points).
 * </ul>
 *
 * The second-order corrections use the exact phi_2 coefficient c_2(h) (the "taylor" form of the
 * reference code) rather than the (e^h - 1)/2 of Algorithm 1; both are second order.
 *
 * <p>The solver is immutable and thread-safe; each call allocates its own buffers and, for {@link
 * #sample}, its own random generator seeded from the configuration.
 */
public final class DpmSolver {

    private static final Logger LOG = LoggerFactory.getLogger(DpmSolver.class);

    private final DpmSolverConfig config;

    public DpmSolver(DpmSolverConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("DPM-Solver config is null; pass a DpmSolverConfig");
        }
        this.config = config;
    }

    public DpmSolverConfig config() {
        return config;
    }

    /**
     * Draws x_T ~ N(0, I) for {@code n} samples from the configured seed and solves to t_0.
     *
     * @param condition {@code [n, C]} conditions, or null for an unconditional network
     */
    public DpmResult sample(DpmModel model, int n, double[] condition) {
        requireModel(model);
        requirePositiveRows(n);
        RandomGenerator random = new Well19937c(config.seed());
        double[] noise = new double[n * model.xSize()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        return solve(model, noise, n, condition);
    }

    /**
     * Solves the probability-flow ODE from the given x_T ({@code [n, D]}, not modified) at t_T to
     * t_0; deterministic.
     */
    public DpmResult solve(DpmModel model, double[] xT, int n, double[] condition) {
        requireModel(model);
        requirePositiveRows(n);
        requireState(xT, n, model.xSize());
        requireCondition(condition, n, model.network().conditionSize());
        double[] grid = grid(model.path());

        long start = System.nanoTime();
        DpmResult result =
                config.method() == DpmMethod.MULTISTEP
                        ? multistep(model, grid, xT.clone(), n, condition)
                        : singlestep(model, grid, xT.clone(), n, condition);
        LOG.info(
                "{} order {} {} on {} ({} grid): n = {}, NFE = {}, {} ms",
                config.variant().configName(),
                config.order(),
                config.method().configName(),
                model.path().type(),
                config.grid().configName(),
                n,
                result.nfe(),
                (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    /**
     * The orders of the singlestep macro-steps for a budget of {@code steps} evaluations (Lu et al.
     * 2022, section 3.4): order 1 uses [1] * steps; order 2 uses [2] * (steps/2 - 1) + [1, 1] for
     * even steps and [2] * ((steps - 1)/2) + [1] for odd; order 3 with K = steps / 3 + 1 uses [3] *
     * (K - 2) + [2, 1], [3] * (K - 1) + [1] or [3] * (K - 1) + [2] for steps mod 3 = 0, 1, 2. The
     * orders always sum to {@code steps}.
     */
    public static int[] singlestepOrders(int steps, int order) {
        if (steps < 1 || order < 1 || order > 3) {
            throw new IllegalArgumentException(
                    "singlestep orders need steps >= 1 and order in 1..3; got steps = "
                            + steps
                            + ", order = "
                            + order);
        }
        return switch (order) {
            case 1 -> repeat(1, steps, new int[0]);
            case 2 ->
                    steps % 2 == 0
                            ? repeat(2, steps / 2 - 1, new int[] {1, 1})
                            : repeat(2, (steps - 1) / 2, new int[] {1});
            default -> {
                int k = steps / 3 + 1;
                yield switch (steps % 3) {
                    case 0 -> repeat(3, k - 2, new int[] {2, 1});
                    case 1 -> repeat(3, k - 1, new int[] {1});
                    default -> repeat(3, k - 1, new int[] {2});
                };
            }
        };
    }

    private static int[] repeat(int value, int count, int[] tail) {
        int[] orders = new int[count + tail.length];
        Arrays.fill(orders, 0, count, value);
        System.arraycopy(tail, 0, orders, count, tail.length);
        return orders;
    }

    private double[] grid(GaussianPath path) {
        requireFiniteLambda(path, "tStart", config.tStart());
        requireFiniteLambda(path, "tEnd", config.tEnd());
        double[] grid = config.grid().times(path, config.tStart(), config.tEnd(), config.steps());
        for (int i = 1; i < grid.length; i++) {
            if (!(path.halfLogSnr(grid[i]) > path.halfLogSnr(grid[i - 1]))) {
                throw new IllegalArgumentException(
                        "DPM-Solver "
                                + config.grid().configName()
                                + " grid is not strictly decreasing in time at step "
                                + i
                                + " ("
                                + grid[i - 1]
                                + " -> "
                                + grid[i]
                                + "); use fewer steps or a wider [tEnd, tStart]");
            }
        }
        return grid;
    }

    private DpmResult multistep(
            DpmModel model, double[] grid, double[] x, int n, double[] condition) {
        int steps = grid.length - 1;
        Parameterization target = config.variant().prediction();
        // history[0] is the prediction at the latest grid point, history[1] the one before, ...
        double[][] history = new double[3][];
        double[] lambdas = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            lambdas[i] = model.path().halfLogSnr(grid[i]);
        }
        history[0] = new double[x.length];
        model.predict(target, n, grid[0], x, condition, history[0]);
        int nfe = 1;
        int[] orders = new int[steps];

        for (int i = 1; i <= steps; i++) {
            int order = Math.min(config.order(), i);
            orders[i - 1] = order;
            multistepUpdate(model, order, grid, lambdas, i, history, x);
            if (i < steps) {
                double[] oldest = history[2];
                history[2] = history[1];
                history[1] = history[0];
                history[0] = oldest != null ? oldest : new double[x.length];
                model.predict(target, n, grid[i], x, condition, history[0]);
                nfe++;
            }
        }
        return new DpmResult(x, n, model.xSize(), nfe, grid.clone(), orders);
    }

    /**
     * Moves x in place from grid[i - 1] to grid[i] with an order-{@code order} multistep update.
     */
    private void multistepUpdate(
            DpmModel model,
            int order,
            double[] grid,
            double[] lambdas,
            int i,
            double[][] history,
            double[] x) {
        double[] first = null;
        double[] second = null;
        if (order >= 2) {
            double h0 = lambdas[i - 1] - lambdas[i - 2];
            first = dividedDifference(history[0], history[1], h0);
            if (order == 3) {
                double h1 = lambdas[i - 2] - lambdas[i - 3];
                double[] previous = dividedDifference(history[1], history[2], h1);
                second = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    second[j] = 2 * (first[j] - previous[j]) / (h0 + h1);
                    first[j] += h0 * second[j] / 2;
                }
            }
        }
        ExponentialIntegrator.step(
                config.variant(),
                model.path(),
                grid[i - 1],
                grid[i],
                x,
                history[0],
                first,
                second,
                x);
    }

    private DpmResult singlestep(
            DpmModel model, double[] grid, double[] x, int n, double[] condition) {
        int[] orders =
                config.method() == DpmMethod.SINGLESTEP
                        ? singlestepOrders(config.steps(), config.order())
                        : repeat(config.order(), config.steps() / config.order(), new int[0]);
        double[] times = new double[orders.length + 1];
        int index = 0;
        int nfe = 0;
        for (int k = 0; k < orders.length; k++) {
            times[k] = grid[index];
            double s = grid[index];
            index += orders[k];
            singlestepUpdate(model, orders[k], s, grid[index], x, n, condition);
            nfe += orders[k];
        }
        times[orders.length] = grid[index];
        return new DpmResult(x, n, model.xSize(), nfe, times, orders);
    }

    /** Moves x in place from s to t with an order-{@code order} singlestep update. */
    private void singlestepUpdate(
            DpmModel model, int order, double s, double t, double[] x, int n, double[] condition) {
        GaussianPath path = model.path();
        DpmVariant variant = config.variant();
        Parameterization target = variant.prediction();
        double[] atS = new double[x.length];
        model.predict(target, n, s, x, condition, atS);
        if (order == 1) {
            ExponentialIntegrator.step(variant, path, s, t, x, atS, null, null, x);
            return;
        }

        double lambdaS = path.halfLogSnr(s);
        double h = path.halfLogSnr(t) - lambdaS;
        double r1 = order == 2 ? 0.5 : 1.0 / 3.0;
        double s1 = path.inverseHalfLogSnr(lambdaS + r1 * h);
        double[] u = new double[x.length];
        ExponentialIntegrator.step(variant, path, s, s1, x, atS, null, null, u);
        double[] atS1 = new double[x.length];
        model.predict(target, n, s1, u, condition, atS1);
        double[] first = dividedDifference(atS1, atS, path.halfLogSnr(s1) - lambdaS);
        if (order == 3) {
            double s2 = path.inverseHalfLogSnr(lambdaS + 2.0 / 3.0 * h);
            ExponentialIntegrator.step(variant, path, s, s2, x, atS, first, null, u);
            double[] atS2 = atS1;
            model.predict(target, n, s2, u, condition, atS2);
            first = dividedDifference(atS2, atS, path.halfLogSnr(s2) - lambdaS);
        }
        ExponentialIntegrator.step(variant, path, s, t, x, atS, first, null, x);
    }

    private static double[] dividedDifference(double[] later, double[] earlier, double step) {
        double[] out = new double[later.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (later[j] - earlier[j]) / step;
        }
        return out;
    }

    private static void requireModel(DpmModel model) {
        if (model == null) {
            throw new IllegalArgumentException("DPM-Solver model is null; pass a DpmModel");
        }
    }

    private static void requirePositiveRows(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "DPM-Solver sample count n = " + n + "; need at least 1 row");
        }
    }

    private static void requireState(double[] xT, int n, int d) {
        if (xT == null || xT.length != n * d) {
            throw new IllegalArgumentException(
                    "DPM-Solver x_T has length "
                            + (xT == null ? "null" : xT.length)
                            + "; expected n * D = "
                            + n
                            + " * "
                            + d
                            + " = "
                            + n * d
                            + " (row-major [n, D])");
        }
        for (int i = 0; i < xT.length; i++) {
            if (!Double.isFinite(xT[i])) {
                throw new IllegalArgumentException(
                        "DPM-Solver x_T["
                                + i
                                + "] = "
                                + xT[i]
                                + " (row "
                                + i / d
                                + "); every entry must be finite");
            }
        }
    }

    private static void requireCondition(double[] condition, int n, int c) {
        if (c == 0 && condition != null) {
            throw new IllegalArgumentException(
                    "DPM-Solver got a condition of length "
                            + condition.length
                            + " but the network is unconditional; pass null");
        }
        if (c > 0 && (condition == null || condition.length != n * c)) {
            throw new IllegalArgumentException(
                    "DPM-Solver condition has length "
                            + (condition == null ? "null" : condition.length)
                            + "; expected n * C = "
                            + n
                            + " * "
                            + c
                            + " = "
                            + n * c);
        }
    }

    private static void requireFiniteLambda(GaussianPath path, String name, double t) {
        double lambda = path.halfLogSnr(t);
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException(
                    "DPM-Solver "
                            + name
                            + " = "
                            + t
                            + " gives lambda = "
                            + lambda
                            + " on path "
                            + path.type()
                            + " (s or sigma is 0 there); choose a time strictly inside (0, 1),"
                            + " e.g. tStart = DpmSolverConfig.defaultStartTime(path) = "
                            + DpmSolverConfig.defaultStartTime(path));
        }
    }
}
