package org.relucert.precision;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;

/**
 * Random convolutional / residual networks of one input, for the precision lab (whose exact ranges come from
 * breakpoints for one input, whatever the node kinds): x -> a random dense "lift" onto the input tensor of
 * {@link RandomNetworks#smallConvolutional(long, int)}, then that network's nodes, renumbered. The network
 * restricted to a random line through its input space.
 */
public final class UnivariateConvNetworks {
    private UnivariateConvNetworks() {
    }

    /** The lifted network of seed {@code seed}, with at most {@code maxRelus} ReLU neurons. */
    public static Network of(long seed, int maxRelus) {
        Network conv = RandomNetworks.smallConvolutional(seed, maxRelus);
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        int n = conv.inputSize();
        double[] w = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 2 * rnd.nextDouble() - 1;
            b[i] = rnd.nextDouble() - 0.5;
        }
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Affine("lift", new int[] {Network.INPUT}, new int[] {1}, w, b));
        for (Node node : conv.nodes()) {
            nodes.add(shifted(node));
        }
        return new Network(1, nodes, conv.output() + 1);
    }

    /** The node reading node j + 1 wherever it read node j (the input becomes the lift, node 0). */
    private static Node shifted(Node node) {
        int[] from = node.from();
        for (int k = 0; k < from.length; k++) {
            from[k]++;
        }
        if (node instanceof Conv c) {
            return new Conv(c.name(), from[0], c.inputShape(), c.geometry(), c.weight(), c.bias());
        }
        if (node instanceof Add a) {
            return new Add(a.name(), from, a.shape());
        }
        if (node instanceof Relu r) {
            return new Relu(r.name(), from[0], r.size());
        }
        Affine a = (Affine) node;
        return new Affine(a.name(), from, a.fromSizes(), a.weight(), a.bias());
    }
}
