package org.relucert.exact;

import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RoundingError;

/**
 * Rigorous bounds of the rounding error of pattern enumeration's forward forms ({@link Node#forward} with
 * exact 0/1 lines): per node entry r, a bound E[r] of |computed form(x) - exact node value(x)| over the
 * current activation region of the box, by induction over the nodes.
 *
 * <ul>
 *   <li>A linear node (Affine, Conv, Add): each coefficient is a sum of at most n products (n the
 *       sources' total size plus one), so over the box its rounding adds at most
 *       {@code gamma_n·(|W|·A_src + |b|) + (n+2)·eta·sum(m)}, with A_src[i] = sum_t |F_src[i, t]|·m_t the
 *       magnitude of the source's form (m_t the box's magnitudes, 1 for the constant); the sources' errors
 *       pass through as |W|·E_src. |W|·v is read off the node's own outward-rounded interval rule:
 *       (upper - lower)/2 of {@code interval(-v, v)}, so no node kind is asked.</li>
 *   <li>A ReLU (by {@link Network#relu}): an active entry copies its source's form, an inactive one is 0;
 *       on its region the source's computed form is >= 0 (or <= 0) up to the rounding delta of the test
 *       that decided it (a branch's LP row holds exactly; an interval test over the box is off by at most
 *       {@code RoundingError.sum(d + 1, A_src)}), so |form - relu(v)| <= E_src + delta.</li>
 * </ul>
 */
final class FormError {
    private FormError() {
    }

    /** Per entry, sum_t |forms[t·size + r]|·m_t (m has d + 1 entries, the last 1), padded upward. */
    static double[] magnitude(double[] forms, int size, double[] m) {
        double[] a = new double[size];
        for (int t = 0; t < m.length; t++) {
            double mt = m[t];
            for (int r = 0; r < size; r++) {
                double c = forms[t * size + r];
                if (c != 0) {
                    a[r] += Math.abs(c) * mt;
                }
            }
        }
        for (int r = 0; r < size; r++) {
            a[r] = RoundingError.up(a[r], RoundingError.sum(m.length, a[r]));
        }
        return a;
    }

    /**
     * The error bound of node j's forms from its sources' (error and magnitude per source entry).
     *
     * @param mSum sum of the box's magnitudes plus one (the constant)
     */
    static double[] step(Network net, int j, double[][] srcError, double[][] srcMagnitude, int d, double mSum) {
        Node node = net.node(j);
        if (net.relu(j) != null) {
            double[] e = srcError[0];
            double[] a = srcMagnitude[0];
            double[] out = new double[e.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = RoundingError.up(e[r], RoundingError.sum(d + 1, a[r]));
            }
            return out;
        }
        long n = 1;
        for (double[] s : srcError) {
            n += s.length;
        }
        double[] wE = absProduct(node, srcError);
        double[] wA = absProduct(node, srcMagnitude);
        double[][] zero = new double[srcError.length][];
        for (int k = 0; k < zero.length; k++) {
            zero[k] = new double[srcError[k].length];
        }
        double[][] bias = node.interval(zero, zero);
        double[] out = new double[node.size()];
        for (int r = 0; r < out.length; r++) {
            double b = Math.max(Math.abs(bias[0][r]), Math.abs(bias[1][r]));
            double step = RoundingError.coefficients(n, wA[r] + b, mSum);
            double e = (wE[r] + step) * (1 + 8 * RoundingError.U);
            out[r] = e == e ? Math.nextUp(e) : Double.POSITIVE_INFINITY;
        }
        return out;
    }

    /** An upper bound of |W|·v for a linear node: (upper - lower)/2 of its outward interval rule on [-v, v]. */
    private static double[] absProduct(Node node, double[][] v) {
        double[][] lo = new double[v.length][];
        for (int k = 0; k < v.length; k++) {
            lo[k] = new double[v[k].length];
            for (int i = 0; i < lo[k].length; i++) {
                lo[k][i] = -v[k][i];
            }
        }
        double[][] iv = node.interval(lo, v);
        double[] out = new double[node.size()];
        for (int r = 0; r < out.length; r++) {
            double h = (iv[1][r] - iv[0][r]) * 0.5;
            out[r] = h == h ? Math.nextUp(h) : Double.POSITIVE_INFINITY;
        }
        return out;
    }
}
