package org.grl4j.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grl4j.models.metrics.Moments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each dataset is checked against its recipe through an independent property: exact geometry of the
 * noise-free curve, or moments computed from the distribution's formula. Moment checks use 20 000
 * points and bounds of at least 5 standard errors (false-failure rate below 1e-6 per check; the
 * seeds are fixed, so a run either always passes or always fails).
 */
class DatasetsTest {

    private static final int N = 20_000;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "swiss_roll",
                "moons",
                "8gaussians",
                "scurve",
                "checkerboard",
                "standard_normal"
            })
    void sameSeedGivesSamePointsAndAnotherSeedDoesNot(String name) {
        PointSet first = Datasets.byName(name, 500, 42);

        assertEquals(first, Datasets.byName(name, 500, 42));
        assertNotEquals(first, Datasets.byName(name, 500, 43));
        assertEquals(500, first.size());
        assertEquals(2, first.dimension());
    }

    @Test
    void swissRollSpansExactlyMinusFiveToFive() {
        PointSet roll = Datasets.swissRoll(N, 1);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : roll.toArray()) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        assertEquals(-5.0, min, 1e-12);
        assertEquals(5.0, max, 1e-12);
    }

    /**
     * The oracle follows the recipe on the continuum: t uniform on [1.5 pi, 4.5 pi], columns t cos
     * t and t sin t divided by their largest absolute value, then one min-max map of both columns
     * to [-5, 5]. The sample's extremes approach the continuum's within ~1e-4 at n = 20 000 (the
     * density near the extremes is positive), far inside the tolerance. Column standard deviations
     * are about 2.5, so the standard error of a mean is 0.018 and 0.1 is over 5 of them.
     */
    @Test
    void swissRollMeansMatchTheRecipeOnTheContinuum() {
        int grid = 2_000_000;
        double[] x = new double[grid];
        double[] y = new double[grid];
        double maxX = 0;
        double maxY = 0;
        for (int k = 0; k < grid; k++) {
            double t = 1.5 * Math.PI * (1 + 2 * (k + 0.5) / grid);
            x[k] = t * Math.cos(t);
            y[k] = t * Math.sin(t);
            maxX = Math.max(maxX, Math.abs(x[k]));
            maxY = Math.max(maxY, Math.abs(y[k]));
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        double meanX = 0;
        double meanY = 0;
        for (int k = 0; k < grid; k++) {
            x[k] /= maxX;
            y[k] /= maxY;
            low = Math.min(low, Math.min(x[k], y[k]));
            high = Math.max(high, Math.max(x[k], y[k]));
            meanX += x[k] / grid;
            meanY += y[k] / grid;
        }
        double expectedX = (meanX - low) / (high - low) * 10 - 5;
        double expectedY = (meanY - low) / (high - low) * 10 - 5;

        double[] mean = Moments.mean(Datasets.swissRoll(N, 3));

        assertEquals(expectedX, mean[0], 0.1);
        assertEquals(expectedY, mean[1], 0.1);
    }

    @Test
    void noiseFreeMoonsLieOnTheTwoScaledHalfCircles() {
        PointSet moons = Datasets.moons(1001, 5, 0.0);
        int upper = 0;
        for (int i = 0; i < moons.size(); i++) {
            double u = (moons.get(i, 0) + 1) / 2;
            double v = moons.get(i, 1) / 2;
            double outer = u * u + v * v;
            double inner = (u - 1) * (u - 1) + (v - 0.5) * (v - 0.5);
            boolean onOuter = Math.abs(outer - 1) < 1e-12 && v >= -1e-12;
            boolean onInner = Math.abs(inner - 1) < 1e-12 && v <= 0.5 + 1e-12;
            assertTrue(onOuter || onInner, "point " + i + " is on neither moon");
            upper += onOuter ? 1 : 0;
        }
        assertEquals(500, upper);
    }

    /**
     * Noise-free moons have mean (0, 0.5) in the limit; at n = 20 000 evenly spaced angles bias the
     * y mean by O(1/n). Noise 0.05, scaled by 2, adds a standard error of 0.1 / sqrt(n) = 7e-4.
     */
    @Test
    void moonsHaveTheRecipeMean() {
        double[] mean = Moments.mean(Datasets.moons(N, 6));

        assertEquals(0.0, mean[0], 0.005);
        assertEquals(0.5, mean[1], 0.005);
    }

    @Test
    void noiseFreeEightGaussiansSitOnTheirEightCentres() {
        PointSet points = Datasets.eightGaussians(4000, 7, 5.0, 0.0);
        int[] counts = new int[8];
        for (int i = 0; i < points.size(); i++) {
            double angle = Math.atan2(points.get(i, 1), points.get(i, 0));
            int k = (int) Math.round(angle / (Math.PI / 4)) & 7;
            assertEquals(5.0, Math.hypot(points.get(i, 0), points.get(i, 1)), 1e-12);
            assertEquals(k * Math.PI / 4, angle < -1e-9 ? angle + 2 * Math.PI : angle, 1e-12);
            counts[k]++;
        }
        // Each count is Binomial(4000, 1/8): mean 500, sd 21; 150 away is over 7 sd.
        for (int count : counts) {
            assertEquals(500, count, 150);
        }
    }

    /**
     * Covariance of the mixture: radius^2 / 2 + std^2 per axis (the centres' x^2 average to 12.5
     * for radius 5), zero correlation; std^2 = sqrt(0.1). The standard error of each variance is
     * about 0.07; the tolerance 0.4 is over 5 of them.
     */
    @Test
    void eightGaussiansHaveTheMixtureCovariance() {
        double[][] covariance = Moments.covariance(Datasets.eightGaussians(N, 8));
        double expected = 12.5 + Math.sqrt(0.1);

        assertEquals(expected, covariance[0][0], 0.4);
        assertEquals(expected, covariance[1][1], 0.4);
        assertEquals(0.0, covariance[0][1], 0.4);
        assertEquals(Math.pow(0.1, 0.25), Datasets.EIGHT_GAUSSIANS_STD, 1e-15);
    }

    @Test
    void noiseFreeSCurveLiesOnItsTwoArcs() {
        PointSet curve = Datasets.sCurve(2000, 9, 0.0);
        for (int i = 0; i < curve.size(); i++) {
            double x = curve.get(i, 0) / 1.5;
            double y = curve.get(i, 1) / 1.5;
            double upperArc = x * x + (y - 1) * (y - 1);
            double lowerArc = x * x + (y + 1) * (y + 1);
            assertTrue(
                    Math.abs(upperArc - 1) < 1e-12 || Math.abs(lowerArc - 1) < 1e-12,
                    "point " + i + " is off the S");
            assertTrue(Math.abs(x) <= 1 + 1e-12 && Math.abs(y) <= 2 + 1e-12);
        }
    }

    /** Both coordinates are odd functions of a symmetric t: mean 0 (standard error < 0.015). */
    @Test
    void sCurveIsCentred() {
        double[] mean = Moments.mean(Datasets.sCurve(N, 10));

        assertEquals(0.0, mean[0], 0.075);
        assertEquals(0.0, mean[1], 0.075);
    }

    @Test
    void checkerboardFillsOnlyTheEvenCells() {
        PointSet board = Datasets.checkerboard(N, 11);
        int[] cellCounts = new int[16];
        for (int i = 0; i < board.size(); i++) {
            double x = board.get(i, 0);
            double y = board.get(i, 1);
            assertTrue(Math.abs(x) <= 4 && Math.abs(y) <= 4, "point " + i + " is off the board");
            int cx = (int) Math.floor(x / 2);
            int cy = (int) Math.floor(y / 2);
            assertEquals(0, Math.floorMod(cx + cy, 2), "point " + i + " is in an odd cell");
            cellCounts[(cx + 2) * 4 + (cy + 2)]++;
        }
        // 8 filled cells, each Binomial(20 000, 1/8): sd 47; 300 is over 6 sd.
        int filled = 0;
        for (int count : cellCounts) {
            if (count > 0) {
                filled++;
                assertEquals(N / 8.0, count, 300);
            }
        }
        assertEquals(8, filled);
    }

    /** Mean 0 and identity covariance; standard errors 0.007 (mean) and 0.01 (covariance). */
    @Test
    void standardNormalHasZeroMeanAndIdentityCovariance() {
        PointSet points = Datasets.standardNormal(N, 5, 12);
        double[] mean = Moments.mean(points);
        double[][] covariance = Moments.covariance(points);

        assertEquals(5, points.dimension());
        for (int j = 0; j < 5; j++) {
            assertEquals(0.0, mean[j], 0.05);
            for (int k = 0; k < 5; k++) {
                assertEquals(j == k ? 1.0 : 0.0, covariance[j][k], 0.06);
            }
        }
    }

    @Test
    void unknownNameListsTheKnownDatasets() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> Datasets.byName("swissroll", 10, 0));
        assertTrue(
                e.getMessage()
                        .contains(
                                "unknown dataset 'swissroll'; known datasets are [8gaussians,"
                                        + " checkerboard, moons, scurve, standard_normal,"
                                        + " swiss_roll"),
                e.getMessage());
    }

    @Test
    void registeredGeneratorsAreFoundByNameAndNamesCannotBeTakenTwice() {
        Datasets.register("test_line", (size, seed) -> PointSet.of(size, 1, new double[size]));

        assertEquals(3, Datasets.byName("test_line", 3, 0).size());
        assertTrue(Datasets.names().containsAll(List.of("test_line", "swiss_roll")));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Datasets.register("moons", (size, seed) -> null));
        assertTrue(e.getMessage().contains("'moons' is already registered"), e.getMessage());
    }

    @Test
    void rejectsSizesAndNoiseOutsideTheirRange() {
        IllegalArgumentException size =
                assertThrows(IllegalArgumentException.class, () -> Datasets.swissRoll(1, 0));
        IllegalArgumentException noise =
                assertThrows(IllegalArgumentException.class, () -> Datasets.moons(10, 0, -0.1));

        assertTrue(size.getMessage().contains("swiss_roll size is 1; it must be at least 2"));
        assertTrue(noise.getMessage().contains("moons noise is -0.1"), noise.getMessage());
    }
}
