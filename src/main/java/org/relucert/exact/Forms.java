package org.relucert.exact;

import java.util.ArrayList;
import java.util.List;
import org.relucert.net.Box;

/**
 * Affine forms over the input x of dimension d, as used by {@link PatternEnumeration}: a single form is d
 * coefficients then the constant; the forms of a node with n entries are stored coefficient-major as in
 * {@link org.relucert.net.Node#forward} (entry {@code t * n + r} is the coefficient of variable t in the form
 * of entry r; variable d is the constant 1).
 */
final class Forms {

    private Forms() {
    }

    /** The forms of the input itself: x_i = x_i ((d + 1) x d). */
    static double[] identity(int d) {
        double[] f = new double[(d + 1) * d];
        for (int i = 0; i < d; i++) {
            f[i * d + i] = 1;
        }
        return f;
    }

    /** The form of entry r of a node with n entries. */
    static double[] entry(double[] forms, int n, int r, int d) {
        double[] f = new double[d + 1];
        for (int t = 0; t <= d; t++) {
            f[t] = forms[t * n + r];
        }
        return f;
    }

    static double value(double[] f, double[] x) {
        double s = f[x.length];
        for (int i = 0; i < x.length; i++) {
            s += f[i] * x[i];
        }
        return s;
    }

    /** Interval of a form over the box: {min, max}. */
    static double[] interval(double[] f, Box box) {
        int d = box.dim();
        double lo = f[d];
        double hi = f[d];
        for (int i = 0; i < d; i++) {
            double c = f[i];
            lo += c >= 0 ? c * box.lower()[i] : c * box.upper()[i];
            hi += c >= 0 ? c * box.upper()[i] : c * box.lower()[i];
        }
        return new double[] {lo, hi};
    }

    /** True when the form is positive at one of the points and negative at another. */
    static boolean bothSigns(double[] f, List<double[]> pts) {
        boolean pos = false;
        boolean neg = false;
        for (double[] x : pts) {
            double v = value(f, x);
            pos |= v > 0;
            neg |= v < 0;
        }
        return pos && neg;
    }

    /** The points on the chosen side (>= 0 or <= 0) of f. */
    static List<double[]> withSign(double[] f, List<double[]> pts, boolean nonNegative) {
        List<double[]> out = new ArrayList<>();
        for (double[] x : pts) {
            double v = value(f, x);
            if (nonNegative ? v >= 0 : v <= 0) {
                out.add(x);
            }
        }
        return out;
    }
}
