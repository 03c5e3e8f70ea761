package org.relucert.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A heat map drawn on an {@link XYChart} as square markers, one scatter series per colour band, so that the
 * axes stay numeric and lines (breakpoints, boxes) can be drawn over it.
 */
final class ColourCells {
    private final List<Double> xs = new ArrayList<>();
    private final List<Double> ys = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final List<Boolean> special = new ArrayList<>();

    /** Adds a cell; {@code isSpecial} cells get the special colour (e.g. "exact") whatever their value. */
    void add(double x, double y, double value, boolean isSpecial) {
        xs.add(x);
        ys.add(y);
        values.add(value);
        special.add(isSpecial);
    }

    /**
     * Adds the cells to the chart in {@code bands} colour bands over [lo, hi] (a pale-yellow to dark-red scale),
     * plus one series for the special cells named {@code specialName} in {@code specialColour}.
     */
    void draw(XYChart chart, int bands, double lo, double hi, String specialName, Color specialColour, String bandLabel) {
        List<List<double[]>> byBand = new ArrayList<>();
        for (int k = 0; k < bands; k++) {
            byBand.add(new ArrayList<>());
        }
        List<double[]> specials = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            double[] p = {xs.get(i), ys.get(i)};
            if (special.get(i)) {
                specials.add(p);
                continue;
            }
            int k = hi > lo ? (int) Math.floor((values.get(i) - lo) / (hi - lo) * bands) : 0;
            byBand.get(Math.max(0, Math.min(bands - 1, k))).add(p);
        }
        if (!specials.isEmpty()) {
            addSeries(chart, specialName, specials, specialColour);
        }
        for (int k = 0; k < bands; k++) {
            if (byBand.get(k).isEmpty()) {
                continue;
            }
            double a = lo + (hi - lo) * k / bands;
            double b = lo + (hi - lo) * (k + 1) / bands;
            String name = String.format(Locale.ROOT, "%s %.3g to %.3g", bandLabel, a, b);
            addSeries(chart, name, byBand.get(k), colour(bands == 1 ? 1.0 : (double) k / (bands - 1)));
        }
    }

    private static void addSeries(XYChart chart, String name, List<double[]> pts, Color c) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(c);
    }

    /** Pale yellow (t = 0) through orange to dark red (t = 1). */
    static Color colour(double t) {
        double[][] stops = {{255, 237, 160}, {254, 178, 76}, {240, 59, 32}, {128, 0, 38}};
        double s = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(s));
        double f = s - i;
        return new Color((int) Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }
}
