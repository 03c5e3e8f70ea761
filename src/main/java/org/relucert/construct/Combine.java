package org.relucert.construct;

import java.util.List;
import org.relucert.net.Affine;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * Networks side by side on one input: a weighted sum of their (one-entry) outputs, and max/min of two
 * through b + R(a - b) and a - R(a - b) (THEORY.md §2.1). Each part's nodes are copied with a prefix.
 */
final class Combine {
    private Combine() {
    }

    /** constant + sum_i weights[i] * parts[i](x). */
    static Network sum(List<Network> parts, double[] weights, double constant) {
        NetBuilder b = new NetBuilder(parts.get(0).inputSize());
        NetBuilder.Blocks out = b.blocks(1);
        for (int i = 0; i < parts.size(); i++) {
            int o = embed(b, parts.get(i), "p" + i + "/");
            out.add(o, 0, 0, weights[i]);
        }
        return b.build(b.affine("out", out, new double[] {constant}));
    }

    /** max(a, b) = b + R(a - b) when {@code max}, else min(a, b) = a - R(a - b). */
    static Network maxMin(Network a, Network bNet, boolean max) {
        NetBuilder b = new NetBuilder(a.inputSize());
        int oa = embed(b, a, "a/");
        int ob = embed(b, bNet, "b/");
        int d = b.affine("diff", b.blocks(1).add(oa, 0, 0, 1).add(ob, 0, 0, -1), new double[1]);
        int r = b.relu("r", d);
        NetBuilder.Blocks out = max ? b.blocks(1).add(ob, 0, 0, 1).add(r, 0, 0, 1)
                : b.blocks(1).add(oa, 0, 0, 1).add(r, 0, 0, -1);
        return b.build(b.affine("out", out, new double[1]));
    }

    /** Copies the nodes of {@code net} (reading the same input) into {@code b}; returns its output's index. */
    private static int embed(NetBuilder b, Network net, String prefix) {
        int n = net.nodes().size();
        int[] map = new int[n];
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r != null) {
                map[j] = b.relu(prefix + r.name(), at(map, r.source()));
            } else {
                Affine a = DenseLowering.affine(net.node(j));
                NetBuilder.Blocks blocks = b.blocks(a.size());
                for (int k = 0; k < a.from().length; k++) {
                    blocks.add(at(map, a.from()[k]), NetBuilder.blockRows(a, k));
                }
                map[j] = b.affine(prefix + a.name(), blocks, a.bias());
            }
        }
        return map[net.output()];
    }

    private static int at(int[] map, int source) {
        return source == Network.INPUT ? Network.INPUT : map[source];
    }
}
