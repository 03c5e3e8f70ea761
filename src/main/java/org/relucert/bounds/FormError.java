package org.relucert.bounds;

import org.relucert.net.Node;
import org.relucert.net.ReluLines;
import org.relucert.net.RoundingError;

/**
 * Rigorous bounds of the rounding error of forward symbolic forms ({@link Node#forward}): per node entry r, a
 * bound E[r] such that the node's value at every x of the box lies within [low_r(x) - E[r], high_r(x) + E[r]],
 * where low_r and high_r are the computed forms evaluated exactly. By induction over the nodes, from the input
 * (its own forms, E = 0); one home for the verifier's forward pass (relaxed ReLU lines) and pattern
 * enumeration's (exact 0/1 lines on an activation region).
 *
 * <ul>
 *   <li>A linear node (Affine, Conv, Add, every node whose {@link Node#forward} ignores the lines): each
 *       coefficient is a sum of at most n non-zero products (n the sources' total size plus one), so over the
 *       box its rounding adds at most {@code gamma_n·(|W|·A_src + |b|) + (n+2)·eta·sum(m)} ({@link
 *       RoundingError#coefficients}), with
 *       A_src[i] = sum_t max(|low[i, t]|, |high[i, t]|)·m_t the magnitude of the source's forms (m_t the box's
 *       magnitudes, 1 for the constant); the sources' errors pass through as |W|·E_src. Both are read off one call of the node's own
 *       outward-rounded interval rule on [-v, v], v = E_src + gamma_n·A_src: |W|·v is its half width and |b| at
 *       most its larger end's magnitude, so no node kind is asked.</li>
 *   <li>A ReLU with lines {@code ls·z + li <= relu(z) <= us·z + ui} (slopes >= 0, valid on the source's bounds):
 *       relu(v) >= ls·(low(x) - E) + li, so E passes through scaled by the slope, and the products ls·low_t and the
 *       sum with li add at most {@code gamma_2·(s·A_src + |i|)} (s, i the larger slope and intercept).</li>
 *   <li>A ReLU on an activation region ({@link #regionRelu}): an active entry copies its source's form, an
 *       inactive one is 0; on its region the source's computed form is >= 0 (or &lt;= 0) up to the rounding delta
 *       of the test that decided it (an LP row holds exactly; an interval test over the box is off by at most
 *       {@code RoundingError.sum(d + 1, A_src)}), so |form - relu(v)| &lt;= E_src + delta.</li>
 * </ul>
 */
public final class FormError {
    private FormError() {
    }

    /** Per entry, sum_t |forms[t·size + r]|·m_t (m has d + 1 entries, the last 1), padded upward. */
    public static double[] magnitude(double[] forms, int size, double[] m) {
        return magnitude(forms, forms, size, m);
    }

    /** Per entry, sum_t max(|low[t·size + r]|, |high[t·size + r]|)·m_t, padded upward. */
    public static double[] magnitude(double[] low, double[] high, int size, double[] m) {
        double[] a = new double[size];
        for (int t = 0; t < m.length; t++) {
            double mt = m[t];
            int o = t * size;
            for (int r = 0; r < size; r++) {
                double c = Math.max(Math.abs(low[o + r]), Math.abs(high[o + r]));
                if (c != 0) {
                    a[r] += c * mt;
                }
            }
        }
        for (int r = 0; r < size; r++) {
            a[r] = RoundingError.up(a[r], RoundingError.sum(m.length, a[r]));
        }
        return a;
    }

    /** The box's magnitudes followed by 1 (the constant): the m of {@link #magnitude}. */
    public static double[] weights(double[] lower, double[] upper) {
        double[] bm = RoundingError.magnitude(lower, upper);
        double[] m = java.util.Arrays.copyOf(bm, bm.length + 1);
        m[bm.length] = 1;
        return m;
    }

    /** sum of the weights, padded upward (the mSum of the steps). */
    public static double total(double[] m) {
        double s = RoundingError.total(m);
        return RoundingError.up(s, RoundingError.sum(m.length, s));
    }

    /**
     * The error bound of a linear node's forms from its sources' (error and magnitude per source entry).
     *
     * @param mSum sum of the box's magnitudes plus one (the constant), {@link #total}
     */
    public static double[] linear(Node node, double[][] srcError, double[][] srcMagnitude, double mSum) {
        long n = 1;
        for (double[] s : srcError) {
            n += s.length;
        }
        double gamma = RoundingError.gamma(n);
        // |W|·E + gamma·(|W|·A + |b|) = |W|·(E + gamma·A) + gamma·|b|: one interval rule call on [-v, v] gives
        // |W|·v as its half width, and |b| <= max(|lower|, |upper|), since b lies in the interval
        double[][] v = new double[srcError.length][];
        double[][] minusV = new double[srcError.length][];
        for (int k = 0; k < v.length; k++) {
            v[k] = new double[srcError[k].length];
            minusV[k] = new double[v[k].length];
            for (int i = 0; i < v[k].length; i++) {
                double x = Math.nextUp(srcError[k][i] + gamma * srcMagnitude[k][i]);
                v[k][i] = x == x ? x : Double.POSITIVE_INFINITY;
                minusV[k][i] = -v[k][i];
            }
        }
        double[][] iv = node.interval(minusV, v);
        double underflow = (n + 2) * RoundingError.ETA * mSum;
        double[] out = new double[node.size()];
        for (int r = 0; r < out.length; r++) {
            double half = (iv[1][r] - iv[0][r]) * 0.5;
            double b = Math.max(Math.abs(iv[0][r]), Math.abs(iv[1][r]));
            out[r] = padded(half + gamma * b + underflow);
        }
        return out;
    }

    /**
     * The error bound of a ReLU node's forms built with the given lines (slopes >= 0) from its source's error
     * and magnitude; a negative slope (which the substitution does not cover) gives an infinite bound.
     */
    public static double[] relu(ReluLines lines, double[] srcError, double[] srcMagnitude, double mSum) {
        double[] ls = lines.lowerSlope();
        double[] us = lines.upperSlope();
        double[] li = lines.lowerIntercept();
        double[] ui = lines.upperIntercept();
        double[] out = new double[srcError.length];
        for (int r = 0; r < out.length; r++) {
            if (!(ls[r] >= 0 && us[r] >= 0)) {
                out[r] = Double.POSITIVE_INFINITY;
                continue;
            }
            double s = Math.max(ls[r], us[r]);
            double c = Math.max(Math.abs(li[r]), Math.abs(ui[r]));
            double step = RoundingError.coefficients(2, s * srcMagnitude[r] + c, mSum);
            out[r] = padded(s * srcError[r] + step);
        }
        return out;
    }

    /**
     * The error bound of a ReLU's forms on an activation region (exact 0/1 lines), whose signs were decided
     * up to the rounding of a test over d + 1 terms of the source's form (see the class comment).
     */
    public static double[] regionRelu(double[] srcError, double[] srcMagnitude, int d) {
        double[] out = new double[srcError.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = RoundingError.up(srcError[r], RoundingError.sum(d + 1, srcMagnitude[r]));
        }
        return out;
    }

    /** x, enlarged by the rounding of the few operations that computed it, rounded up; NaN becomes infinity. */
    private static double padded(double x) {
        double e = x * (1 + 8 * RoundingError.U);
        return e == e ? Math.nextUp(e) : Double.POSITIVE_INFINITY;
    }
}
