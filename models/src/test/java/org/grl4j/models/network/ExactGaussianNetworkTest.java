package org.grl4j.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.grl4j.models.SeededRandom;
import org.grl4j.models.Tolerances;
import org.grl4j.models.param.ConversionScale;
import org.grl4j.models.param.Conversions;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact Gaussian network against conversions, independent formulas and finite differences. */
class ExactGaussianNetworkTest {

    private static final double[] MEAN = {0.5, -1, 2};
    private static final double[] VARIANCE = {0.3, 1.5, 0.02};
    private static final int D = MEAN.length;
    private static final int ROWS = 64;
    private static final double STEP = 1e-5;

    static Stream<GaussianPath> paths() {
        return Stream.of(new LinearVpPath(0.1, 20), new GvpPath(), new LinearPath());
    }

    private static ExactGaussianNetwork network(GaussianPath path, Parameterization view) {
        return new ExactGaussianNetwork(path, MEAN, VARIANCE, view);
    }

    /** Random rows: t in (0.01, 0.99), x drawn from the marginal widened by 2. */
    private static double[][] batch(GaussianPath path, long seed) {
        SeededRandom random = new SeededRandom(seed);
        double[] t = random.uniforms(ROWS, 0.01, 0.99);
        double[] x = new double[ROWS * D];
        ExactGaussianNetwork net = network(path, Parameterization.NOISE_FUNCTION);
        for (int i = 0; i < ROWS; i++) {
            double[] mean = net.marginalMean(t[i]);
            double[] variance = net.marginalVariance(t[i]);
            for (int j = 0; j < D; j++) {
                x[i * D + j] = mean[j] + 2 * Math.sqrt(variance[j]) * random.gaussian();
            }
        }
        return new double[][] {t, x};
    }

    private static double[] evaluate(ExactGaussianNetwork net, double[] t, double[] x) {
        double[] out = new double[x.length];
        net.evaluate(t.length, t, x, null, out);
        return out;
    }

    @ParameterizedTest
    @MethodSource("paths")
    void fourViewsAgreeThroughConversions(GaussianPath path) {
        double[][] b = batch(path, 1);
        double[] t = b[0];
        double[] x = b[1];
        double[] noise = evaluate(network(path, Parameterization.NOISE_FUNCTION), t, x);

        for (Parameterization view : Parameterization.values()) {
            double[] h = evaluate(network(path, view), t, x);
            for (int k = 0; k < x.length; k++) {
                double ti = t[k / D];
                double converted = Conversions.toNoise(view, path, ti, x[k], h[k]);
                double scale = ConversionScale.termSizeInNoiseUnits(view, path, ti, x[k], noise[k]);

                assertEquals(
                        noise[k],
                        converted,
                        Tolerances.ROUND_TRIP * Math.max(scale, Math.abs(noise[k])),
                        path.type() + " " + view + " at t = " + ti);
            }
        }
    }

