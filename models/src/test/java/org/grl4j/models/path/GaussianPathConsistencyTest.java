package org.grl4j.models.path;

import static org.grl4j.models.path.PathAssertions.assertRelative;
import static org.grl4j.models.path.PathAssertions.assertScaled;
import static org.grl4j.models.path.PathAssertions.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.grl4j.models.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each diffusion path agrees with itself: derivatives, g^2 identity and the lambda inverse. */
class GaussianPathConsistencyTest {

    private static final double STEP = 1e-5;

    /** The identities involve only a handful of roundings each. */
    private static final double IDENTITY = 1e-13;

    private static double centralDifference(DoubleUnaryOperator function, double t) {
        return (function.applyAsDouble(t + STEP) - function.applyAsDouble(t - STEP)) / (2 * STEP);
    }

    private static double[] grid() {
        double[] ts = new double[49];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 0.02 * (i + 1);
        }
        return ts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp", "gvp", "linear"})
    void derivativesMatchCentralFiniteDifferences(String name) {
        GaussianPath p = path(name);
        for (double t : grid()) {
            assertRelative(
                    centralDifference(u -> Math.log(p.scale(u)), t),
                    p.driftCoefficient(t),
                    Tolerances.FINITE_DIFFERENCE,
                    name + " f at " + t);
            assertRelative(
                    centralDifference(p::scale, t),
                    p.dScaleDt(t),
                    Tolerances.FINITE_DIFFERENCE,
                    name + " ds/dt at " + t);
            assertRelative(
                    centralDifference(p::std, t),
                    p.dStdDt(t),
                    Tolerances.FINITE_DIFFERENCE,
                    name + " dsigma/dt at " + t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp", "gvp", "linear"})
    void diffusionSquaredIsTheVarianceGrowthMinusTheDrift(String name) {
        GaussianPath p = path(name);
        for (double t : grid()) {
            double sigma = p.std(t);
            double f = p.driftCoefficient(t);
            double expected = 2 * sigma * p.dStdDt(t) - 2 * f * sigma * sigma;

            assertRelative(expected, p.diffusionSquared(t), IDENTITY, name + " g^2 at " + t);
            assertRelative(f * p.scale(t), p.dScaleDt(t), IDENTITY, name + " ds/dt = f s");
        }
    }

    /**
     * Round trips through lambda get 10x the identity tolerance: each direction is a log or exp of
     * a ratio, and |d log t / d lambda| is up to about 5 on this grid.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vp", "gvp", "linear"})
    void halfLogSnrAndItsInverseRoundTrip(String name) {
        GaussianPath p = path(name);
        for (double t : grid()) {
            double lambda = p.halfLogSnr(t);

            assertRelative(t, p.inverseHalfLogSnr(lambda), IDENTITY * 10, name + " t(lambda(t))");
            assertScaled(
                    Math.log(p.scale(t) / p.std(t)), lambda, IDENTITY * 10, 1, name + " lambda");
        }
        for (double lambda = -8; lambda <= 8; lambda += 0.25) {
            assertScaled(
                    lambda,
                    p.halfLogSnr(p.inverseHalfLogSnr(lambda)),
                    Tolerances.ROUND_TRIP * 10,
                    1,
                    name + " lambda(t(" + lambda + "))");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp", "gvp", "linear"})
    void halfLogSnrDecreasesFromDataToNoise(String name) {
        GaussianPath p = path(name);
        double previous = Double.POSITIVE_INFINITY;
        for (double t : grid()) {
            double lambda = p.halfLogSnr(t);
            assertTrue(lambda < previous, name + " lambda not decreasing at t = " + t);
            previous = lambda;
        }
    }

    /**
     * GenerativeRL drops the -beta_0/2 term from the VP derivative (ds/dt = -0.94198819 at t = 0.1)
     * and uses an inconsistent gvp g^2 (2.72144147 at t = 0.5); the exact values differ by 5% and
     * 15%.
     */
    @Test
    void avoidsGenerativeRlsDerivativeAndDiffusionBugs() {
        double vpSlope = new LinearVpPath(0.1, 20).dScaleDt(0.1);
        double gvpG2 = new GvpPath().diffusionSquared(0.5);

        assertRelative(-0.98932428, vpSlope, 1e-8, "VP ds/dt");
        assertTrue(Math.abs(vpSlope - -0.94198819) > 0.04, "VP ds/dt has GenerativeRL's bug");
        assertRelative(Math.PI, gvpG2, 1e-15, "gvp g^2 at t = 0.5");
        assertTrue(Math.abs(gvpG2 - 2.72144147) > 0.4, "gvp g^2 has GenerativeRL's bug");
    }

    @Test
    void vpStdKeepsRelativePrecisionNearTimeZero() {
        // sigma^2 = 1 - exp(-beta_0 t - ...) ~ beta_0 t: at t = 1e-12 the naive 1 - s^2 keeps only
        // about four correct digits.
        double t = 1e-12;
        double exact = Math.sqrt(0.1 * t + (19.9 / 2) * t * t);

        assertRelative(exact, new LinearVpPath(0.1, 20).std(t), 1e-12, "sigma near 0");
    }

    @Test
    void gvpScaleKeepsRelativePrecisionNearTimeOne() {
        double t = 1 - 1e-9;

        assertRelative(Math.PI / 2 * 1e-9, new GvpPath().scale(t), 1e-6, "s near 1");
    }

    @Test
    void vpRejectsBadBetasWithAMessageNamingTheKey() {
        var zero = assertThrows(IllegalArgumentException.class, () -> new LinearVpPath(0, 20));
        var reversed = assertThrows(IllegalArgumentException.class, () -> new LinearVpPath(5, 1));
        var infinite =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new LinearVpPath(0.1, Double.POSITIVE_INFINITY));

        assertEquals(
                "linear_vp_sde path: beta_0 must be a finite number > 0, but was 0.0; set beta_0 to"
                        + " a positive value such as 0.1",
                zero.getMessage());
        assertTrue(reversed.getMessage().contains("beta_1 must be a finite number > beta_0"));
        assertTrue(infinite.getMessage().contains("but was Infinity"));
    }

    @Test
    void typesAreTheConfigurationNames() {
        assertEquals("linear_vp_sde", new LinearVpPath(0.1, 20).type());
        assertEquals("gvp", new GvpPath().type());
        assertEquals("linear", new LinearPath().type());
    }
}
