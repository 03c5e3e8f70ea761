package org.relucert.report;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line and point series drawn over a chart. */
final class Lines {
    private Lines() {
    }

    static final BasicStroke SOLID = new BasicStroke(2f);
    static final BasicStroke THIN = new BasicStroke(1f);
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    /** A polyline without markers; hidden from the legend when {@code legend} is false. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color c, BasicStroke stroke, boolean legend) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(stroke);
        s.setShowInLegend(legend);
        return s;
    }

    /** Points drawn as markers only. */
    static XYSeries points(XYChart chart, String name, double[] x, double[] y, Color c) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(c);
        return s;
    }

    /** The outline of the rectangle [x0, x1] x [y0, y1]. */
    static XYSeries rectangle(XYChart chart, String name, double x0, double x1, double y0, double y1, Color c) {
        return line(chart, name, new double[] {x0, x1, x1, x0, x0}, new double[] {y0, y0, y1, y1, y0}, c, SOLID, true);
    }
}
