package org.grl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.grl4j.models.data.PointSet;
import org.junit.jupiter.api.Test;

class MomentsTest {

    @Test
    void meanAndSampleCovarianceMatchAHandComputation() {
        // Points (0, 0), (2, 1), (4, 5): mean (2, 2); deviations (-2, -2), (0, -1), (2, 3).
        // Sums of products: xx 8, xy 10, yy 14; divided by n - 1 = 2.
        PointSet points = PointSet.of(3, 2, new double[] {0, 0, 2, 1, 4, 5});

        assertArrayEquals(new double[] {2, 2}, Moments.mean(points), 1e-15);
        double[][] covariance = Moments.covariance(points);
        assertArrayEquals(new double[] {4, 5}, covariance[0], 1e-15);
        assertArrayEquals(new double[] {5, 7}, covariance[1], 1e-15);
    }

    @Test
    void covarianceNeedsTwoPoints() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Moments.covariance(PointSet.of(1, 2, new double[] {1, 2})));
    }
}
