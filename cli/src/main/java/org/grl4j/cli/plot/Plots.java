package org.grl4j.cli.plot;

import com.madgag.gif.fmsware.AnimatedGifEncoder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.grl4j.cli.io.OutputFiles;
import org.grl4j.models.data.PointSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The demo's pictures, drawn headless with XChart: scatter panels of 2-D point sets side by side on
 * shared axes, a training-loss curve, and an animated GIF of a sampling trajectory. Only the first
 * two coordinates of a point set are drawn; points outside the axes are left out and counted in the
 * panel's title, so a sampler that throws points far away shows it. Every file is written
 * atomically.
 */
public final class Plots {

    /** Side of one square scatter panel, in pixels. */
    public static final int PANEL_SIZE = 420;

    private static final Color DATA_COLOR = new Color(60, 60, 60, 110);
    private static final Color SAMPLE_COLOR = new Color(31, 119, 180, 110);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /**
     * One scatter panel.
     *
     * @param title the panel's title
     * @param points the points, at least 2-D; only the first two columns are drawn
     * @param reference whether these are reference data (grey) rather than samples (blue)
     */
    public record Panel(String title, PointSet points, boolean reference) {}

    /** Axis limits shared by every panel of a picture. */
    public record Bounds(double min, double max) {

        /** Whether {@code value} lies in [min, max] (false for NaN). */
        public boolean contains(double value) {
            return value >= min && value <= max;
        }

        /** These bounds widened by {@code factor} about their centre. */
        public Bounds scaled(double factor) {
            double centre = (min + max) / 2;
            double half = (max - min) / 2 * factor;
            return new Bounds(centre - half, centre + half);
        }

        /** A square box around every point of {@code sets}, with a 5% margin. */
        public static Bounds around(List<PointSet> sets) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (PointSet set : sets) {
                for (int c = 0; c < Math.min(2, set.dimension()); c++) {
                    for (double value : set.column(c)) {
                        if (Double.isFinite(value)) {
                            low = Math.min(low, value);
                            high = Math.max(high, value);
                        }
                    }
                }
            }
            if (!(low < high)) {
                return new Bounds(-1, 1);
            }
            double margin = 0.05 * (high - low);
            return new Bounds(low - margin, high + margin);
        }
    }

    /** Writes the panels side by side in one row, on the same axes. */
    public static void scatterRow(Path file, List<Panel> panels, Bounds bounds) {
        List<XYChart> charts = new ArrayList<>();
        for (Panel panel : panels) {
            charts.add(scatter(panel, bounds));
        }
        OutputFiles.write(
                file,
                temporary ->
                        ImageIO.write(
                                row(charts.stream().map(BitmapEncoder::getBufferedImage).toList()),
                                "png",
                                temporary.toFile()));
    }

    /** The image of one scatter panel, for animations. */
    public static BufferedImage scatterImage(Panel panel, Bounds bounds) {
        return BitmapEncoder.getBufferedImage(scatter(panel, bounds));
    }

    /** Writes {@code frames} as an endlessly looping GIF, {@code delayMillis} per frame. */
    public static void gif(Path file, List<BufferedImage> frames, int delayMillis) {
        OutputFiles.write(
                file,
                temporary -> {
                    try (OutputStream out =
                            new BufferedOutputStream(Files.newOutputStream(temporary))) {
                        AnimatedGifEncoder encoder = new AnimatedGifEncoder();
                        encoder.start(out);
                        encoder.setRepeat(0);
                        encoder.setDelay(delayMillis);
                        for (BufferedImage frame : frames) {
                            encoder.addFrame(frame);
                        }
                        if (!encoder.finish()) {
                            throw new IOException("the GIF encoder could not finish " + file);
                        }
                    }
                });
    }

    /**
     * Writes the training loss per step (light) with its moving average over {@code window} steps
     * (dark).
     */
    public static void lossCurve(Path file, long[] steps, double[] losses, int window) {
        XYChart chart =
                new XYChartBuilder()
                        .width(2 * PANEL_SIZE)
                        .height(PANEL_SIZE)
                        .title("training loss")
                        .xAxisTitle("step")
                        .yAxisTitle("loss")
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisMaxLabelCount(8);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        double[] x = new double[steps.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = steps[i];
        }
        XYSeries raw = chart.addSeries("loss per step", x, losses);
        raw.setMarker(SeriesMarkers.NONE);
        raw.setLineColor(new Color(31, 119, 180, 70));
        raw.setLineStyle(new BasicStroke(1f));
        XYSeries smooth =
                chart.addSeries(
                        "moving average (" + window + " steps)", x, movingAverage(losses, window));
        smooth.setMarker(SeriesMarkers.NONE);
        smooth.setLineColor(new Color(214, 39, 40));
        smooth.setLineStyle(new BasicStroke(2f));
        OutputFiles.write(
                file,
                temporary ->
                        ImageIO.write(
                                BitmapEncoder.getBufferedImage(chart), "png", temporary.toFile()));
    }

    /** The trailing moving average of {@code values} over {@code window} entries. */
    static double[] movingAverage(double[] values, int window) {
        double[] out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    private static XYChart scatter(Panel panel, Bounds bounds) {
        double[][] inside = inside(panel.points(), bounds);
        int outside = panel.points().size() - inside[0].length;
        String title = panel.title() + (outside > 0 ? " (" + outside + " off the plot)" : "");
        XYChart chart =
                new XYChartBuilder().width(PANEL_SIZE).height(PANEL_SIZE).title(title).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(bounds.min()).setXAxisMax(bounds.max());
        chart.getStyler().setYAxisMin(bounds.min()).setYAxisMax(bounds.max());
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0");
        boolean empty = inside[0].length == 0;
        // XChart cannot draw an empty series; an invisible point keeps the axes.
        XYSeries series =
                empty
                        ? chart.addSeries(
                                "points", new double[] {bounds.min()}, new double[] {bounds.min()})
                        : chart.addSeries("points", inside[0], inside[1]);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(
                empty ? new Color(0, 0, 0, 0) : panel.reference() ? DATA_COLOR : SAMPLE_COLOR);
        return chart;
    }

    /** The first two columns of the points inside the box; NaN and off-box points are left out. */
    private static double[][] inside(PointSet points, Bounds bounds) {
        double[] x = points.column(0);
        double[] y = points.dimension() > 1 ? points.column(1) : new double[points.size()];
        int count = 0;
        double[] keptX = new double[x.length];
        double[] keptY = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (bounds.contains(x[i]) && bounds.contains(y[i])) {
                keptX[count] = x[i];
                keptY[count] = y[i];
                count++;
            }
        }
        return new double[][] {
            java.util.Arrays.copyOf(keptX, count), java.util.Arrays.copyOf(keptY, count)
        };
    }

    private static BufferedImage row(List<BufferedImage> images) {
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = out.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage image : images) {
            graphics.drawImage(image, x, 0, null);
            x += image.getWidth();
        }
        graphics.dispose();
        return out;
    }

    /** Reads a PNG back, for tests. */
    static BufferedImage read(Path file) throws IOException {
        return ImageIO.read(file.toFile());
    }
}
