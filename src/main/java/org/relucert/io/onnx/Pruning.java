package org.relucert.io.onnx;

import java.util.ArrayList;
import java.util.List;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/** Drops the nodes the output does not depend on and renumbers the rest. */
final class Pruning {
    private Pruning() {
    }

    static Network reachable(int inputSize, List<Node> nodes, int output) {
        boolean[] keep = new boolean[nodes.size()];
        keep[output] = true;
        for (int j = output; j >= 0; j--) {
            if (keep[j]) {
                for (int f : nodes.get(j).from()) {
                    if (f != Network.INPUT) {
                        keep[f] = true;
                    }
                }
            }
        }
        int[] newIndex = new int[nodes.size()];
        List<Node> kept = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            if (keep[j]) {
                newIndex[j] = kept.size();
                kept.add(renumber(nodes.get(j), newIndex));
            }
        }
        return new Network(inputSize, kept, newIndex[output]);
    }

    private static Node renumber(Node n, int[] newIndex) {
        int[] from = n.from();
        for (int k = 0; k < from.length; k++) {
            from[k] = from[k] == Network.INPUT ? Network.INPUT : newIndex[from[k]];
        }
        if (n instanceof Relu r) {
            return new Relu(r.name(), from[0], r.size());
        }
        Affine a = (Affine) n;
        return new Affine(a.name(), from, a.fromSizes(), a.weight(), a.bias());
    }
}
