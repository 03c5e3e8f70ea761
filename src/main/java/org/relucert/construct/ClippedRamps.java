package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;
import org.relucert.net.Network;

/**
 * The IBP-precise network of a monotone univariate CPWL (THEORY.md §5.1, T1): for non-decreasing f,
 * h(x) = y_0 + sum_i [beta_i - R(beta_i - s_i * R(x - x_{i-1}))] with beta_i = y_i - y_{i-1} and
 * s_i = beta_i / (x_i - x_{i-1}); two hidden layers with one neuron per rising piece (flat pieces need
 * none). A non-increasing f is built as -(network of -f).
 */
public final class ClippedRamps {
    private ClippedRamps() {
    }

    /** @throws IllegalArgumentException when f is not monotone */
    public static Network network(Cpwl f) {
        if (f.nonDecreasing()) {
            return build(f, 1.0);
        }
        if (f.nonIncreasing()) {
            return build(f.negate(), -1.0);
        }
        throw new IllegalArgumentException("clipped ramps need a monotone function, got " + f.text());
    }

    /** The network of sign * g for a non-decreasing g. */
    private static Network build(Cpwl g, double sign) {
        double[] xs = g.xs();
        double[] ys = g.ys();
        List<Integer> rising = new ArrayList<>();
        for (int i = 1; i <= g.pieces(); i++) {
            if (ys[i] > ys[i - 1]) {
                rising.add(i);
            }
        }
        NetBuilder b = new NetBuilder(1);
        int n = rising.size();
        if (n == 0) {
            return b.build(b.affine("out", b.blocks(1), new double[] {sign * ys[0]}));
        }
        NetBuilder.Blocks l1 = b.blocks(n);
        double[] b1 = new double[n];
        for (int k = 0; k < n; k++) {
            l1.add(Network.INPUT, k, 0, 1.0);
            b1[k] = -xs[rising.get(k) - 1];
        }
        int h1 = b.relu("relu1", b.affine("fc1", l1, b1));
        NetBuilder.Blocks l2 = b.blocks(n);
        double[] b2 = new double[n];
        double total = ys[0];
        for (int k = 0; k < n; k++) {
            int i = rising.get(k);
            double beta = ys[i] - ys[i - 1];
            l2.add(h1, k, k, -g.slope(i));
            b2[k] = beta;
            total += beta;
        }
        int h2 = b.relu("relu2", b.affine("fc2", l2, b2));
        NetBuilder.Blocks out = b.blocks(1);
        for (int k = 0; k < n; k++) {
            out.add(h2, 0, k, -sign);
        }
        return b.build(b.affine("out", out, new double[] {sign * total}));
    }
}
