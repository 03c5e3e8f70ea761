package org.relucert.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
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

    /**
     * A line chart of several series, saved as PNG; {@code logY} for a logarithmic y axis. Each series has
     * its domain's colour ({@link Palette#of}) and its own marker and line style (series of one colour, e.g. one
     * domain for d = 2 and d = 4, get different line styles); a series equal to an earlier one at every x is
     * named "(= earlier)" in the legend and drawn dashed with a larger marker so that both stay visible. The
     * legend is outside the plot area.
     */
    static void lines(Path file, String title, String xTitle, String yTitle, List<Series> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(960).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMaxLabelCount(12);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(8);
        List<Series> drawn = new ArrayList<>();
        for (Series s : series) {
            if (s.x().length == 0) {
                continue;
            }
            String same = null;
            for (Series d : drawn) {
                if (coincide(d, s)) {
                    same = d.name();
                    break;
                }
            }
            int k = drawn.size();
            int sameColour = 0;
            for (Series d : drawn) {
                sameColour += Palette.of(d.name()).equals(Palette.of(s.name())) ? 1 : 0;
            }
            XYSeries added = chart.addSeries(same == null ? s.name() : s.name() + " (= " + same + ")", s.x(), s.y());
            added.setLineColor(Palette.of(s.name()));
            added.setMarkerColor(Palette.of(s.name()));
            added.setLineStyle(Palette.STROKES[same == null ? sameColour % Palette.STROKES.length
                    : 1 + k % (Palette.STROKES.length - 1)]);
            added.setMarker(s.x().length > 20 ? SeriesMarkers.NONE : Palette.MARKERS[k % Palette.MARKERS.length]);
            drawn.add(s);
        }
        save(chart, file);
    }

    /** True when both series have the same x values and equal y values (within 1e-9 relative). */
    static boolean coincide(Series a, Series b) {
        if (a.x().length != b.x().length) {
            return false;
        }
        for (int i = 0; i < a.x().length; i++) {
            if (a.x()[i] != b.x()[i] || Math.abs(a.y()[i] - b.y()[i]) > 1e-9 * Math.max(1, Math.abs(a.y()[i]))) {
                return false;
            }
        }
        return true;
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
        if (chart instanceof XYChart xy) {
            AxisTicks.apply(xy);
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + file + ": " + e.getMessage(), e);
        }
    }
}
