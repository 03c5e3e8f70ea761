package org.relucert.construct;

import org.relucert.net.Network;

/**
 * Networks for max/min expressions (THEORY.md §5.5): max(x1, ..., xk) as the nested chain
 * m_1 = a_1, m_k = a_k + R(m_{k-1} - a_k), and min as m_k = m_{k-1} - R(m_{k-1} - a_k); nested calls are
 * built first and their values reused. Affine arguments are read from the input through skip connections
 * (§2.1), so the network encodes the function on all of R^d. For max(x1, x2) this is y + R(x - y) with
 * x = x1, y = x2 swapped to the paper's order: x2 + R(x1 - x2). Each ReLU is its own one-neuron node.
 */
public final class MaxMinNetworks {
    private MaxMinNetworks() {
    }

    /** The chain network of the function. */
    public static Network network(MaxMinFunction f) {
        NetBuilder b = new NetBuilder(f.dim());
        NetBuilder.LinearForm value = encode(b, f.root(), f.dim());
        return b.build(b.affine("out", value));
    }

    private static NetBuilder.LinearForm encode(NetBuilder b, Expr e, int dim) {
        if (e instanceof Expr.Affine a) {
            NetBuilder.LinearForm form = NetBuilder.LinearForm.constant(a.constant());
            for (int i = 0; i < dim; i++) {
                if (a.coef(i) != 0) {
                    form = form.plus(NetBuilder.LinearForm.entry(Network.INPUT, dim, i, a.coef(i)), 1.0);
                }
            }
            return form;
        }
        Expr.Call c = (Expr.Call) e;
        NetBuilder.LinearForm m = encode(b, c.args().get(0), dim);
        for (int k = 1; k < c.args().size(); k++) {
            NetBuilder.LinearForm a = encode(b, c.args().get(k), dim);
            int pre = b.affine("pre", m.plus(a, -1.0));
            int r = b.relu("relu", pre);
            NetBuilder.LinearForm relu = NetBuilder.LinearForm.entry(r, 1, 0, 1.0);
            m = c.max() ? a.plus(relu, 1.0) : m.plus(relu, -1.0);
        }
        return m;
    }
}
