package org.relucert.construct;

/** Number formatting for function texts and file names. */
final class Format {
    private Format() {
    }

    /** Shortest round-trip form, without a trailing ".0" for integers. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
