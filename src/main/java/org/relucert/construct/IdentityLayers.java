package org.relucert.construct;

import org.relucert.InvalidInputException;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Identity-layer insertion (P2-v3 Lemma 4.1, THEORY.md §7.3): after a ReLU node v >= 0, insert k layers
 * v -> R(I v), which are the identity on non-negative values; every former consumer of v reads the last
 * inserted layer. The function is unchanged.
 */
public final class IdentityLayers {
    private IdentityLayers() {
    }

    /**
     * Inserts {@code count} identity layers after the ReLU node named {@code after} (the first ReLU node
     * when {@code after} is null).
     *
     * @throws InvalidInputException when the node does not exist or is not a ReLU node, or count < 1
     */
    public static Network apply(Network net, String after, int count) {
        if (count < 1) {
            throw new InvalidInputException("--count must be at least 1, got " + count);
        }
        int target = findRelu(net, after);
        NetBuilder b = new NetBuilder(net.inputSize());
        b.reserveNames(net);
        int n = net.nodes().size();
        int[] map = new int[n];
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            if (node instanceof Relu r) {
                int idx = b.reluNamed(r.name(), source(map, r.source()));
                if (j == target) {
                    for (int k = 1; k <= count; k++) {
                        int lin = b.affine(r.name() + "_id" + k,
                                b.blocks(r.size()).add(idx, NetBuilder.identity(r.size(), 1)), new double[r.size()]);
                        idx = b.relu(r.name() + "_idrelu" + k, lin);
                    }
                }
                map[j] = idx;
            } else {
                Affine a = (Affine) node;
                NetBuilder.Blocks blocks = b.blocks(a.size());
                int[] from = a.from();
                for (int k = 0; k < from.length; k++) {
                    blocks.add(source(map, from[k]), NetBuilder.blockRows(a, k));
                }
                map[j] = b.affineNamed(a.name(), blocks, a.bias());
            }
        }
        return b.build(map[net.output()]);
    }

    private static int source(int[] map, int old) {
        return old == Network.INPUT ? Network.INPUT : map[old];
    }

    private static int findRelu(Network net, String after) {
        for (int j = 0; j < net.nodes().size(); j++) {
            Node node = net.node(j);
            if (node instanceof Relu && (after == null || node.name().equals(after))) {
                return j;
            }
        }
        if (after == null) {
            throw new InvalidInputException("the network has no ReLU node to insert identity layers after");
        }
        throw new InvalidInputException("--after: the network has no ReLU node named '" + after + "'");
    }
}
