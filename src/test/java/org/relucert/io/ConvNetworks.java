package org.relucert.io;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/** A small residual convolutional network with every node kind, for round-trip tests. */
public final class ConvNetworks {
    private ConvNetworks() {
    }

    /**
     * input 2x5x5 -> conv 3x3 pad 1 (3 channels) -> relu -> conv 1x1 -> add (with the relu) -> depthwise 1x1
     * conv with one channel per entry -> conv 2x2 stride 2 pads (0,1,1,0), 3 groups, dilation 1 -> relu ->
     * affine reading it and the input -> 2 outputs.
     *
     * @param singlePrecision round every weight to a float (so that ONNX files in FLOAT keep it exactly)
     */
    public static Network residual(long seed, boolean singlePrecision) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Conv("c1", Network.INPUT, new int[] {2, 5, 5}, new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                values(rnd, 3 * 2 * 9, singlePrecision), values(rnd, 3, singlePrecision)));
        nodes.add(new Relu("r1", 0, 75));
        nodes.add(new Conv("c2", 1, new int[] {3, 5, 5}, new Conv.Geometry(1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                values(rnd, 9, singlePrecision), values(rnd, 3, singlePrecision)));
        nodes.add(new Add("sum", new int[] {2, 1}, new int[] {3, 5, 5}));
        nodes.add(new Conv("scale", 3, new int[] {75, 1, 1}, new Conv.Geometry(1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 75),
                values(rnd, 75, singlePrecision), values(rnd, 75, singlePrecision)));
        nodes.add(new Conv("c3", 4, new int[] {3, 5, 5}, new Conv.Geometry(2, 2, 2, 2, 0, 1, 1, 0, 1, 1, 3),
                values(rnd, 6 * 4, singlePrecision), values(rnd, 6, singlePrecision)));
        nodes.add(new Relu("r3", 5, 6 * 3 * 3));
        nodes.add(new Affine("out", new int[] {6, Network.INPUT}, new int[] {54, 50},
                values(rnd, 2 * 104, singlePrecision), values(rnd, 2, singlePrecision)));
        return new Network(50, nodes, nodes.size() - 1);
    }

    private static double[] values(SplittableRandom rnd, int n, boolean singlePrecision) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1, 1);
            if (singlePrecision) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }
}
