package org.relucert.report;

import java.util.List;
import java.util.Locale;

/** Small Markdown helpers: tables and number formatting. */
final class Markdown {
    private Markdown() {
    }

    /** A table with the given header and rows; '|' inside cells is escaped. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder s = new StringBuilder();
        s.append(row(header));
        s.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            s.append(row(r));
        }
        return s.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder s = new StringBuilder("|");
        for (String c : cells) {
            s.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return s.append('\n').toString();
    }

    /** A number with 4 significant decimals, trailing zeros removed. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    /** [lo, hi] with {@link #num}. */
    static String interval(double lo, double hi) {
        return "[" + num(lo) + ", " + num(hi) + "]";
    }

    /** Seconds with one decimal. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
