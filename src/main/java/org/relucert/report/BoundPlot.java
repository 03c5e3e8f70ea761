package org.relucert.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.TimeLimited;
import org.relucert.bounds.LinearBounds;
import org.relucert.bounds.Relaxation;
import org.relucert.exact.Breakpoints;
import org.relucert.exact.ExactRange;
import org.relucert.exact.Range;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * Draws h over a domain X together with what each relaxation says about one box B of X.
 * One input: h as an exact polyline (through its breakpoints), B's ends, the DeepPoly-family linear bounds
 * as lines over B (other domains as horizontal lines at their bounds) and the exact range with the points
 * attaining it. Two inputs: a filled contour map of h with B drawn in and the bounds in the title.
 */
public final class BoundPlot {

    private BoundPlot() {
    }

    /**
     * The chart for a network with one or two inputs.
     *
     * @param resolution grid points per axis of the two-input contour map
     * @throws InvalidInputException for other input sizes or a box outside X
     */
    public static XYChart chart(Network net, int output, Box over, Box box, List<Relaxation> domains,
                                int width, int height, int resolution) {
        PlotFiles.headless();
        if (!inside(box, over)) {
            throw new InvalidInputException("--box " + box + " is not inside --over " + over);
        }
        return switch (net.inputSize()) {
            case 1 -> univariate(net, output, over, box, domains, width, height);
            case 2 -> bivariate(net, output, over, box, domains, width, height, resolution);
            default -> throw new InvalidInputException("bound plots need a network with 1 or 2 inputs; this one has "
                    + net.inputSize());
        };
    }

    /** Renders the chart to a .png or .svg file. */
    public static void save(XYChart chart, Path file) {
        PlotFiles.save(List.of(chart), 1, file);
    }

    private static boolean inside(Box box, Box over) {
        for (int i = 0; i < box.dim(); i++) {
            if (box.lower()[i] < over.lower()[i] || box.upper()[i] > over.upper()[i]) {
                return false;
            }
        }
        return true;
    }

