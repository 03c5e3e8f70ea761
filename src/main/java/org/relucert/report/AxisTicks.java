package org.relucert.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.XYStyler;

/**
 * At most {@value #MAX_LABELS} tick labels on an axis of known range: labels only the multiples of a
 * 1-2-5 step (XChart may place finer tick marks, e.g. 41 on a gap map's y axis; those stay unlabelled).
 */
final class AxisTicks {
    static final int MAX_LABELS = 10;

    private AxisTicks() {
    }

    /** The smallest 1, 2 or 5 times a power of ten that cuts [min, max] into at most MAX_LABELS steps. */
    static double step(double min, double max) {
        double range = max - min;
        if (!(range > 0) || Double.isInfinite(range)) {
            return Double.NaN;
        }
        double p = Math.pow(10, Math.floor(Math.log10(range / MAX_LABELS)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (range / (m * p) <= MAX_LABELS) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The label of a tick at v: its value on a multiple of the step, else empty. */
    static Function<Double, String> labels(double min, double max) {
        double step = step(min, max);
        DecimalFormat f = new DecimalFormat("#0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return v -> {
            if (Double.isNaN(step)) {
                return f.format(v);
            }
            double k = v / step;
            return Math.abs(k - Math.rint(k)) < 1e-6 ? f.format(Math.abs(v) < step * 1e-9 ? 0.0 : v) : "";
        };
    }

    /**
     * Sensible labels on the axes of an XY chart whose limits are fixed on the styler (gap maps, contour
     * maps: there XChart's tick search can end at 41 labels). Axes left to XChart's automatic range keep
     * its labels, which stay few: blank labels there make it widen the step until no label is left.
     * A logarithmic axis or one with its own labelling function is left alone.
     */
    static void apply(XYChart c) {
        XYStyler st = c.getStyler();
        if (st.getXAxisMin() != null && st.getXAxisMax() != null && st.getxAxisTickLabelsFormattingFunction() == null
                && !st.isXAxisLogarithmic()) {
            st.setxAxisTickLabelsFormattingFunction(labels(st.getXAxisMin(), st.getXAxisMax()));
        }
        if (st.getYAxisMin() != null && st.getYAxisMax() != null && st.getyAxisTickLabelsFormattingFunction() == null
                && !st.isYAxisLogarithmic()) {
            st.setyAxisTickLabelsFormattingFunction(labels(st.getYAxisMin(), st.getYAxisMax()));
        }
    }

    /** Sensible labels on both axes of a chart whose axes span these ranges. */
    static void apply(AxesChartStyler s, double xMin, double xMax, double yMin, double yMax) {
        s.setxAxisTickLabelsFormattingFunction(labels(xMin, xMax));
        s.setyAxisTickLabelsFormattingFunction(labels(yMin, yMax));
    }
}
