package org.grl4j.sampler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.grl4j.models.network.ExactGaussianNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.Tolerances;
import org.grl4j.sampler.ode.VectorField;
import org.grl4j.sampler.sde.RowNoise;
import org.grl4j.sampler.sde.StochasticField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiffusionModelTest {

    static final double[] MEAN = {1.0, -0.5};
    static final double[] VARIANCE = {0.25, 0.64};
    private static final double[] TIMES = {0.1, 0.5, 0.9};

    /**
     * The views go through the predicted noise and back: a few ulps times the conditioning of the
     * conversions (at most ~1e3 at t = 0.9 on the paths here).
     */
    private static final double CONVERSION = 1e-11;

    static Stream<GaussianPath> paths() {
        return Stream.of(new LinearVpPath(0.1, 20), new GvpPath(), new LinearPath());
    }

    static ExactGaussianNetwork exact(GaussianPath path, Parameterization parameterization) {
        return new ExactGaussianNetwork(path, MEAN, VARIANCE, parameterization);
    }

    /** Four rows of width 2 spread over the data. */
    private static final double[] X = {0.3, -1.2, 2.0, 0.4, -0.7, 0.0, 1.1, -2.5};

    @ParameterizedTest
    @MethodSource("paths")
    void everyViewEqualsTheExactNetworkOfThatParameterization(GaussianPath path) {
        for (Parameterization from : Parameterization.values()) {
            DiffusionModel model = new DiffusionModel(path, from, exact(path, from));
            for (Parameterization view : Parameterization.values()) {
                for (double t : TIMES) {
                    double[] times = {t, t, t, t};
                    double[] actual = new double[X.length];
                    double[] expected = new double[X.length];

                    model.evaluate(view, 4, times, X, null, actual);
                    exact(path, view).evaluate(4, times, X, null, expected);

                    assertClose(expected, actual, CONVERSION, from + " as " + view + " at " + t);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void theProbabilityFlowIsTheExactVelocityForEveryParameterization(GaussianPath path) {
        for (Parameterization parameterization : Parameterization.values()) {
            DiffusionModel model =
                    new DiffusionModel(path, parameterization, exact(path, parameterization));
            VectorField field = model.probabilityFlow(4, null);
            for (double t : TIMES) {
                double[] actual = new double[X.length];
                double[] expected = new double[X.length];

                field.evaluate(4, t, X, actual);
                exact(path, Parameterization.VELOCITY_FUNCTION)
                        .evaluate(4, new double[] {t, t, t, t}, X, null, expected);

                assertClose(expected, actual, CONVERSION, parameterization + " at " + t);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void theReverseSdeIsFxMinusOnePlusEtaSquaredHalfG2ScoreWithNoiseEtaG(GaussianPath path) {
        ExactGaussianNetwork score = exact(path, Parameterization.SCORE_FUNCTION);
        for (Parameterization parameterization : Parameterization.values()) {
            DiffusionModel model =
                    new DiffusionModel(path, parameterization, exact(path, parameterization));
            for (double eta : new double[] {0.5, 1.0, 2.0}) {
                StochasticField field = model.stochasticFlow(4, eta, null);
                for (double t : TIMES) {
                    double[] drift = new double[X.length];
                    double[] diffusion = new double[X.length];
                    field.evaluate(4, t, X, drift);
                    field.diffusion(4, t, X, diffusion);

                    double[] expected = new double[X.length];
                    score.evaluate(4, new double[] {t, t, t, t}, X, null, expected);
                    double f = path.driftCoefficient(t);
                    double g2 = path.diffusionSquared(t);
                    for (int i = 0; i < X.length; i++) {
                        expected[i] = f * X[i] - (1 + eta * eta) * g2 / 2 * expected[i];
                    }
                    double[] expectedDiffusion = new double[X.length];
                    Arrays.fill(expectedDiffusion, eta * Math.sqrt(g2));

                    String where = parameterization + " eta " + eta + " at " + t;
                    assertClose(expected, drift, CONVERSION, where);
                    assertClose(expectedDiffusion, diffusion, 1e-15, where);
                }
            }
        }
    }

    @Test
    void startsAtOneOnlyWhenThePathKeepsSignalThere() {
        assertEquals(1.0, model(new LinearVpPath(0.1, 20)).startTime());
        assertEquals(1 - 1e-4, model(new GvpPath()).startTime());
        assertEquals(1 - 1e-4, model(new LinearPath()).startTime());
        assertEquals(0.0, model(new GvpPath()).endTime(false));
        assertEquals(1e-3, model(new GvpPath()).endTime(true));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void theProbabilityFlowFromNoiseFollowsTheClosedFormTrajectory(GaussianPath path) {
        int n = 64;
        double[] noise = new RowNoise(11, n).next(2);
        for (Parameterization parameterization : Parameterization.values()) {
            ExactGaussianNetwork network = exact(path, parameterization);
            DiffusionModel model = new DiffusionModel(path, parameterization, network);
            double start = model.startTime();
            for (double t : new double[] {0.7, 0.3, 0.05, 1e-3}) {
                double[] x =
                        Solvers.dormandPrince853(1e-10, 1e-10)
                                .solve(model.probabilityFlow(n, null), n, noise, start, t)
                                .x();

                assertClose(
                        network.transport(start, t, noise),
                        x,
                        Tolerances.TIGHT_ODE,
                        parameterization + " to t = " + t);
            }
        }
    }

    private static DiffusionModel model(GaussianPath path) {
        return new DiffusionModel(
                path,
                Parameterization.NOISE_FUNCTION,
                exact(path, Parameterization.NOISE_FUNCTION));
    }

    /** |expected - actual| <= tolerance max(1, |expected|) element by element. */
    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    expected[i],
                    actual[i],
                    tolerance * Math.max(1, Math.abs(expected[i])),
                    what + " at index " + i);
        }
    }
}
