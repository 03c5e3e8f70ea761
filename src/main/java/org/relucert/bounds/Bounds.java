package org.relucert.bounds;

/**
 * Elementwise lower and upper bounds of one vector. Arrays must not be modified. A NaN bound (from
 * overflow, e.g. 0 * infinity) is replaced by the infinite bound on its side, so bounds stay sound.
 */
public record Bounds(double[] lower, double[] upper) {

    public Bounds {
        lower = withoutNaN(lower, Double.NEGATIVE_INFINITY);
        upper = withoutNaN(upper, Double.POSITIVE_INFINITY);
    }

    private static double[] withoutNaN(double[] v, double replacement) {
        double[] out = v;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                if (out == v) {
                    out = v.clone();
                }
                out[i] = replacement;
            }
        }
        return out;
    }

    /** Number of entries. */
    public int size() {
        return lower.length;
    }

    /** Width of entry i. */
    public double width(int i) {
        return upper[i] - lower[i];
    }

    /** True when [lower, upper] contains v within the absolute-plus-relative tolerance. */
    public boolean contains(int i, double v, double tol) {
        double slack = tol * Math.max(1.0, Math.abs(v));
        return v >= lower[i] - slack && v <= upper[i] + slack;
    }

    /**
     * The entrywise intersection of two bounds of the same vector (both sound, so the intersection is).
     * It may be empty (lower above upper) when the bounds come from contradictory constraints.
     */
    public static Bounds intersect(Bounds a, Bounds b) {
        double[] l = new double[a.size()];
        double[] u = new double[a.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.max(a.lower[i], b.lower[i]);
            u[i] = Math.min(a.upper[i], b.upper[i]);
        }
        return new Bounds(l, u);
    }
}