    /** The DeepPoly slope rule behind a relaxation, or null when it is not a DeepPoly-family domain. */
    static DeepPoly.SlopeRule deepPolyRule(Relaxation r) {
        if (r instanceof TimeLimited t) {
            return deepPolyRule(t.inner());
        }
        if (!(r instanceof DeepPoly)) {
            return null;
        }
        for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
            if (new DeepPoly(rule).name().equals(r.name())) {
                return rule;
            }
        }
        return null;
    }

    private static XYChart univariate(Network net, int output, Box over, Box box, List<Relaxation> domains,
                                      int width, int height) {
        double p = box.lower()[0];
        double q = box.upper()[0];
        Range exact = ExactRange.of(net, box, output);
        XYChart c = new XYChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "h with the bounds on box [%s, %s]; exact range [%.4g, %.4g]",
                        num(p), num(q), exact.min(), exact.max()))
                .xAxisTitle("x").yAxisTitle("h(x)").build();
        style(c);
        Breakpoints bp = Breakpoints.of(net, output, over.lower()[0], over.upper()[0]);
        double ylo = Math.min(exact.min(), min(bp.values()));
        double yhi = Math.max(exact.max(), max(bp.values()));
        Lines.line(c, "h", bp.points(), bp.values(), Color.BLACK, Lines.SOLID, true);
        for (int k = 0; k < domains.size(); k++) {
            Relaxation r = domains.get(k);
            Color col = Palette.of(r.name());
            Analysis a = Evidence.analyse(r, net, box);
            double lo = a.lower()[output];
            double hi = a.upper()[output];
            ylo = Math.min(ylo, lo);
            yhi = Math.max(yhi, hi);
            DeepPoly.SlopeRule rule = deepPolyRule(r);
            String bounds = String.format(Locale.ROOT, " [%.4g, %.4g]", lo, hi);
            if (rule != null) {
                LinearBounds lb = DeepPoly.outputLines(net, box, rule);
                double[] xs = {p, q};
                double[] low = {lb.lowerAt(output, new double[] {p}), lb.lowerAt(output, new double[] {q})};
                double[] up = {lb.upperAt(output, new double[] {p}), lb.upperAt(output, new double[] {q})};
                Lines.line(c, r.name() + " linear bounds" + bounds, xs, up, col, Palette.STROKES[k % Palette.STROKES.length], true);
                Lines.line(c, r.name() + " lower line", xs, low, col, Palette.STROKES[k % Palette.STROKES.length], false);
            } else {
                Lines.line(c, r.name() + " bounds" + bounds, new double[] {p, q}, new double[] {hi, hi}, col,
                        Palette.STROKES[k % Palette.STROKES.length], true);
                Lines.line(c, r.name() + " lower bound", new double[] {p, q}, new double[] {lo, lo}, col,
                        Palette.STROKES[k % Palette.STROKES.length], false);
            }
        }
        Lines.line(c, "exact range on the box", new double[] {p, q}, new double[] {exact.max(), exact.max()},
                Color.DARK_GRAY, Lines.DASHED, true);
        Lines.line(c, "exact min", new double[] {p, q}, new double[] {exact.min(), exact.min()}, Color.DARK_GRAY,
                Lines.DASHED, false);
        Lines.points(c, "where min and max are attained", new double[] {exact.argMin()[0], exact.argMax()[0]},
                new double[] {exact.min(), exact.max()}, Color.BLACK);
        double pad = 0.05 * Math.max(1e-9, yhi - ylo);
        Lines.line(c, "box ends", new double[] {p, p}, new double[] {ylo - pad, yhi + pad}, Color.GRAY, Lines.THIN, true);
        Lines.line(c, "box end", new double[] {q, q}, new double[] {ylo - pad, yhi + pad}, Color.GRAY, Lines.THIN, false);
        c.getStyler().setMarkerSize(9);
        return c;
    }

    private static XYChart bivariate(Network net, int output, Box over, Box box, List<Relaxation> domains,
                                     int width, int height, int resolution) {
        Range exact = ExactRange.of(net, box, output);
        StringBuilder title = new StringBuilder(String.format(Locale.ROOT, "box %s: exact [%.4g, %.4g]", box,
                exact.min(), exact.max()));
        for (Relaxation r : domains) {
            Analysis a = Evidence.analyse(r, net, box);
            title.append(String.format(Locale.ROOT, "; %s [%.4g, %.4g]", r.name(), a.lower()[output], a.upper()[output]));
        }
        XYChart c = new XYChartBuilder().width(width).height(height).title(title.toString())
                .xAxisTitle("x1").yAxisTitle("x2").build();
        style(c);
        int n = Math.max(2, resolution);
        ColourCells cells = new ColourCells();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = over.lower()[0] + (over.upper()[0] - over.lower()[0]) * i / (n - 1);
                double y = over.lower()[1] + (over.upper()[1] - over.lower()[1]) * j / (n - 1);
                double v = net.evaluate(new double[] {x, y})[output];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                cells.add(x, y, v, false);
            }
        }
        int plotPixels = Math.max(50, Math.min(width - 260, height - 110));
        c.getStyler().setMarkerSize(Math.max(2, (int) Math.ceil(1.15 * plotPixels / (n - 1)) + 1));
        c.getStyler().setXAxisMin(over.lower()[0]).setXAxisMax(over.upper()[0]);
        c.getStyler().setYAxisMin(over.lower()[1]).setYAxisMax(over.upper()[1]);
        cells.draw(c, 10, lo, hi, "", Color.WHITE, "h");
        Lines.rectangle(c, "box", box.lower()[0], box.upper()[0], box.lower()[1], box.upper()[1], new Color(0, 90, 200));
        if (exact.argMin() != null) {
            Lines.points(c, "exact min / max attained", new double[] {exact.argMin()[0], exact.argMax()[0]},
                    new double[] {exact.argMin()[1], exact.argMax()[1]}, Color.BLACK);
        }
        return c;
    }

    private static void style(XYChart c) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setXAxisTickMarkSpacingHint(70);
        c.getStyler().setYAxisTickMarkSpacingHint(50);
        c.getStyler().setXAxisDecimalPattern("#0.###");
        c.getStyler().setYAxisDecimalPattern("#0.###");
        c.getStyler().setLegendFont(c.getStyler().getLegendFont().deriveFont(10f));
        c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(12f));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
