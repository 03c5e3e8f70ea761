package org.relucert.cli;

import java.util.Locale;

/** Number formatting for the human-readable outputs. */
final class Format {
    private Format() {
    }

    /** A compact number: up to 6 significant digits. */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) < Double.MIN_NORMAL) {
            // a subnormal: an exact 0 moved one ulp outward by sound rounding; the sign says which way
            return v < 0 ? "-0" : "+0";
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            // 1.00000e-09 -> 1e-09
            return s.replaceAll("\\.?0+e", "e");
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    /** The padding of an LP bound of an exact 0 is 1e-9 (plus rounding): at most this far from 0 a bound may be padding. */
    static final double PADDING_NEAR_ZERO = 2e-9;

    /**
     * "[l, u]" of one entry. A lower bound below 0 by at most {@value #PADDING_NEAR_ZERO} while the upper
     * bound is a thousand times larger (or an upper bound above 0 likewise), as the padding of an LP bound of
     * an exact 0 leaves it, prints as "-0" ("+0"): 0 rounded outward. Values of an interval that is itself
     * that small print in full, so no real value is hidden.
     */
    static String interval(double l, double u) {
        return interval(l, u, true, true);
    }

    /** As {@link #interval(double, double)}, a bound that is not proven followed by {@value #UNPROVEN}. */
    static String interval(double l, double u, boolean lowerProven, boolean upperProven) {
        String lo = l < 0 && -l <= PADDING_NEAR_ZERO && -l <= 1e-3 * Math.abs(u) ? "-0" : num(l);
        String hi = u > 0 && u <= PADDING_NEAR_ZERO && u <= 1e-3 * Math.abs(l) ? "+0" : num(u);
        return "[" + lo + (lowerProven ? "" : UNPROVEN) + ", " + hi + (upperProven ? "" : UNPROVEN) + "]";
    }

    /** "[l1, u1] [l2, u2] ..." */
    static String intervals(double[] l, double[] u) {
        return intervals(l, u, null, null);
    }

    /** Marks a bound that is not proven in floating point (see {@link #UNPROVEN_FOOTNOTE}). */
    static final String UNPROVEN = "*";

    /** The footnote to {@link #UNPROVEN}: only the MILP domain {@code exact} reports such bounds. */
    static final String UNPROVEN_FOOTNOTE = UNPROVEN + " exact up to SCIP's tolerances (dual bound widened by"
            + " 1e-7(1+|b|)), not a floating-point proof";

    /**
     * As {@link #intervals(double[], double[])}, each bound whose flag in {@code lowerProven} or
     * {@code upperProven} is false followed by {@value #UNPROVEN} ({@code null} flags: all proven).
     */
    static String intervals(double[] l, double[] u, boolean[] lowerProven, boolean[] upperProven) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(interval(l[i], u[i], lowerProven == null || lowerProven[i],
                    upperProven == null || upperProven[i]));
        }
        return sb.toString();
    }
}
