package org.relucert.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Small seeded residual convolutional networks built with the node constructors: conv, ReLU, conv (dilated
 * in the small one), a residual Add of that conv and the first ReLU, ReLU, a strided grouped conv, ReLU,
 * and a dense output layer (reading the input too in the small one).
 */
final class ConvAddNetworks {
    private ConvAddNetworks() {
    }

    /** Input 1x2x3 (6 inputs: forward symbolic pass and input splitting), 3 outputs. */
    static Network small(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>();
        int[] in = {1, 2, 3};
        // 2x2 kernel, padding 1: 2 x 3 x 4
        nodes.add(conv(rnd, "c1", Network.INPUT, in, 2, new Conv.Geometry(2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        int[] s1 = nodes.get(0).shape();
        nodes.add(new Relu("r1", 0, nodes.get(0).size()));
        // dilation 2, padding 2: same shape
        nodes.add(conv(rnd, "c2", 1, s1, 2, new Conv.Geometry(3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1)));
        nodes.add(new Add("add", new int[] {2, 1}, s1));
        nodes.add(new Relu("r2", 3, nodes.get(3).size()));
        // stride 2, two groups: 2 x 1 x 2
        nodes.add(conv(rnd, "c3", 4, s1, 2, new Conv.Geometry(2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 2)));
        nodes.add(new Relu("r3", 5, nodes.get(5).size()));
        int hidden = nodes.get(6).size();
        nodes.add(dense(rnd, "out", new int[] {6, Network.INPUT}, new int[] {hidden, 6}, 3));
        return new Network(6, nodes, nodes.size() - 1);
    }

    /** Input 2x5x5 (50 inputs: intervals and ReLU splitting), 3 outputs. */
    static Network wide(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>();
        int[] in = {2, 5, 5};
        nodes.add(conv(rnd, "c1", Network.INPUT, in, 3, new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        int[] s1 = nodes.get(0).shape();
        nodes.add(new Relu("r1", 0, nodes.get(0).size()));
        nodes.add(conv(rnd, "c2", 1, s1, 3, new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        nodes.add(new Add("add", new int[] {2, 1}, s1));
        nodes.add(new Relu("r2", 3, nodes.get(3).size()));
        // stride 2, depthwise: 3 x 3 x 3
        nodes.add(conv(rnd, "c3", 4, s1, 3, new Conv.Geometry(3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 3)));
        nodes.add(new Relu("r3", 5, nodes.get(5).size()));
        nodes.add(dense(rnd, "out", new int[] {6}, new int[] {nodes.get(6).size()}, 3));
        return new Network(50, nodes, nodes.size() - 1);
    }

    private static Conv conv(SplittableRandom rnd, String name, int source, int[] inShape, int outChannels,
                             Conv.Geometry g) {
        int perGroup = inShape[0] / g.groups();
        int fanIn = perGroup * g.kernelH() * g.kernelW();
        double[] w = new double[outChannels * fanIn];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rnd) * 1.3 / Math.sqrt(fanIn);
        }
        double[] b = new double[outChannels];
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.1 * gaussian(rnd);
        }
        return new Conv(name, source, inShape, g, w, b);
    }

    private static Affine dense(SplittableRandom rnd, String name, int[] from, int[] sizes, int rows) {
        int cols = 0;
        for (int s : sizes) {
            cols += s;
        }
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rnd) / Math.sqrt(cols);
        }
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            b[i] = 0.1 * gaussian(rnd);
        }
        return new Affine(name, from, sizes, w, b);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
