package org.relucert.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** PNG figures of the report, drawn headless with XChart. */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** One named series of (x, y) points. */
    record Series(String name, double[] x, double[] y) {
    }

    /** A line chart of several series, saved as PNG; {@code logY} for a logarithmic y axis. */
    static void lines(Path file, String title, String xTitle, String yTitle, List<Series> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (Series s : series) {
            if (s.x().length > 0) {
                var added = chart.addSeries(s.name(), s.x(), s.y());
                if (s.x().length > 20) {
                    added.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                }
            }
        }
        save(chart, file);
    }

    /** A bar chart with one bar per label, saved as PNG. */
    static void bars(Path file, String title, String xTitle, String yTitle, String seriesName, List<String> labels,
                     List<Double> values) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(seriesName, labels, values);
        save(chart, file);
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + file + ": " + e.getMessage(), e);
        }
    }
}