    /**
     * The posterior of x_0 given x_t in precision form, (m / v + s x / sigma^2) / (1 / v + s^2 /
     * sigma^2), and Tweedie's noise and score from it: none of it uses the marginal variance V that
     * the network is written with.
     */
    @ParameterizedTest
    @MethodSource("paths")
    void viewsMatchThePosteriorInPrecisionForm(GaussianPath path) {
        double[][] b = batch(path, 2);
        double[] t = b[0];
        double[] x = b[1];
        double[] noise = evaluate(network(path, Parameterization.NOISE_FUNCTION), t, x);
        double[] score = evaluate(network(path, Parameterization.SCORE_FUNCTION), t, x);
        double[] data = evaluate(network(path, Parameterization.DATA_PREDICTION_FUNCTION), t, x);

        for (int k = 0; k < x.length; k++) {
            int j = k % D;
            double s = path.scale(t[k / D]);
            double sigma = path.std(t[k / D]);
            double precision = 1 / VARIANCE[j] + s * s / (sigma * sigma);
            double posterior = (MEAN[j] / VARIANCE[j] + s * x[k] / (sigma * sigma)) / precision;
            double expectedNoise = (x[k] - s * posterior) / sigma;

            double scale = Math.abs(x[k]) + Math.abs(MEAN[j]);
            assertEquals(posterior, data[k], 1e-12 * scale, "data prediction");
            assertEquals(expectedNoise, noise[k], 1e-12 * scale / sigma, "noise");
            assertEquals(
                    -expectedNoise / sigma, score[k], 1e-12 * scale / (sigma * sigma), "score");
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void scoreIsTheGradientOfTheLogDensity(GaussianPath path) {
        ExactGaussianNetwork net = network(path, Parameterization.SCORE_FUNCTION);
        double[][] b = batch(path, 3);
        for (int i = 0; i < ROWS; i++) {
            double t = b[0][i];
            double[] x = row(b[1], i);
            double[] score = net.score(t, x);
            double[] out = evaluate(net, new double[] {t}, x);
            for (int j = 0; j < D; j++) {
                double[] up = x.clone();
                double[] down = x.clone();
                double step = STEP * Math.sqrt(net.marginalVariance(t)[j]);
                up[j] += step;
                down[j] -= step;
                double difference = (net.logDensity(t, up) - net.logDensity(t, down)) / (2 * step);

                assertEquals(
                        difference,
                        score[j],
                        Tolerances.FINITE_DIFFERENCE
                                * (Math.abs(score[j]) + 1 / Math.sqrt(net.marginalVariance(t)[j])));
                assertEquals(score[j], out[j], 0.0);
            }
        }
    }

    @Test
    void logDensityIsTheProductOfNormalDensities() {
        GaussianPath path = new LinearVpPath(0.1, 20);
        ExactGaussianNetwork net = network(path, Parameterization.SCORE_FUNCTION);
        double t = 0.3;
        double[] x = {0.2, -0.7, 1.1};
        double expected = 0;
        for (int j = 0; j < D; j++) {
            double s = path.scale(t);
            double sd = Math.sqrt(s * s * VARIANCE[j] + path.std(t) * path.std(t));
            expected += new NormalDistribution(s * MEAN[j], sd).logDensity(x[j]);
        }

        assertEquals(expected, net.logDensity(t, x), 1e-13 * Math.abs(expected));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void tangentIsTheDirectionalDerivativeOfEveryView(GaussianPath path) {
        double[][] b = batch(path, 4);
        double[] t = b[0];
        double[] x = b[1];
        double[] direction = new SeededRandom(5).gaussians(x.length);
        for (Parameterization view : Parameterization.values()) {
            ExactGaussianNetwork net = network(path, view);
            double[] out = new double[x.length];
            double[] tangent = new double[x.length];
            net.evaluateWithTangent(ROWS, t, x, null, direction, out, tangent);

            double[] up = evaluate(net, t, shifted(x, direction, STEP));
            double[] down = evaluate(net, t, shifted(x, direction, -STEP));
            double[] plain = evaluate(net, t, x);
            for (int k = 0; k < x.length; k++) {
                double difference = (up[k] - down[k]) / (2 * STEP);
                // h is affine in x, so the difference is exact up to rounding of h / STEP
                double allowed =
                        Tolerances.FINITE_DIFFERENCE * (Math.abs(tangent[k]) + Math.abs(plain[k]));
                assertEquals(difference, tangent[k], allowed, view + " tangent");
                assertEquals(plain[k], out[k], 0.0, view + " value with tangent");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void divergenceIsTheTraceOfTheVelocityJacobian(GaussianPath path) {
        ExactGaussianNetwork net = network(path, Parameterization.VELOCITY_FUNCTION);
        for (double t = 0.05; t < 1; t += 0.1) {
            double trace = 0;
            for (int j = 0; j < D; j++) {
                double[] unit = new double[D];
                unit[j] = 1;
                double[] out = new double[D];
                double[] tangent = new double[D];
                net.evaluateWithTangent(
                        1, new double[] {t}, MEAN.clone(), null, unit, out, tangent);
                trace += tangent[j];
            }
            double f = path.driftCoefficient(t);
            double g2 = path.diffusionSquared(t);
            double fromDesign = 0;
            for (double variance : net.marginalVariance(t)) {
                fromDesign += f + g2 / (2 * variance);
            }

            assertEquals(trace, net.velocityDivergence(t), 1e-14 * Math.abs(trace));
            assertEquals(fromDesign, trace, 1e-12 * (Math.abs(f) + Math.abs(g2)) * D);
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void transportMovesAlongTheVelocity(GaussianPath path) {
        ExactGaussianNetwork net = network(path, Parameterization.VELOCITY_FUNCTION);
        double[][] b = batch(path, 6);
        for (int i = 0; i < ROWS; i++) {
            double t = Math.min(Math.max(b[0][i], 0.02), 0.98);
            double[] x = row(b[1], i);
            double[] velocity = evaluate(net, new double[] {t}, x);
            double[] ahead = net.transport(t, t + STEP, x);
            double[] behind = net.transport(t, t - STEP, x);
            for (int j = 0; j < D; j++) {
                double difference = (ahead[j] - behind[j]) / (2 * STEP);
                double allowed =
                        Tolerances.FINITE_DIFFERENCE * (Math.abs(velocity[j]) + Math.abs(x[j]) + 1);
                assertEquals(difference, velocity[j], allowed, path.type() + " dx/dt at t = " + t);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void transportComposesAndIsTheIdentityInPlace(GaussianPath path) {
        ExactGaussianNetwork net = network(path, Parameterization.VELOCITY_FUNCTION);
        double[] x = batch(path, 7)[1];

        double[] viaMiddle = net.transport(0.6, 0.9, net.transport(0.1, 0.6, x));
        double[] direct = net.transport(0.1, 0.9, x);
        double[] there = net.transport(0.0, 1.0, x);
        double[] back = net.transport(1.0, 0.0, there);

        for (int k = 0; k < x.length; k++) {
            double scale = Math.abs(direct[k]) + Math.abs(MEAN[k % D]);
            assertEquals(direct[k], viaMiddle[k], Tolerances.ROUND_TRIP * scale);
            assertEquals(
                    x[k],
                    back[k],
                    Tolerances.ROUND_TRIP * (Math.abs(x[k]) + Math.abs(MEAN[k % D])));
            assertEquals(x[k], net.transport(0.4, 0.4, x)[k], 0.0);
        }
    }

    /**
     * d/dt log p_t(x_t) = -div v along the PF-ODE: the density at the end of the exact flow map
     * equals the density at its start minus the integral of the divergence (the instantaneous
     * change of variables that the sampler's likelihood integrates).
     */
    @ParameterizedTest
    @MethodSource("paths")
    void logDensityChangesByTheIntegratedDivergence(GaussianPath path) {
        ExactGaussianNetwork net = network(path, Parameterization.VELOCITY_FUNCTION);
        double start = 0.001;
        double end = 0.95;
        double[] x = {0.3, 0.1, 1.9};
        double[] y = net.transport(start, end, x);
        var integrator = new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-13);
        double integral = integrator.integrate(100_000, net::velocityDivergence, start, end);

        double change = net.logDensity(end, y) - net.logDensity(start, x);

        assertEquals(-integral, change, 1e-10 * Math.abs(integral));
    }

    @Test
    void velocityIsFiniteAtTheNoiseEndWhereTheDriftIsNot() {
        double[] x = {0.3, 0.1, 1.9};
        for (GaussianPath path : new GaussianPath[] {new LinearPath(), new GvpPath()}) {
            ExactGaussianNetwork net = network(path, Parameterization.VELOCITY_FUNCTION);
            double[] atOne = evaluate(net, new double[] {1.0}, x);
            double[] near = evaluate(net, new double[] {1 - 1e-9}, x);
            for (int j = 0; j < D; j++) {
                assertTrue(Double.isFinite(atOne[j]), path.type() + " velocity at t = 1");
                assertEquals(near[j], atOne[j], 1e-6, path.type() + " velocity limit at t = 1");
            }
        }
        // linear path at t = 1: x is the noise and E[x_0] = m, so v = x - m
        double[] linear =
                evaluate(
                        network(new LinearPath(), Parameterization.VELOCITY_FUNCTION),
                        new double[] {1.0},
                        x);
        for (int j = 0; j < D; j++) {
            assertEquals(x[j] - MEAN[j], linear[j], 1e-15);
        }
        double[] vpAtZero =
                evaluate(
                        network(new LinearVpPath(0.1, 20), Parameterization.VELOCITY_FUNCTION),
                        new double[] {0.0},
                        x);
        assertTrue(Double.isFinite(vpAtZero[0]), "linear_vp_sde velocity at t = 0");
    }

    @Test
    void rejectsBadShapesAndVariancesWithMessagesNamingTheArgument() {
        GaussianPath path = new LinearPath();
        Parameterization view = Parameterization.NOISE_FUNCTION;
        var ragged =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ExactGaussianNetwork(path, MEAN, new double[] {1, 1}, view));
        var zero =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ExactGaussianNetwork(path, MEAN, new double[] {1, 0, 1}, view));
        ExactGaussianNetwork net = new ExactGaussianNetwork(path, MEAN, VARIANCE, view, 2);
        var shortX =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                net.evaluate(
                                        2,
                                        new double[2],
                                        new double[5],
                                        new double[4],
                                        new double[6]));
        var noCondition =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> net.evaluate(1, new double[1], new double[3], null, new double[3]));

        assertEquals(
                "ExactGaussianNetwork: mean has 3 entries but variance has 2; give one variance per"
                        + " dimension of the mean",
                ragged.getMessage());
        assertEquals(
                "ExactGaussianNetwork: variance[1] must be finite and > 0, but was 0.0; give every"
                        + " dimension a positive variance",
                zero.getMessage());
        assertEquals(
                "ExactGaussianNetwork: x must have at least 6 values for this batch, but had 5",
                shortX.getMessage());
        assertEquals(
                "ExactGaussianNetwork: condition must have at least 2 values for this batch, but"
                        + " had null",
                noCondition.getMessage());
    }

    private static double[] row(double[] x, int i) {
        double[] out = new double[D];
        System.arraycopy(x, i * D, out, 0, D);
        return out;
    }

    private static double[] shifted(double[] x, double[] direction, double step) {
        double[] out = x.clone();
        for (int k = 0; k < x.length; k++) {
            out[k] += step * direction[k];
        }
        return out;
    }
}
