package org.relucert.bounds;

/** Elementwise lower and upper bounds of one vector. Arrays must not be modified. */
public record Bounds(double[] lower, double[] upper) {

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
}
