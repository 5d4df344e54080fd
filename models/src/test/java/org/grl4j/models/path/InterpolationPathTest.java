package org.grl4j.models.path;

import static org.grl4j.models.path.PathAssertions.assertRelative;
import static org.grl4j.models.path.PathAssertions.assertScaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.grl4j.models.SeededRandom;
import org.grl4j.models.Tolerances;
import org.junit.jupiter.api.Test;

/** The flow and bridge paths against their closed forms and their own time derivatives. */
class InterpolationPathTest {

    private static final double STEP = 1e-5;

    /** A few roundings in a short formula. */
    private static final double FORMULA = 1e-14;

    @Test
    void constantNoisePathInterpolatesWithFixedNoise() {
        ConstantNoisePath path = new ConstantNoisePath(0.1);

        assertEquals(0.1, path.std(0.3));
        assertEquals(0.0, path.dStdDt(0.3));
        assertEquals(0.7 * 2 + 0.3 * 5, path.mean(0.3, 2, 5), 1e-15);
        assertEquals(3.0, path.conditionalVelocity(0.3, 2, 5, 123.0));
        assertEquals(2.0, path.mean(0, 2, 5));
        assertEquals(5.0, path.mean(1, 2, 5));
    }

    @Test
    void bridgeMatchesGenerativeRlsExampleValues() {
        BrownianBridgePath path = new BrownianBridgePath(0.1);

        assertRelative(0.03, path.std(0.1), FORMULA, "std at 0.1");
        assertRelative(4.0 / 0.9, path.dLogStdDt(0.1), FORMULA, "d log std/dt at 0.1");
        assertRelative(0.05, path.std(0.5), FORMULA, "std at 0.5");
        assertEquals(0.0, path.dLogStdDt(0.5));
        assertRelative(0.03, path.scoreLossWeight(0.1), FORMULA, "score loss weight");
    }

    @Test
    void bridgeStdDerivativesMatchFiniteDifferences() {
        BrownianBridgePath path = new BrownianBridgePath(0.7);
        for (double t = 0.02; t < 0.99; t += 0.04) {
            double difference = (path.std(t + STEP) - path.std(t - STEP)) / (2 * STEP);

            // absolute near t = 1/2, where the derivative vanishes and the difference is rounding
            assertScaled(difference, path.dStdDt(t), Tolerances.FINITE_DIFFERENCE, 1, "dstd/dt");
            assertRelative(
                    path.dStdDt(t) / path.std(t), path.dLogStdDt(t), FORMULA, "d log std/dt");
        }
    }

    /** u_t is d x_t / dt along a fixed (x_0, x_1, z): check it for both paths. */
    @Test
    void conditionalVelocityIsTheTimeDerivativeOfTheSample() {
        SeededRandom random = new SeededRandom(11);
        InterpolationPath[] paths = {new ConstantNoisePath(0.3), new BrownianBridgePath(0.8)};
        for (InterpolationPath path : paths) {
            for (int i = 0; i < 200; i++) {
                double t = random.uniform(0.02, 0.98);
                double source = random.gaussian();
                double data = 3 * random.gaussian();
                double noise = random.gaussian();
                double x = path.sample(t, source, data, noise);
                double difference =
                        (path.sample(t + STEP, source, data, noise)
                                        - path.sample(t - STEP, source, data, noise))
                                / (2 * STEP);

                assertRelative(
                        difference,
                        path.conditionalVelocity(t, source, data, x),
                        Tolerances.FINITE_DIFFERENCE,
                        path.type() + " velocity at t = " + t);
                assertRelative(
                        -noise / path.std(t),
                        path.conditionalScore(t, source, data, x),
                        1e-12,
                        path.type() + " score at t = " + t);
            }
        }
    }

    @Test
    void rejectsNegativeOrZeroSigmaWithAMessageNamingTheKey() {
        var constant =
                assertThrows(IllegalArgumentException.class, () -> new ConstantNoisePath(-1));
        var bridge = assertThrows(IllegalArgumentException.class, () -> new BrownianBridgePath(0));

        assertEquals(
                "constant_noise path: sigma must be a finite number >= 0, but was -1.0; set sigma"
                        + " to a non-negative value such as 0 or 0.01",
                constant.getMessage());
        assertEquals(
                "brownian_bridge path: sigma must be a finite number > 0, but was 0.0; set sigma"
                        + " to a positive value such as 1.0",
                bridge.getMessage());
        assertEquals(0.0, new ConstantNoisePath(0).std(0.5));
    }
}
