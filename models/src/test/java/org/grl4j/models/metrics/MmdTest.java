package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
import org.junit.jupiter.api.Test;

class MmdTest {

    private static PointSet shifted(PointSet points, double shift) {
        double[] values = points.toArray();
        for (int k = 0; k < values.length; k++) {
            values[k] += shift;
        }
        return PointSet.of(points.size(), points.dimension(), values);
    }

    @Test
    void biasedEstimateIsZeroForIdenticalSets() {
        PointSet a = Datasets.moons(400, 1);

        assertEquals(0.0, Mmd.biasedSquared(a, a, 0.7), 1e-13);
        assertEquals(0.0, Mmd.biasedWithMedianBandwidth(a, a), 1e-6);
    }

    @Test
    void onePointSetsFollowTheKernelFormula() {
        PointSet x = PointSet.of(1, 2, new double[] {0, 0});
        PointSet y = PointSet.of(1, 2, new double[] {3, 4});
        double h = 2;

        assertEquals(2 - 2 * Math.exp(-25 / (2 * h * h)), Mmd.biasedSquared(x, y, h), 1e-15);
    }

    @Test
    void unbiasedEstimateDropsTheDiagonalTerms() {
        // a = {0, 1}, b = {0, 3} in 1-D, h = 1: within-a pair k = e^-0.5, within-b pair e^-4.5,
        // cross pairs (0,0) 1, (0,3) e^-4.5, (1,0) e^-0.5, (1,3) e^-2.
        PointSet a = PointSet.of(2, 1, new double[] {0, 1});
        PointSet b = PointSet.of(2, 1, new double[] {0, 3});
        double within = Math.exp(-0.5) + Math.exp(-4.5);
        double cross = 1 + Math.exp(-4.5) + Math.exp(-0.5) + Math.exp(-2);

        double unbiased = 2 * Math.exp(-0.5) / 2 + 2 * Math.exp(-4.5) / 2 - 2 * cross / 4;
        double biased = (2 + 2 * Math.exp(-0.5)) / 4 + (2 + 2 * Math.exp(-4.5)) / 4 - 2 * cross / 4;

        assertEquals(unbiased, Mmd.unbiasedSquared(a, b, 1), 1e-15);
        assertEquals(biased, Mmd.biasedSquared(a, b, 1), 1e-15);
        assertTrue(within > 0);
    }

    /**
     * Two independent draws of one distribution give unbiased MMD^2 near 0 (its standard deviation
     * at n = 500 is about 1e-3 here) while a shift by 1.0 gives about 0.1: a tenfold gap at least.
     */
    @Test
    void shiftedSetsArePositiveAndFartherShiftsMore() {
        PointSet a = Datasets.standardNormal(500, 2, 1);
        PointSet b = Datasets.standardNormal(500, 2, 2);

        double same = Mmd.unbiasedSquared(a, b, 1);
        double near = Mmd.unbiasedSquared(a, shifted(b, 0.5), 1);
        double far = Mmd.unbiasedSquared(a, shifted(b, 1.0), 1);

        assertTrue(Math.abs(same) < 0.01, "same distribution: " + same);
        assertTrue(near > 10 * Math.abs(same), "near: " + near);
        assertTrue(far > near, "far: " + far + " near: " + near);
        assertTrue(Mmd.biasedSquared(a, shifted(b, 1.0), 1) > 0);
    }

    @Test
    void medianHeuristicIsTheMedianPairwiseDistance() {
        // Pooled points 0, 1, 3, 7 on a line: distances 1, 3, 7, 2, 6, 4; median (3 + 4) / 2.
        PointSet a = PointSet.of(2, 1, new double[] {0, 1});
        PointSet b = PointSet.of(2, 1, new double[] {3, 7});

        assertEquals(3.5, Mmd.medianBandwidth(a, b), 0);
    }

    @Test
    void rejectsABadBandwidthAndTooFewPoints() {
        PointSet one = PointSet.of(1, 1, new double[] {0});

        IllegalArgumentException bandwidth =
                assertThrows(IllegalArgumentException.class, () -> Mmd.biasedSquared(one, one, 0));
        IllegalArgumentException size =
                assertThrows(
                        IllegalArgumentException.class, () -> Mmd.unbiasedSquared(one, one, 1));

        assertTrue(bandwidth.getMessage().contains("bandwidth is 0.0"));
        assertTrue(size.getMessage().contains("needs at least 2 points per set; got 1 and 1"));
    }
}
