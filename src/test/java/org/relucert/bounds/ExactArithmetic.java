package org.relucert.bounds;

import java.math.BigDecimal;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * Test reference in exact rational arithmetic: every double (weights as stored, inputs) is read exactly
 * into a BigDecimal, and sums and products are exact. Conv and Add nodes go through their dense lowering
 * (exact: the lowering copies weights).
 */
final class ExactArithmetic {
    private ExactArithmetic() {
    }

    /** The exact output of the network at x. */
    static BigDecimal[] evaluate(Network net, double[] x) {
        return evaluateAll(net, x)[net.output()];
    }

    /** The exact value of every node of the network at x. */
    static BigDecimal[][] evaluateAll(Network net, double[] x) {
        BigDecimal[][] v = new BigDecimal[net.nodes().size()][];
        BigDecimal[] in = exact(x);
        for (int j = 0; j < v.length; j++) {
            Node node = net.node(j);
            int[] from = node.from();
            BigDecimal[][] src = new BigDecimal[from.length][];
            for (int k = 0; k < from.length; k++) {
                src[k] = from[k] == Network.INPUT ? in : v[from[k]];
            }
            if (net.relu(j) != null) {
                v[j] = new BigDecimal[src[0].length];
                for (int i = 0; i < v[j].length; i++) {
                    v[j][i] = src[0][i].signum() > 0 ? src[0][i] : BigDecimal.ZERO;
                }
            } else {
                v[j] = affine(DenseLowering.affine(node), concat(src), concat(src), true);
            }
        }
        return v;
    }

    /** Exact interval bound propagation: {lower, upper} of the output. */
    static BigDecimal[][] ibp(Network net, Box box) {
        int n = net.nodes().size();
        BigDecimal[][] lo = new BigDecimal[n][];
        BigDecimal[][] hi = new BigDecimal[n][];
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            int[] from = node.from();
            BigDecimal[][] sl = new BigDecimal[from.length][];
            BigDecimal[][] sh = new BigDecimal[from.length][];
            for (int k = 0; k < from.length; k++) {
                sl[k] = from[k] == Network.INPUT ? exact(box.lower()) : lo[from[k]];
                sh[k] = from[k] == Network.INPUT ? exact(box.upper()) : hi[from[k]];
            }
            if (net.relu(j) != null) {
                lo[j] = new BigDecimal[sl[0].length];
                hi[j] = new BigDecimal[sl[0].length];
                for (int i = 0; i < lo[j].length; i++) {
                    lo[j][i] = sl[0][i].max(BigDecimal.ZERO);
                    hi[j][i] = sh[0][i].max(BigDecimal.ZERO);
                }
            } else {
                Affine a = DenseLowering.affine(node);
                lo[j] = affine(a, concat(sl), concat(sh), true);
                hi[j] = affine(a, concat(sl), concat(sh), false);
            }
        }
        return new BigDecimal[][] {lo[net.output()], hi[net.output()]};
    }

    /** W·x + b with, per weight sign, the lower or upper end (lower: min, else max); exact. */
    private static BigDecimal[] affine(Affine a, BigDecimal[] l, BigDecimal[] u, boolean min) {
        int cols = a.inputWidth();
        BigDecimal[] y = new BigDecimal[a.size()];
        for (int r = 0; r < y.length; r++) {
            BigDecimal s = new BigDecimal(a.bias()[r]);
            for (int c = 0; c < cols; c++) {
                double w = a.weight(r, c);
                if (w != 0) {
                    BigDecimal bw = new BigDecimal(w);
                    s = s.add(bw.multiply((w > 0) == min ? l[c] : u[c]));
                }
            }
            y[r] = s;
        }
        return y;
    }

    private static BigDecimal[] concat(BigDecimal[][] parts) {
        int n = 0;
        for (BigDecimal[] p : parts) {
            n += p.length;
        }
        BigDecimal[] out = new BigDecimal[n];
        int o = 0;
        for (BigDecimal[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static BigDecimal[] exact(double[] x) {
        BigDecimal[] out = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = new BigDecimal(x[i]);
        }
        return out;
    }

    /** True when lower <= value exactly (an infinite lower counts as -infinity). */
    static boolean atMost(double lower, BigDecimal value) {
        return lower == Double.NEGATIVE_INFINITY || (Double.isFinite(lower) && new BigDecimal(lower).compareTo(value) <= 0);
    }

    /** True when value <= upper exactly. */
    static boolean atLeast(double upper, BigDecimal value) {
        return upper == Double.POSITIVE_INFINITY || (Double.isFinite(upper) && new BigDecimal(upper).compareTo(value) >= 0);
    }
}
