package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * Seeded random rewrites of a network that keep its function, to obtain many different encodings of one
 * function (THEORY.md §6.4: every encoding of max(x1, x2) should have a Triangle witness box). The rewrites:
 * positive rescaling of every ReLU neuron (a R(z) = R(a z) for a > 0), the flip of T3, an identity layer
 * (Lemma 4.1), and a zero term c (R(z) - R(-z) - z) with a random affine z of the input added to the output.
 * Conv and Add nodes are read through their dense lowering ({@link DenseLayers}), so every rewrite is dense.
 */
public final class EquivalentNetworks {
    private EquivalentNetworks() {
    }

    /**
     * A random equivalent of {@code net} (the zero term is only added when the output node is not a ReLU).
     *
     * @throws org.relucert.InvalidInputException when the network's Conv and Add nodes are too large to lower
     */
    public static Network random(Network net, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Network g = rescale(net, rnd);
        if (rnd.nextBoolean()) {
            g = FlipTransform.apply(g);
        }
        if (rnd.nextBoolean() && g.reluCount() > 0) {
            List<String> relus = new ArrayList<>();
            for (int j = 0; j < g.nodes().size(); j++) {
                if (g.relu(j) != null) {
                    relus.add(g.nameOf(j));
                }
            }
            g = IdentityLayers.apply(g, relus.get(rnd.nextInt(relus.size())), 1);
        }
        if (rnd.nextBoolean() && g.relu(g.output()) == null) {
            g = addZeroTerm(g, rnd);
        }
        return g;
    }

    /** Every ReLU node reads an inserted affine node diag(a) * z and its consumers read columns scaled by 1/a. */
    static Network rescale(Network net, SplittableRandom rnd) {
        DenseLayers dense = DenseLayers.of(net, "rescale");
        NetBuilder b = new NetBuilder(net.inputSize());
        b.reserveNames(net);
        int n = net.nodes().size();
        int[] map = new int[n];
        double[][] inverse = new double[n][];
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r != null) {
                int src = source(map, r.source());
                double[] a = new double[r.size()];
                double[][] diag = new double[r.size()][b.size(src)];
                inverse[j] = new double[r.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Math.exp(2 * rnd.nextDouble() - 1);
                    diag[i][i] = a[i];
                    inverse[j][i] = 1 / a[i];
                }
                int scaled = b.affine(r.name() + "_scale", b.blocks(r.size()).add(src, diag), new double[r.size()]);
                map[j] = b.reluNamed(r.name(), scaled);
            } else {
                Affine a = dense.affine(j);
                NetBuilder.Blocks blocks = b.blocks(a.size());
                int[] from = a.from();
                for (int k = 0; k < from.length; k++) {
                    double[][] w = NetBuilder.blockRows(a, k);
                    if (from[k] != Network.INPUT && inverse[from[k]] != null) {
                        for (double[] row : w) {
                            for (int c = 0; c < row.length; c++) {
                                row[c] *= inverse[from[k]][c];
                            }
                        }
                    }
                    blocks.add(source(map, from[k]), w);
                }
                map[j] = b.affineNamed(a.name(), blocks, a.bias());
            }
        }
        return b.build(map[net.output()]);
    }

    private static int source(int[] map, int old) {
        return old == Network.INPUT ? Network.INPUT : map[old];
    }

    /** Adds c * (R(z) - R(-z) - z), which is 0, to every output; z = w.x + b random. */
    static Network addZeroTerm(Network net, SplittableRandom rnd) {
        DenseLayers dense = DenseLayers.of(net, "zero term");
        int d = net.inputSize();
        NetBuilder b = new NetBuilder(d);
        b.reserveNames(net);
        int n = net.nodes().size();
        int[] map = new int[n];
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = 2 * rnd.nextDouble() - 1;
        }
        double bias = rnd.nextDouble() - 0.5;
        double c = 0.5 + rnd.nextDouble();
        int zeroRelu = -2;
        for (int j = 0; j < n; j++) {
            if (j == net.output()) {
                double[][] pair = new double[2][d];
                for (int i = 0; i < d; i++) {
                    pair[0][i] = w[i];
                    pair[1][i] = -w[i];
                }
                int pre = b.affine("zero_pre", b.blocks(2).add(Network.INPUT, pair), new double[] {bias, -bias});
                zeroRelu = b.relu("zero_relu", pre);
            }
            Relu r = net.relu(j);
            if (r != null) {
                map[j] = b.reluNamed(r.name(), source(map, r.source()));
            } else {
                Affine a = dense.affine(j);
                NetBuilder.Blocks blocks = b.blocks(a.size());
                int[] from = a.from();
                for (int k = 0; k < from.length; k++) {
                    blocks.add(source(map, from[k]), NetBuilder.blockRows(a, k));
                }
                double[] outBias = a.bias().clone();
                if (j == net.output()) {
                    for (int row = 0; row < a.size(); row++) {
                        blocks.add(zeroRelu, row, 0, c).add(zeroRelu, row, 1, -c);
                        for (int i = 0; i < d; i++) {
                            blocks.add(Network.INPUT, row, i, -c * w[i]);
                        }
                        outBias[row] -= c * bias;
                    }
                }
                map[j] = b.affineNamed(a.name(), blocks, outBias);
            }
        }
        return b.build(map[net.output()]);
    }
}
