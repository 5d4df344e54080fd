package org.grl4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.grl4j.models.data.PointSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @Test
    void theMovingAverageAveragesTheTrailingWindow() {
        double[] average = Plots.movingAverage(new double[] {1, 2, 3, 4, 5}, 2);
        assertArrayEquals(new double[] {1, 1.5, 2.5, 3.5, 4.5}, average, 1e-15);
    }

    @Test
    void boundsEncloseEveryPointWithAMargin() {
        PointSet points = PointSet.ofRows(new double[][] {{-1, 0}, {3, 2}});
        Plots.Bounds bounds = Plots.Bounds.around(List.of(points));
        assertEquals(-1.2, bounds.min(), 1e-12);
        assertEquals(3.2, bounds.max(), 1e-12);
        assertEquals(-3.4, bounds.scaled(2).min(), 1e-12);
        assertTrue(bounds.contains(3.1) && !bounds.contains(Double.NaN));
    }

    @Test
    void aScatterRowHasOnePanelPerPointSetEvenWhenAllPointsAreOffThePlot(@TempDir Path dir)
            throws IOException {
        PointSet near = PointSet.ofRows(new double[][] {{0, 0}, {1, 1}});
        PointSet far = PointSet.ofRows(new double[][] {{100, 100}, {Double.NaN, 0}});
        Path file = dir.resolve("row.png");
        Plots.scatterRow(
                file,
                List.of(new Plots.Panel("data", near, true), new Plots.Panel("far", far, false)),
                new Plots.Bounds(-2, 2));
        BufferedImage image = Plots.read(file);
        assertEquals(2 * Plots.PANEL_SIZE, image.getWidth());
        assertEquals(Plots.PANEL_SIZE, image.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }
}
