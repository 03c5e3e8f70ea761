package org.relucert.construct;

import java.util.Arrays;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * The DP-0/DP-1 duality transform of THEORY.md §4.2 T3: every R(z) becomes z + R(-z). In the DAG, every
 * consumer of a ReLU node reads the ReLU's pre-activation node and a new ReLU (name "_flip") of its negation
 * (name "_neg"), with the same weights on both. The function is unchanged, and DP-0 bounds of the network
 * equal DP-1 bounds of its flip, and vice versa, on every box. Conv and Add nodes are read through their
 * dense lowering ({@link DenseLayers}), so the flip of a convolutional network is dense.
 */
public final class FlipTransform {
    private FlipTransform() {
    }

    /**
     * The flipped network.
     *
     * @throws org.relucert.InvalidInputException when the network's Conv and Add nodes are too large to lower
     */
    public static Network apply(Network net) {
        return new Run(net).run();
    }

    private static final class Run {
        private final Network net;
        private final DenseLayers dense;
        private final NetBuilder b;
        private final int[] map;
        private final int[] pre;
        private final int[] flip;
        private final int[] sum;

        Run(Network net) {
            this.net = net;
            this.dense = DenseLayers.of(net, "flip");
            this.b = new NetBuilder(net.inputSize());
            b.reserveNames(net);
            int n = net.nodes().size();
            map = new int[n];
            pre = new int[n];
            flip = new int[n];
            sum = new int[n];
            Arrays.fill(map, -2);
            Arrays.fill(sum, -2);
        }

        Network run() {
            for (int j = 0; j < net.nodes().size(); j++) {
                Relu r = net.relu(j);
                if (r != null) {
                    int s = valueOf(r.source());
                    int neg = b.affine(r.name() + "_neg", b.blocks(r.size()).add(s, NetBuilder.identity(r.size(), -1)),
                            new double[r.size()]);
                    pre[j] = s;
                    flip[j] = b.relu(r.name() + "_flip", neg);
                } else {
                    Affine a = dense.affine(j);
                    NetBuilder.Blocks blocks = b.blocks(a.size());
                    int[] from = a.from();
                    for (int k = 0; k < from.length; k++) {
                        double[][] w = NetBuilder.blockRows(a, k);
                        if (net.relu(from[k]) != null) {
                            blocks.add(pre[from[k]], w);
                            blocks.add(flip[from[k]], w);
                        } else {
                            blocks.add(from[k] == Network.INPUT ? Network.INPUT : map[from[k]], w);
                        }
                    }
                    map[j] = b.affineNamed(a.name(), blocks, a.bias());
                }
            }
            return b.build(valueOf(net.output()));
        }

        /** New index of a node carrying the value of old node j (z + R(-z) materialised for a ReLU). */
        private int valueOf(int j) {
            if (j == Network.INPUT) {
                return Network.INPUT;
            }
            Relu r = net.relu(j);
            if (r == null) {
                return map[j];
            }
            if (sum[j] == -2) {
                int n = r.size();
                sum[j] = b.affine(r.name() + "_sum",
                        b.blocks(n).add(pre[j], NetBuilder.identity(n, 1)).add(flip[j], NetBuilder.identity(n, 1)),
                        new double[n]);
            }
            return sum[j];
        }
    }
}
