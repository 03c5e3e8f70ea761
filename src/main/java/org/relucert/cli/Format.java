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
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    /** "[l, u]" of one entry. */
    static String interval(double l, double u) {
        return "[" + num(l) + ", " + num(u) + "]";
    }

    /** "[l1, u1] [l2, u2] ..." */
    static String intervals(double[] l, double[] u) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(interval(l[i], u[i]));
        }
        return sb.toString();
    }
}
