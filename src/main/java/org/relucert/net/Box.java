package org.relucert.net;

import java.util.Arrays;

/** An axis-aligned box: {@code lower[i] <= x_i <= upper[i]}, finite, non-empty. */
public record Box(double[] lower, double[] upper) {

    /** @throws IllegalArgumentException on mismatched lengths, non-finite values or lower > upper */
    public Box {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("box has " + lower.length + " lower and " + upper.length + " upper bounds");
        }
        if (lower.length == 0) {
            throw new IllegalArgumentException("box has no dimensions");
        }
        for (int i = 0; i < lower.length; i++) {
            if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
                throw new IllegalArgumentException("box dimension " + (i + 1) + " is not finite: ["
                        + lower[i] + ", " + upper[i] + "]");
            }
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("box dimension " + (i + 1) + " has lower " + lower[i]
                        + " > upper " + upper[i]);
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** The box [l, u]^d. */
    public static Box cube(int dim, double l, double u) {
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, l);
        Arrays.fill(hi, u);
        return new Box(lo, hi);
    }

    /** Number of dimensions. */
    public int dim() {
        return lower.length;
    }

    /** True when x lies in the box (with absolute slack eps). */
    public boolean contains(double[] x, double eps) {
        for (int i = 0; i < lower.length; i++) {
            if (x[i] < lower[i] - eps || x[i] > upper[i] + eps) {
                return false;
            }
        }
        return true;
    }

    /** Centre point. */
    public double[] centre() {
        double[] c = new double[lower.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = 0.5 * (lower[i] + upper[i]);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    /** "l1:u1,l2:u2,..." as accepted by {@code --box}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lower.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(lower[i]).append(':').append(upper[i]);
        }
        return sb.toString();
    }
}
