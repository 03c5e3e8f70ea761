package org.relucert.bounds;

import java.util.List;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;

/** Interval bound propagation (Box domain): interval arithmetic, one node at a time (THEORY.md §3.2). */
public final class Ibp implements Relaxation {

    @Override
    public String name() {
        return "ibp";
    }

    @Override
    public Analysis analyse(Network net, Box box) {
        Bounds[] nodes = propagate(net, box);
        return new Analysis(name(), nodes[net.output()], nodes, List.of());
    }

    /** Interval bounds of every node. */
    public static Bounds[] propagate(Network net, Box box) {
        checkDimension(net, box);
        int n = net.nodes().size();
        Bounds[] out = new Bounds[n];
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            int[] from = node.from();
            double[][] lo = new double[from.length][];
            double[][] hi = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                if (from[k] == Network.INPUT) {
                    lo[k] = box.lower();
                    hi[k] = box.upper();
                } else {
                    lo[k] = out[from[k]].lower();
                    hi[k] = out[from[k]].upper();
                }
            }
            double[][] r = node.interval(lo, hi);
            out[j] = new Bounds(r[0], r[1]);
        }
        return out;
    }

    static void checkDimension(Network net, Box box) {
        if (box.dim() != net.inputSize()) {
            throw new IllegalArgumentException("box has " + box.dim() + " dimensions but the network has "
                    + net.inputSize() + " inputs");
        }
    }
}
