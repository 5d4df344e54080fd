package org.grl4j.models.param;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.grl4j.models.SeededRandom;
import org.grl4j.models.Tolerances;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parameterization conversions: round trips, and agreement with per-pair closed forms. */
class ConversionsTest {

    private static final int SAMPLES = 2000;

    static Stream<Arguments> pathsAndPairs() {
        GaussianPath[] paths = {new LinearVpPath(0.1, 20), new GvpPath(), new LinearPath()};
        Stream.Builder<Arguments> all = Stream.builder();
        for (GaussianPath path : paths) {
            for (Parameterization from : Parameterization.values()) {
                for (Parameterization to : Parameterization.values()) {
                    all.add(Arguments.of(path, from, to));
                }
            }
        }
        return all.build();
    }

    /**
     * Converting and converting back returns h to 1e-12 relative to the size of the terms the two
     * formulas add up (see {@link ConversionScale}). A plain relative error is not the right
     * measure: when h is itself a near-cancellation (a data prediction of 1e-5 from x = 2.4 at t =
     * 0.87 on linear_vp_sde) the round trip loses up to 4e-10 relative to h, which is rounding in
     * the larger terms, not a defect of the formulas.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2} -> {1}")
    @MethodSource("pathsAndPairs")
    void roundTripReturnsTheOutputToWithinRoundingOfItsTerms(
            GaussianPath path, Parameterization from, Parameterization to) {
        SeededRandom random = new SeededRandom(from.ordinal() * 4L + to.ordinal());
        for (int i = 0; i < SAMPLES; i++) {
            double t = random.uniform(0.01, 0.99);
            double x = 2 * random.gaussian();
            double h = random.gaussian();

            double there = Conversions.convert(from, to, path, t, x, h);
            double back = Conversions.convert(to, from, path, t, x, there);

            double noise = Conversions.toNoise(from, path, t, x, h);
            double terms =
                    Math.max(
                            ConversionScale.termSizeInNoiseUnits(from, path, t, x, noise),
                            ConversionScale.termSizeInNoiseUnits(to, path, t, x, noise));
            double allowed =
                    Tolerances.ROUND_TRIP
                            * Math.max(
                                    Math.abs(h),
                                    terms * ConversionScale.unitsPerNoise(from, path, t));
            assertTrue(
                    Math.abs(back - h) <= allowed,
                    path.type() + " t=" + t + " x=" + x + " h=" + h + " came back as " + back);
        }
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("pathsAndPairs")
    void identityIsExactAndNoiseIsTheHub(
            GaussianPath path, Parameterization from, Parameterization to) {
        double t = 0.37;
        double x = -1.3;
        double h = 0.42;

        assertEquals(h, Conversions.convert(from, from, path, t, x, h));
        if (from == to) {
            return;
        }
        double viaHub =
                Conversions.fromNoise(to, path, t, x, Conversions.toNoise(from, path, t, x, h));
        assertEquals(viaHub, Conversions.convert(from, to, path, t, x, h), 0.0);
    }

    /**
     * Per-pair formulas derived on paper (not through the noise): Tweedie's data prediction x_0 =
     * (x + sigma^2 score) / s, the probability-flow drift v = f x - (g^2 / 2) score, and their
     * inverses. These are the conversions GenerativeRL gets wrong.
     */
    @Test
    void agreesWithDirectPairFormulas() {
        SeededRandom random = new SeededRandom(3);
        GaussianPath[] paths = {new LinearVpPath(0.1, 20), new GvpPath(), new LinearPath()};
        for (GaussianPath p : paths) {
            for (int i = 0; i < SAMPLES; i++) {
                double t = random.uniform(0.01, 0.99);
                double x = 2 * random.gaussian();
                double score = random.gaussian() / p.std(t);
                double s = p.scale(t);
                double sigma = p.std(t);
                double f = p.driftCoefficient(t);
                double g2 = p.diffusionSquared(t);

                double data = (x + sigma * sigma * score) / s;
                double velocity = f * x - g2 / 2 * score;
                double velocityFromData = f * x + g2 / (2 * sigma * sigma) * (x - s * data);
                double dataFromVelocity = (x - 2 * sigma * sigma * (velocity - f * x) / g2) / s;

                assertClose(
                        data,
                        convert(
                                Parameterization.SCORE_FUNCTION,
                                Parameterization.DATA_PREDICTION_FUNCTION,
                                p,
                                t,
                                x,
                                score),
                        x / s);
                assertClose(
                        velocity,
                        convert(
                                Parameterization.SCORE_FUNCTION,
                                Parameterization.VELOCITY_FUNCTION,
                                p,
                                t,
                                x,
                                score),
                        f * x);
                assertClose(
                        velocityFromData,
                        convert(
                                Parameterization.DATA_PREDICTION_FUNCTION,
                                Parameterization.VELOCITY_FUNCTION,
                                p,
                                t,
                                x,
                                data),
                        g2 / (2 * sigma * sigma) * x);
                assertClose(
                        dataFromVelocity,
                        convert(
                                Parameterization.VELOCITY_FUNCTION,
                                Parameterization.DATA_PREDICTION_FUNCTION,
                                p,
                                t,
                                x,
                                velocity),
                        x / s);
            }
        }
    }

    @Test
    void batchConversionMatchesElementwiseAndMayAliasItsInput() {
        GaussianPath path = new LinearVpPath(0.1, 20);
        double[] t = {0.2, 0.7};
        double[] x = {1, -2, 0.5, 3, -1, 0};
        double[] h = {0.1, 0.2, -0.3, 0.4, 0.5, -0.6};
        double[] expected = new double[6];
        for (int j = 0; j < 6; j++) {
            expected[j] =
                    convert(
                            Parameterization.NOISE_FUNCTION,
                            Parameterization.VELOCITY_FUNCTION,
                            path,
                            t[j / 3],
                            x[j],
                            h[j]);
        }

        Conversions.convert(
                Parameterization.NOISE_FUNCTION,
                Parameterization.VELOCITY_FUNCTION,
                path,
                2,
                3,
                t,
                x,
                h,
                h);

        assertArrayEquals(expected, h, 0.0);
    }

    private static double convert(
            Parameterization from,
            Parameterization to,
            GaussianPath p,
            double t,
            double x,
            double h) {
        return Conversions.convert(from, to, p, t, x, h);
    }

    /** Closeness to 1e-12 relative to the larger of the value and the scale of its terms. */
    private static void assertClose(double expected, double actual, double termScale) {
        double allowed = Tolerances.ROUND_TRIP * Math.max(Math.abs(expected), Math.abs(termScale));
        assertEquals(expected, actual, allowed);
    }
}
