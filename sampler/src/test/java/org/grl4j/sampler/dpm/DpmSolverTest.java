package org.grl4j.sampler.dpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.network.ExactGaussianNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.junit.jupiter.api.Test;

class DpmSolverTest {

    static final double[] MEAN = {0.7, -1.3};
    static final double[] VARIANCE = {0.25, 2.0};

    @Test
    void singlestepOrdersFollowTheReferenceScheduleAndSpendTheBudget() {
        assertArrayEquals(new int[] {1, 1, 1}, DpmSolver.singlestepOrders(3, 1));
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 1}, DpmSolver.singlestepOrders(17, 2));
        assertArrayEquals(new int[] {2, 2, 1, 1}, DpmSolver.singlestepOrders(6, 2));
        assertArrayEquals(new int[] {3, 2, 1}, DpmSolver.singlestepOrders(6, 3));
        assertArrayEquals(new int[] {3, 3, 1}, DpmSolver.singlestepOrders(7, 3));
        assertArrayEquals(new int[] {3, 3, 2}, DpmSolver.singlestepOrders(8, 3));
        assertArrayEquals(new int[] {1}, DpmSolver.singlestepOrders(1, 3));
        for (int order = 1; order <= 3; order++) {
            for (int steps = 1; steps <= 40; steps++) {
                assertEquals(steps, Arrays.stream(DpmSolver.singlestepOrders(steps, order)).sum());
            }
        }
    }

    @Test
    void reportedNfeEqualsTheNetworkCallsForEveryMethod() {
        GaussianPath path = new GvpPath();
        AtomicInteger calls = new AtomicInteger();
        BatchNetwork exact =
                new ExactGaussianNetwork(path, MEAN, VARIANCE, Parameterization.NOISE_FUNCTION);
        BatchNetwork counting = counting(exact, calls);
        DpmModel model = new DpmModel(path, Parameterization.NOISE_FUNCTION, counting);
        for (DpmMethod method : DpmMethod.values()) {
            for (int order = 1; order <= 3; order++) {
                calls.set(0);
                DpmSolverConfig config =
                        DpmSolverConfig.defaults(path)
                                .withSteps(12)
                                .withOrder(order)
                                .withMethod(method);
                DpmResult result = new DpmSolver(config).sample(model, 5, null);
                assertEquals(12, result.nfe(), method + " order " + order);
                assertEquals(12, calls.get(), method + " order " + order);
                assertEquals(result.orders().length + 1, result.times().length);
                assertEquals(config.tStart(), result.times()[0]);
                assertEquals(config.tEnd(), result.times()[result.times().length - 1]);
            }
        }
    }

    @Test
    void timeGridsMatchTheirClosedForms() {
        GaussianPath path = new LinearVpPath(0.1, 20);
        double[] uniform = TimeGrid.TIME_UNIFORM.times(path, 1.0, 1e-3, 4);
        assertArrayEquals(new double[] {1.0, 0.75025, 0.5005, 0.25075, 1e-3}, uniform, 1e-15);

        double[] quadratic = TimeGrid.TIME_QUADRATIC.times(path, 1.0, 1e-3, 2);
        double middle = (1 + Math.sqrt(1e-3)) / 2;
        assertArrayEquals(new double[] {1.0, middle * middle, 1e-3}, quadratic, 1e-15);

        double[] logSnr = TimeGrid.LOG_SNR.times(path, 1.0, 1e-3, 5);
        double step = (path.halfLogSnr(1e-3) - path.halfLogSnr(1.0)) / 5;
        for (int i = 1; i < logSnr.length; i++) {
            double h = path.halfLogSnr(logSnr[i]) - path.halfLogSnr(logSnr[i - 1]);
            assertEquals(step, h, 1e-9);
        }
    }

    @Test
    void taylorRemaindersAgreeAcrossTheSeriesAndClosedFormBranches() {
        for (int k = 1; k <= 3; k++) {
            for (double eta : new double[] {-0.499999, 0.499999, -0.3, 0.3}) {
                double closed = Math.expm1(eta);
                double term = 1;
                for (int j = 1; j < k; j++) {
                    term *= eta / j;
                    closed -= term;
                }
                double series = ExponentialIntegrator.taylorRemainder(k, eta);
                assertEquals(closed, series, 1e-13 * Math.abs(closed), "k = " + k + ", " + eta);
            }
            // c_k(eta) ~ eta^k / k! for small eta
            double tiny = 1e-6;
            double leading = Math.pow(tiny, k) / factorial(k);
            assertEquals(leading, ExponentialIntegrator.taylorRemainder(k, tiny), 1e-5 * leading);
        }
    }

    /**
     * Moments of n = 100 000 samples, one configuration per path. The expected law is the exact
     * pushforward of N(0, I) at t_T to t_0 (affine, so Gaussian); each assertion allows 5 standard
     * errors (mean: sqrt(var / n); variance: var sqrt(2 / n)), a false-failure rate of 5.7e-7 each,
     * 2.3e-6 per path. The solver's own error at 48 evaluations (order 3, at most 2.3e-4 RMS per
     * sample for these configurations, see the convergence test) is far below 5 standard errors.
     * The pushforward itself is within 0.02 of the data N(m, v): t_T keeps a signal s of ~6.7e-3
     * (VP) or ~1.6e-3 (gvp, linear) that the N(0, I) start ignores.
     */
    @Test
    void samplesFromNoiseHaveTheMomentsOfTheData() {
        int n = 100_000;
        Object[][] cases = {
            {new LinearVpPath(0.1, 20), DpmVariant.DPM_SOLVER, DpmMethod.MULTISTEP},
            {new GvpPath(), DpmVariant.DPM_SOLVER_PLUS_PLUS, DpmMethod.SINGLESTEP},
            {new LinearPath(), DpmVariant.DPM_SOLVER_PLUS_PLUS, DpmMethod.SINGLESTEP_FIXED},
        };
        for (Object[] c : cases) {
            GaussianPath path = (GaussianPath) c[0];
            ExactGaussianNetwork network =
                    new ExactGaussianNetwork(path, MEAN, VARIANCE, Parameterization.SCORE_FUNCTION);
            DpmSolverConfig config =
                    DpmSolverConfig.defaults(path)
                            .withSteps(48)
                            .withOrder(3)
                            .withVariant((DpmVariant) c[1])
                            .withMethod((DpmMethod) c[2])
                            .withSeed(2024);
            DpmModel model = new DpmModel(path, Parameterization.SCORE_FUNCTION, network);
            double[] samples = new DpmSolver(config).sample(model, n, null).samples();

            double[] origin = network.transport(config.tStart(), config.tEnd(), new double[2]);
            double[] unit = network.transport(config.tStart(), config.tEnd(), new double[] {1, 1});
            for (int j = 0; j < 2; j++) {
                double expectedMean = origin[j];
                double slope = unit[j] - origin[j];
                double expectedVariance = slope * slope;
                double[] moments = moments(samples, 2, j);
                String label = path.type() + " dimension " + j;
                assertEquals(expectedMean, moments[0], 5 * Math.sqrt(expectedVariance / n), label);
                assertEquals(
                        expectedVariance,
                        moments[1],
                        5 * expectedVariance * Math.sqrt(2.0 / n),
                        label);
                assertEquals(MEAN[j], expectedMean, 0.02, label);
                assertEquals(VARIANCE[j], expectedVariance, 0.02 * VARIANCE[j], label);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedDifferent() {
        GaussianPath path = new LinearPath();
        DpmModel model =
                new DpmModel(
                        path,
                        Parameterization.VELOCITY_FUNCTION,
                        new ExactGaussianNetwork(
                                path, MEAN, VARIANCE, Parameterization.VELOCITY_FUNCTION));
        DpmSolverConfig config = DpmSolverConfig.defaults(path).withSeed(7);
        double[] first = new DpmSolver(config).sample(model, 100, null).samples();
        double[] again = new DpmSolver(config).sample(model, 100, null).samples();
        double[] other = new DpmSolver(config.withSeed(8)).sample(model, 100, null).samples();
        assertArrayEquals(first, again, 0.0);
        assertFalse(Arrays.equals(first, other));
    }

    @Test
    void conditionsAreCheckedAndPassedThrough() {
        GaussianPath path = new GvpPath();
        ExactGaussianNetwork network =
                new ExactGaussianNetwork(path, MEAN, VARIANCE, Parameterization.NOISE_FUNCTION, 3);
        DpmModel model = new DpmModel(path, Parameterization.NOISE_FUNCTION, network);
        DpmSolver solver = new DpmSolver(DpmSolverConfig.defaults(path));
        assertEquals(8, solver.sample(model, 4, new double[12]).samples().length);
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> solver.sample(model, 4, null));
        assertTrue(missing.getMessage().contains("n * C = 4 * 3 = 12"), missing.getMessage());
    }

    @Test
    void badArgumentsGiveMessagesThatNameTheValueAndTheFix() {
        GaussianPath path = new GvpPath();
        DpmModel model =
                new DpmModel(
                        path,
                        Parameterization.NOISE_FUNCTION,
                        new ExactGaussianNetwork(
                                path, MEAN, VARIANCE, Parameterization.NOISE_FUNCTION));
        DpmSolverConfig defaults = DpmSolverConfig.defaults(path);
        assertEquals(DpmSolverConfig.STANDARD_START_TIME_FOR_ZERO_SIGNAL, defaults.tStart());
        assertEquals(1.0, DpmSolverConfig.defaultStartTime(new LinearVpPath(0.1, 20)));

        String atOne =
                message(() -> new DpmSolver(defaults.withTimes(1.0, 1e-3)).sample(model, 2, null));
        assertTrue(atOne.contains("tStart = 1.0") && atOne.contains("lambda = -Infinity"), atOne);

        String wrongLength =
                message(() -> new DpmSolver(defaults).solve(model, new double[5], 2, null));
        assertTrue(wrongLength.contains("length 5") && wrongLength.contains("= 4"), wrongLength);

        String nan =
                message(
                        () ->
                                new DpmSolver(defaults)
                                        .solve(model, new double[] {0, Double.NaN}, 1, null));
        assertTrue(nan.contains("x_T[1] = NaN"), nan);

        String unconditional =
                message(() -> new DpmSolver(defaults).sample(model, 2, new double[2]));
        assertTrue(unconditional.contains("unconditional"), unconditional);

        String order = message(() -> defaults.withOrder(4));
        assertTrue(order.contains("order = 4") && order.contains("1, 2 or 3"), order);

        String fixed =
                message(
                        () ->
                                defaults.withSteps(10)
                                        .withOrder(3)
                                        .withMethod(DpmMethod.SINGLESTEP_FIXED));
        assertTrue(fixed.contains("steps = 10") && fixed.contains("multiple of order 3"), fixed);

        String end = message(() -> defaults.withTimes(0.9, 0.0));
        assertTrue(end.contains("tEnd = 0.0"), end);

        String rows = message(() -> new DpmSolver(defaults).sample(model, 0, null));
        assertTrue(rows.contains("n = 0"), rows);
    }

    private static String message(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    private static double[] moments(double[] samples, int d, int j) {
        int n = samples.length / d;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += samples[i * d + j] / n;
        }
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double r = samples[i * d + j] - mean;
            variance += r * r / (n - 1);
        }
        return new double[] {mean, variance};
    }

    private static double factorial(int k) {
        double f = 1;
        for (int j = 2; j <= k; j++) {
            f *= j;
        }
        return f;
    }

    private static BatchNetwork counting(BatchNetwork inner, AtomicInteger calls) {
        return new BatchNetwork() {
            @Override
            public int xSize() {
                return inner.xSize();
            }

            @Override
            public int conditionSize() {
                return inner.conditionSize();
            }

            @Override
            public void evaluate(int n, double[] t, double[] x, double[] condition, double[] out) {
                calls.incrementAndGet();
                inner.evaluate(n, t, x, condition, out);
            }
        };
    }
}
