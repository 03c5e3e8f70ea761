package org.relucert.construct;

import org.relucert.net.Network;

/**
 * Networks for max/min expressions (THEORY.md §5.5): max(x1, ..., xk) as the nested chain
 * m_1 = a_1, m_k = a_k + R(m_{k-1} - a_k), and min as m_k = m_{k-1} - R(m_{k-1} - a_k); nested calls are
 * built first and their values reused. Affine arguments are read from the input through skip connections
 * (§2.1), so the network encodes the function on all of R^d. For max(x1, x2) this is x2 + R(x1 - x2), the
 * encoding A = y + R(x - y) of §6.3. Each ReLU is its own one-neuron node.
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

    /**
     * A strictly layered chain for a flat max/min on a box (§5.5 with shifted identities, §2.1): every ReLU
     * layer holds the chain neuron and d carry neurons R(x - lo), stable active on the box, and each layer reads
     * only the previous one. It encodes f on the box (outside it, where some x_i &lt; lo_i, it need not).
     *
     * @throws IllegalArgumentException for a nested expression or a box of the wrong dimension
     */
    public static Network layered(MaxMinFunction f, org.relucert.net.Box box) {
        if (!f.flat() || box.dim() != f.dim()) {
            throw new IllegalArgumentException("a layered chain needs a flat max/min and a box of dimension " + f.dim());
        }
        int d = f.dim();
        double[] lo = box.lower();
        NetBuilder b = new NetBuilder(d);
        if (!(f.root() instanceof Expr.Call c) || c.args().size() == 1) {
            Expr single = f.root() instanceof Expr.Call c1 ? c1.args().get(0) : f.root();
            return b.build(b.affine("out", encode(b, single, d)));
        }
        // values as linear forms over the current source: the input (x) or the last ReLU layer [r, c]
        int source = Network.INPUT;
        NetBuilder.LinearForm m = affineOver(c.args().get(0), source, d, lo, b);
        for (int k = 1; k < c.args().size(); k++) {
            NetBuilder.LinearForm a = affineOver(c.args().get(k), source, d, lo, b);
            // max(m, a) = a + R(m - a); min(m, a) = a - R(a - m): both leave a over the new layer plus the ReLU
            double sign = c.max() ? 1.0 : -1.0;
            NetBuilder.Blocks pre = b.blocks(1 + d).addRow(0, m.plus(a, -1.0), sign);
            double[] bias = new double[1 + d];
            bias[0] = sign * (m.constant() - a.constant());
            for (int i = 0; i < d; i++) {
                if (source == Network.INPUT) {
                    pre.add(Network.INPUT, 1 + i, i, 1.0);
                    bias[1 + i] = -lo[i];
                } else {
                    pre.add(source, 1 + i, 1 + i, 1.0);
                }
            }
            source = b.relu("relu", b.affine("pre", pre, bias));
            NetBuilder.LinearForm r = NetBuilder.LinearForm.entry(source, 1 + d, 0, 1.0);
            NetBuilder.LinearForm aNext = affineOver(c.args().get(k), source, d, lo, b);
            m = aNext.plus(r, sign);
        }
        return b.build(b.affine("out", m));
    }

    /** An affine argument as a linear form over the source: the input x, or the carries c = x - lo of a layer. */
    private static NetBuilder.LinearForm affineOver(Expr e, int source, int d, double[] lo, NetBuilder b) {
        Expr.Affine a = (Expr.Affine) e;
        NetBuilder.LinearForm form = NetBuilder.LinearForm.constant(a.constant());
        for (int i = 0; i < d; i++) {
            double w = a.coef(i);
            if (w == 0) {
                continue;
            }
            if (source == Network.INPUT) {
                form = form.plus(NetBuilder.LinearForm.entry(Network.INPUT, d, i, w), 1.0);
            } else {
                form = form.plus(NetBuilder.LinearForm.entry(source, 1 + d, 1 + i, w), 1.0)
                        .plus(NetBuilder.LinearForm.constant(w * lo[i]), 1.0);
            }
        }
        return form;
    }

    /**
     * Several different networks encoding f, for illustrating T6 (§6.4): the chain; for a flat max/min, the chain
     * with the arguments in reverse order and, for two arguments, the symmetric form
     * (a + b)/2 +- (R(a - b) + R(b - a))/2 (encoding B of §6.3); and the flip (T3) of the chain.
     */
    public static java.util.List<Encoding> variants(MaxMinFunction f) {
        java.util.List<Encoding> out = new java.util.ArrayList<>();
        String ref = "THEORY.md §5.5, §6.3";
        Network chain = network(f);
        out.add(new Encoding(chain, "multi", f.text(), "chain", ref, java.util.List.of()));
        if (f.root() instanceof Expr.Call c && f.flat() && c.args().size() > 1) {
            java.util.List<Expr> reversed = new java.util.ArrayList<>(c.args());
            java.util.Collections.reverse(reversed);
            out.add(new Encoding(network(new MaxMinFunction(new Expr.Call(c.max(), reversed), f.dim())), "multi",
                    f.text(), "chain, arguments reversed", ref, java.util.List.of()));
            if (c.args().size() == 2) {
                out.add(new Encoding(symmetric(f.dim(), c), "multi", f.text(), "symmetric form (encoding B)", ref,
                        java.util.List.of()));
            }
        }
        out.add(new Encoding(FlipTransform.apply(chain), "multi", f.text(), "chain, flipped (T3)", ref,
                java.util.List.of()));
        return out;
    }

    /** max(a, b) = (a + b)/2 + R(a - b)/2 + R(b - a)/2; min(a, b) = (a + b)/2 - R(a - b)/2 - R(b - a)/2. */
    private static Network symmetric(int dim, Expr.Call c) {
        NetBuilder b = new NetBuilder(dim);
        NetBuilder.LinearForm a = encode(b, c.args().get(0), dim);
        NetBuilder.LinearForm e = encode(b, c.args().get(1), dim);
        NetBuilder.Blocks hidden = b.blocks(2).addRow(0, a.plus(e, -1), 1).addRow(1, e.plus(a, -1), 1);
        int r = b.relu("relu", b.affine("pre", hidden, new double[] {a.constant() - e.constant(), e.constant() - a.constant()}));
        double s = c.max() ? 0.5 : -0.5;
        NetBuilder.LinearForm value = a.plus(e, 1.0);
        NetBuilder.Blocks out = b.blocks(1).addRow(0, value, 0.5).add(r, 0, 0, s).add(r, 0, 1, s);
        return b.build(b.affine("out", out, new double[] {0.5 * value.constant()}));
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
            if (k > 1) {
                // Materialise the running max as its own node, so a hull over the inputs of the next
                // step couples (m_{k-1}, a_k) as in THEORY §7.5 rather than (relu, input) entries whose
                // box forgets how they are correlated.
                m = NetBuilder.LinearForm.entry(b.affine("m", m), 1, 0, 1.0);
            }
            int pre = b.affine("pre", m.plus(a, -1.0));
            int r = b.relu("relu", pre);
            NetBuilder.LinearForm relu = NetBuilder.LinearForm.entry(r, 1, 0, 1.0);
            m = c.max() ? a.plus(relu, 1.0) : m.plus(relu, -1.0);
        }
        return m;
    }
}
