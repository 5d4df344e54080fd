package org.grl4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointSetTest {

    @Test
    void storesPointsRowMajorAndCopiesOnTheWayInAndOut() {
        double[] values = {1, 2, 3, 4, 5, 6};
        PointSet points = PointSet.of(3, 2, values);
        values[0] = 99;
        points.toArray()[1] = 99;

        assertEquals(1, points.get(0, 0));
        assertEquals(2, points.get(0, 1));
        assertArrayEquals(new double[] {5, 6}, points.row(2));
        assertArrayEquals(new double[] {2, 4, 6}, points.column(1));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, points.toFloatArray());
    }

    @Test
    void selectsAndSlicesRowsInTheOrderAsked() {
        PointSet points = PointSet.ofRows(new double[][] {{0, 0}, {1, 1}, {2, 2}});

        assertEquals(
                PointSet.ofRows(new double[][] {{2, 2}, {0, 0}, {2, 2}}),
                points.select(new int[] {2, 0, 2}));
        assertEquals(PointSet.ofRows(new double[][] {{1, 1}, {2, 2}}), points.slice(1, 3));
    }

    @Test
    void rejectsAValueCountThatDoesNotMatchTheShape() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> PointSet.of(3, 2, new double[5]));
        assertTrue(e.getMessage().contains("needs 6 values but 5 were given"), e.getMessage());
    }

    @Test
    void rejectsRaggedRows() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PointSet.ofRows(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has 1 values but row 0 has 2"), e.getMessage());
    }
}
