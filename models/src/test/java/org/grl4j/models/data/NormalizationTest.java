package org.grl4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.models.Tolerances;
import org.grl4j.models.metrics.Moments;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void fitsColumnMeansAndPopulationStandardDeviations() {
        PointSet points = PointSet.of(4, 2, new double[] {1, 10, 2, 10, 3, 30, 4, 30});

        Normalization normalization = Normalization.fit(points);

        assertArrayEquals(new double[] {2.5, 20}, normalization.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(1.25), 10}, normalization.scale(), 1e-15);
    }

    @Test
    void normalizedDataHasZeroMeanAndUnitPopulationVariance() {
        PointSet points = Datasets.eightGaussians(1000, 3);

        PointSet normalized = Normalization.fit(points).normalize(points);
        double[] mean = Moments.mean(normalized);
        double[][] covariance = Moments.covariance(normalized);

        for (int j = 0; j < 2; j++) {
            assertEquals(0.0, mean[j], 1e-12);
            assertEquals(1.0, covariance[j][j] * 999 / 1000, 1e-12);
        }
    }

    @Test
    void denormalizeInvertsNormalizeToRoundingError() {
        PointSet points = Datasets.standardNormal(500, 4, 9);
        Normalization normalization =
                new Normalization(new double[] {1e3, -2, 0, 5}, new double[] {1e-3, 7, 1, 300});

        double[] back = normalization.denormalize(normalization.normalize(points)).toArray();
        double[] original = points.toArray();

        for (int k = 0; k < original.length; k++) {
            assertEquals(original[k], back[k], Tolerances.ROUND_TRIP * (1 + Math.abs(1e3)));
        }
    }

    @Test
    void constantColumnsGetScaleOneAndStayInvertible() {
        PointSet points = PointSet.of(3, 3, new double[] {0.1, 0, 1, 0.1, 0, 2, 0.1, 0, 3});

        Normalization normalization = Normalization.fit(points);
        PointSet normalized = normalization.normalize(points);

        assertArrayEquals(new double[] {1, 1, Math.sqrt(2.0 / 3)}, normalization.scale(), 1e-15);
        assertArrayEquals(
                new double[] {0, 0},
                new double[] {normalized.get(1, 0), normalized.get(1, 1)},
                1e-15);
        assertEquals(points, normalization.denormalize(normalized));
    }

    @Test
    void serializesToJsonAndBack() {
        Normalization normalization =
                new Normalization(new double[] {0.5, -1e-300}, new double[] {2, 3.25});

        String json = normalization.toJson();

        assertEquals("{\"mean\":[0.5,-1.0E-300],\"scale\":[2.0,3.25]}", json);
        assertEquals(normalization, Normalization.fromJson(json));
    }

    @Test
    void rejectsInvalidJsonNamingTheProblem() {
        IllegalArgumentException scale =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Normalization.fromJson("{\"mean\":[0],\"scale\":[0]}"));
        IllegalArgumentException lengths =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Normalization.fromJson("{\"mean\":[0, 1],\"scale\":[1]}"));
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Normalization.fromJson("{\"mean\":[0],\"scale\":[1],\"std\":[1]}"));
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Normalization.fromJson("{\"mean\":[0]}"));

        assertTrue(scale.getMessage().contains("scale[0] is 0.0; it must be finite and positive"));
        assertTrue(lengths.getMessage().contains("has 2 means and 1 scales"));
        assertTrue(unknown.getMessage().contains("\"std\""), unknown.getMessage());
        assertTrue(missing.getMessage().contains("needs both 'mean' and 'scale'"));
    }

    @Test
    void rejectsPointsOfAnotherDimension() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Normalization.identity(3).normalize(Datasets.moons(10, 1)));

        assertTrue(
                e.getMessage()
                        .contains(
                                "dimension 2 but the normalization was fitted to"
                                        + " dimension 3"));
    }
}
