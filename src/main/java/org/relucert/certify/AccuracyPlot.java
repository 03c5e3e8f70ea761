package org.relucert.certify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.relucert.report.PlotFiles;

/** Certified accuracy against eps, one line per method with its own marker, as PNG and SVG. */
public final class AccuracyPlot {
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CROSS, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.PLUS};

    private AccuracyPlot() {
    }

    /** Writes {@code base}.png and {@code base}.svg; nothing when the summary has no radii (instances). */
    public static void write(Summary summary, String title, Path base) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Summary.Row r : summary.rows()) {
            if (r.eps().isEmpty()) {
                return;
            }
            series.computeIfAbsent(r.method(), m -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(r.eps()), 100 * r.accuracy()});
        }
        PlotFiles.headless();
        XYChart chart = new XYChartBuilder().width(720).height(480).title(title).xAxisTitle("eps (L-infinity radius, pixels scaled to [0, 1])")
                .yAxisTitle("certified accuracy (%)").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0).setLegendPosition(
                Styler.LegendPosition.InsideNE).setMarkerSize(9);
        int k = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(MARKERS[k++ % MARKERS.length]);
        }
        PlotFiles.save(List.of(chart), 1, Path.of(base + ".png"));
        PlotFiles.save(List.of(chart), 1, Path.of(base + ".svg"));
    }
}
