package org.grl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.grl4j.models.network.ExactGaussianNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.sampler.model.DiffusionModel;
import org.grl4j.sampler.ode.OdeSolver;
import org.grl4j.sampler.sde.RowNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every solver maps noise to samples whose moments match the data's, at n = 100 000 rows of D = 2
 * from the exact Gaussian network of data N(m, diag(v)), m = (1, -0.5), v = (0.25, 0.64).
 *
 * <p>Target: the ODE solvers integrate from N(0, I) at the start time t_s to t_end, so the exact
 * answer is the closed-form flow map applied to N(0, I): mean T(0) and standard deviation T(1) -
 * T(0) per dimension, with T = transport(t_s, t_end). It differs from the data's N(m, v) by the
 * path at t_end (t_end = 1e-3: s m - m up to 1e-3 in the mean, sigma^2 up to 1e-6 in the variance)
 * and, on gvp and linear, by the signal s(t_s) <= 1.6e-4 neglected at the start; both are below a
 * tenth of a standard error.
 *
 * <p>Tolerance per statistic: 5 standard errors (false-failure rate 5.7e-7 per statistic, five
 * statistics per case: two means, two variances, one covariance) plus the solver's bias bound B on
 * the offset and slope of its per-dimension affine map (mean error <= B, variance error <= 2 sd B +
 * B^2), with B from the solver's deterministic error against the flow map (see the constants).
 */
class SamplerMomentsTest {

    private static final double[] MEAN = {1.0, -0.5};
    private static final double[] VARIANCE = {0.25, 0.64};
    private static final int N = 100_000;

    /**
     * Solver bias bounds B: twice the largest offset or slope error of the solver's map against the
     * flow map, over the three paths and four parameterizations (observed: Euler 250 steps 4.2e-3,
     * slope on linear; RK4 10 steps 2.0e-4, slope on linear_vp_sde; Dormand-Prince 5(4) and 8(5,3)
     * at rtol = atol = 1e-5 3.1e-5).
     */
    private static final double EULER_BIAS = 1e-2;

    private static final double RK4_BIAS = 5e-4;
    private static final double DOPRI_BIAS = 1e-4;

    /**
     * Euler-Maruyama's weak error is O(h): the 10-step run's largest moment error, 0.12,
     * extrapolates to 6e-3 at 200 steps; B = 1e-2 bounds it with room.
     */
    private static final double EULER_MARUYAMA_BIAS = 1e-2;

    static Stream<Arguments> odeCases() {
        GaussianPath vp = new LinearVpPath(0.1, 20);
        GaussianPath gvp = new GvpPath();
        GaussianPath linear = new LinearPath();
        return Stream.of(
                Arguments.of(vp, Parameterization.NOISE_FUNCTION, Solvers.euler(250), EULER_BIAS),
                Arguments.of(vp, Parameterization.SCORE_FUNCTION, Solvers.rk4(10), RK4_BIAS),
                Arguments.of(
                        vp,
                        Parameterization.DATA_PREDICTION_FUNCTION,
                        Solvers.dormandPrince54(),
                        DOPRI_BIAS),
                Arguments.of(
                        vp,
                        Parameterization.VELOCITY_FUNCTION,
                        Solvers.dormandPrince853(1e-5, 1e-5),
                        DOPRI_BIAS),
                Arguments.of(
                        gvp,
                        Parameterization.DATA_PREDICTION_FUNCTION,
                        Solvers.euler(250),
                        EULER_BIAS),
                Arguments.of(gvp, Parameterization.VELOCITY_FUNCTION, Solvers.rk4(10), RK4_BIAS),
                Arguments.of(
                        gvp,
                        Parameterization.NOISE_FUNCTION,
                        Solvers.dormandPrince54(),
                        DOPRI_BIAS),
                Arguments.of(
                        linear, Parameterization.VELOCITY_FUNCTION, Solvers.euler(250), EULER_BIAS),
                Arguments.of(
                        linear,
                        Parameterization.DATA_PREDICTION_FUNCTION,
                        Solvers.rk4(10),
                        RK4_BIAS),
                Arguments.of(
                        linear,
                        Parameterization.SCORE_FUNCTION,
                        Solvers.dormandPrince853(1e-5, 1e-5),
                        DOPRI_BIAS));
    }

    @ParameterizedTest
    @MethodSource("odeCases")
    void everyOdeSolverMapsNoiseToTheDataMoments(
            GaussianPath path, Parameterization parameterization, OdeSolver solver, double bias) {
        ExactGaussianNetwork network =
                new ExactGaussianNetwork(path, MEAN, VARIANCE, parameterization);
        Sampler sampler =
                Sampler.builder(new DiffusionModel(path, parameterization, network))
                        .solver(solver)
                        .build();

        Samples samples = sampler.sample(N, 20240601L);

        double[] origin = network.transport(sampler.startTime(), sampler.endTime(), new double[2]);
        double[] unit =
                network.transport(sampler.startTime(), sampler.endTime(), new double[] {1, 1});
        double[] sd = {unit[0] - origin[0], unit[1] - origin[1]};
        Moments.assertMatch(
                samples,
                origin,
                sd,
                bias,
                path.type() + " " + parameterization + " " + solver.describe());
    }

    @Test
    void eulerMaruyamaMomentsConvergeToTheMarginalAtTheEndTime() {
        GaussianPath path = new LinearVpPath(0.1, 20);
        ExactGaussianNetwork network =
                new ExactGaussianNetwork(path, MEAN, VARIANCE, Parameterization.NOISE_FUNCTION);
        DiffusionModel model = new DiffusionModel(path, Parameterization.NOISE_FUNCTION, network);
        double[] start = exactMarginalSample(network, 1.0, N, 99L);
        double end = DiffusionModel.END_TIME;
        double[] mean = network.marginalMean(end);
        double[] variance = network.marginalVariance(end);
        double[] sd = {Math.sqrt(variance[0]), Math.sqrt(variance[1])};

        Samples fine = sampleSde(model, 200, start);
        Samples coarse = sampleSde(model, 10, start);

        Moments.assertMatch(fine, mean, sd, EULER_MARUYAMA_BIAS, "euler-maruyama 200 steps");
        double coarseError = maxError(coarse, mean, variance);
        double fineError = maxError(fine, mean, variance);
        // Observed: 0.12 at 10 steps, 5e-3 at 200 (mostly sampling noise).
        assertTrue(coarseError > 3 * fineError, coarseError + " vs " + fineError);
    }

    private static Samples sampleSde(DiffusionModel model, int steps, double[] start) {
        Sampler sampler =
                Sampler.builder(model).solver(Solvers.eulerMaruyama(steps)).eta(1.0).build();
        return sampler.sampleFrom(start, null, 4242L);
    }

    /** n rows drawn from the exact marginal p_t = N(s m, diag(V)), so the SDE starts exactly. */
    private static double[] exactMarginalSample(
            ExactGaussianNetwork network, double t, int n, long seed) {
        double[] x = new RowNoise(seed, n).next(2);
        double[] mean = network.marginalMean(t);
        double[] variance = network.marginalVariance(t);
        for (int i = 0; i < x.length; i++) {
            x[i] = mean[i % 2] + Math.sqrt(variance[i % 2]) * x[i];
        }
        return x;
    }

    private static double maxError(Samples samples, double[] mean, double[] variance) {
        Moments moments = Moments.of(samples.x(), 2);
        double max = 0;
        for (int j = 0; j < 2; j++) {
            max = Math.max(max, Math.abs(moments.mean()[j] - mean[j]));
            max = Math.max(max, Math.abs(moments.variance()[j] - variance[j]));
        }
        return max;
    }
}
