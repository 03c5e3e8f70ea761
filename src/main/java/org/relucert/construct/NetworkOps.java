package org.relucert.construct;

import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;

/** Small whole-network operations used by the constructions. */
final class NetworkOps {
    private NetworkOps() {
    }

    /**
     * -h, for a network whose output node is not a ReLU: its weights and bias negated (a Conv or Add output
     * node becomes the negation of its dense lowering).
     */
    static Network negateOutput(Network net) {
        if (net.relu(net.output()) != null) {
            throw new IllegalArgumentException("negateOutput needs an output node with a weight, not the ReLU node '"
                    + net.nameOf(net.output()) + "'");
        }
        Affine a = DenseLayers.of(net, "negate").affine(net.output());
        double[] w = a.weight().clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = -w[i];
        }
        double[] bias = a.bias().clone();
        for (int i = 0; i < bias.length; i++) {
            bias[i] = -bias[i];
        }
        java.util.List<Node> nodes = new java.util.ArrayList<>(net.nodes());
        nodes.set(net.output(), new Affine(a.name(), a.from(), a.fromSizes(), w, bias));
        return net.withNodes(nodes, net.output());
    }
}
