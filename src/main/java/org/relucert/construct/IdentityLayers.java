package org.relucert.construct;

import org.relucert.InvalidInputException;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * Identity-layer insertion (P2-v3 Lemma 4.1, THEORY.md §7.3): after a ReLU node v >= 0, insert k layers
 * v -> R(I v), which are the identity on non-negative values; every former consumer of v reads the last
 * inserted layer. The function is unchanged.
 *
 * <p>R(I v) = v needs only v >= 0, so the ReLU may follow a node of any kind. The consumers of v, however, must
 * be rebuilt to read the new layer, and the nodes after it renumbered; that is a rewrite of dense layers, so
 * Conv and Add nodes are read through their dense lowering ({@link DenseLayers}) and the result is dense.
 */
public final class IdentityLayers {
    private IdentityLayers() {
    }

    /**
     * Inserts {@code count} identity layers after the ReLU node named {@code after} (the first ReLU node
     * when {@code after} is null).
     *
     * @throws InvalidInputException when the node does not exist or is not a ReLU node, count &lt; 1, or the
     *                               network's Conv and Add nodes are too large to lower
     */
    public static Network apply(Network net, String after, int count) {
        if (count < 1) {
            throw new InvalidInputException("--count must be at least 1, got " + count);
        }
        int target = findRelu(net, after);
        DenseLayers dense = DenseLayers.of(net, "identity-layer");
        NetBuilder b = new NetBuilder(net.inputSize());
        b.reserveNames(net);
        int n = net.nodes().size();
        int[] map = new int[n];
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r != null) {
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
                Affine a = dense.affine(j);
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
            if (net.relu(j) != null && (after == null || net.nameOf(j).equals(after))) {
                return j;
            }
        }
        if (after == null) {
            throw new InvalidInputException("the network has no ReLU node to insert identity layers after");
        }
        throw new InvalidInputException("--after: the network has no ReLU node named '" + after + "'");
    }
}
