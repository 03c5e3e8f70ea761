package org.relucert.verify;

import org.relucert.net.Box;

/**
 * Shrinks an input box to the part that can still hold a counterexample, using a linear lower bound of a
 * row of C·y - d: if {@code a·x + b <= row(x)} on the box and {@code min over the box of a·x + b = v < 0},
 * every unsafe point (row(x) <= 0) satisfies {@code a·x + b <= 0}, hence for each dimension i
 * {@code a_i·x_i <= m_i - v} with {@code m_i} the smallest value of {@code a_i·x_i} on the box (the other
 * terms are at least their minima). For {@code a_i > 0} this is {@code x_i <= l_i - v / a_i}, for
 * {@code a_i < 0} it is {@code x_i >= u_i + v / |a_i|} (v computed here from the plane's coefficients and
 * constant, so that the cut never rests on a bound reported for a different plane). The part cut off has the row's lower bound above
 * zero, so it is decided. The cut is moved outwards by a relative slack so that rounding in this
 * arithmetic cannot cut off a point the exact plane keeps.
 */
final class InputClipping {
    /** Relative outward slack on every cut (of the cut distance and of the dimension's width). */
    private static final double SLACK = 1e-7;

    private InputClipping() {
    }

    /**
     * The box cut down to where the plane {@code coef·x + offset} can be <= 0; the box itself when the
     * plane's minimum over the box is not negative (then the box is decided) or nothing is cut.
     */
    static Box clip(Box box, double[] coef, double offset) {
        if (coef == null || !Double.isFinite(offset)) {
            return box;
        }
        double[] l = box.lower().clone();
        double[] u = box.upper().clone();
        // the plane's minimum over the box, lowered by a bound on the rounding of this sum
        double value = offset;
        double scale = Math.abs(offset);
        for (int i = 0; i < l.length; i++) {
            value += Math.min(coef[i] * l[i], coef[i] * u[i]);
            scale += Math.abs(coef[i]) * Math.max(Math.abs(l[i]), Math.abs(u[i]));
        }
        value -= 1e-12 * scale;
        if (!(value < 0) || !Double.isFinite(value)) {
            return box;
        }
        boolean cut = false;
        for (int i = 0; i < l.length; i++) {
            double a = coef[i];
            double w = u[i] - l[i];
            if (a == 0 || !(w > 0)) {
                continue;
            }
            double reach = -value / Math.abs(a);
            reach += SLACK * (reach + w);
            if (!(reach < w)) {
                continue;
            }
            if (a > 0) {
                u[i] = l[i] + reach;
            } else {
                l[i] = u[i] - reach;
            }
            cut = true;
        }
        return cut ? new Box(l, u) : box;
    }

    /** Volume of {@code inner} as a fraction of {@code outer} (1 for a degenerate outer box). */
    static double keptFraction(Box inner, Box outer) {
        double f = 1;
        for (int i = 0; i < outer.dim(); i++) {
            double w = outer.upper()[i] - outer.lower()[i];
            if (w > 0) {
                f *= (inner.upper()[i] - inner.lower()[i]) / w;
            }
        }
        return f;
    }
}
