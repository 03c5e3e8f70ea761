package org.relucert.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.relucert.precision.GapMap;

/**
 * Draws gap maps: for each domain, a heat map over the half-plane a &lt; b of the gap on [a, b], with the
 * breakpoints of h marked as lines a = k and b = k. One panel per domain, on a common colour scale.
 */
public final class GapMapPlot {
    /** Colour of intervals whose bounds are exact within the tolerance. */
    static final Color EXACT = new Color(204, 230, 255);

    private GapMapPlot() {
    }

    /** One chart per map, each {@code width} x {@code height} pixels. */
    public static List<XYChart> charts(List<GapMap> maps, int width, int height) {
        PlotFiles.headless();
        double maxGap = 0;
        for (GapMap m : maps) {
            maxGap = Math.max(maxGap, m.maxGap());
        }
        List<XYChart> out = new ArrayList<>();
        for (GapMap m : maps) {
            out.add(chart(m, maxGap, width, height));
        }
        return out;
    }

    /** Renders the maps to a .png or .svg file, two panels per row. */
    public static void save(List<GapMap> maps, int width, int height, Path file) {
        PlotFiles.save(charts(maps, width, height), 2, file);
    }

    private static XYChart chart(GapMap m, double maxGap, int width, int height) {
        double[] grid = m.grid();
        int n = grid.length;
        double a0 = grid[0];
        double b0 = grid[n - 1];
        XYChart c = new XYChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "gap of %s on [a, b]: max %.4g, exact on %.1f%% of intervals",
                        m.domain(), m.maxGap(), 100 * m.exactFraction()))
                .xAxisTitle("a (lower end)").yAxisTitle("b (upper end)").build();
        Styler s = c.getStyler();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisMin(a0).setXAxisMax(b0).setYAxisMin(a0).setYAxisMax(b0);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisTickMarkSpacingHint(70);
        c.getStyler().setYAxisTickMarkSpacingHint(50);
        c.getStyler().setXAxisMaxLabelCount(11);
        c.getStyler().setXAxisDecimalPattern("#0.###");
        c.getStyler().setYAxisDecimalPattern("#0.###");
        s.setLegendFont(s.getLegendFont().deriveFont(10f));
        int plotPixels = Math.max(50, Math.min(width - 260, height - 110));
        c.getStyler().setMarkerSize(Math.max(2, (int) Math.ceil(1.15 * plotPixels / (n - 1)) + 1));
        ColourCells cells = new ColourCells();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                cells.add(grid[i], grid[j], m.gap()[i][j], m.exact()[i][j]);
            }
        }
        cells.draw(c, 8, 0, maxGap > 0 ? maxGap : 1, "exact (within tolerance)", EXACT, "gap");
        Lines.line(c, "a = b", new double[] {a0, b0}, new double[] {a0, b0}, Color.GRAY, Lines.THIN, false);
        boolean first = true;
        for (double k : m.kinks()) {
            Lines.line(c, "breakpoint " + k + " (a)", new double[] {k, k}, new double[] {k, b0}, Color.BLACK,
                    Lines.DASHED, false);
            Lines.line(c, first ? "breakpoints of h" : "breakpoint " + k + " (b)", new double[] {a0, k},
                    new double[] {k, k}, Color.BLACK, Lines.DASHED, first);
            first = false;
        }
        return c;
    }
}
