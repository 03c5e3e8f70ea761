package org.relucert.relax;

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
 * Seeded random small convolutional networks with residual sums, for the LP tests: conv -> relu ->
 * (conv, "same" shape) + skip -> relu -> [strided or dilated conv -> relu ->] dense output. Depending on
 * the seed the residual sum has two or three sources (one of them possibly read twice, by seed modulo 3),
 * the third convolution is there (seed modulo 4 below 2, if the image is wide enough) and strided or
 * dilated, and the convolutions have padding or groups.
 */
final class ConvNetworks {

    private ConvNetworks() {
    }

    /** A network over a {@code channels x height x width} input. */
    static Network of(long seed, int channels, int height, int width) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>();
        int c1 = 1 + rnd.nextInt(2);
        boolean oneD = height == 1;
        Conv first = conv(rnd, "conv1", Network.INPUT, new int[] {channels, height, width}, c1,
                oneD ? geometry(1, 2, 1, 0, 1, 1) : geometry(2, 2, 1, c1 == 1 ? rnd.nextInt(2) : 0, 1, 1));
        int relu1 = add(nodes, first, true);
        int[] shape1 = first.shape();
        int groups = c1 == 2 && rnd.nextBoolean() ? 2 : 1;
        Conv same = conv(rnd, "conv2", relu1, shape1, c1,
                oneD ? geometry(1, 3, 1, 1, 1, groups) : geometry(3, 3, 1, 1, 1, groups));
        int conv2 = add(nodes, same, false);
        int[] from = switch ((int) (seed % 3)) {
            case 0 -> new int[] {relu1, conv2};
            case 1 -> new int[] {conv2, relu1, relu1};
            default -> new int[] {relu1, conv2, nodes.size() - 1};
        };
        int relu2 = add(nodes, new Add("res", from, shape1), true);
        int last = relu2;
        int lastSize = nodes.get(relu2).size();
        if (shape1[2] >= 3 && seed % 4 < 2) {
            boolean dilated = rnd.nextBoolean();
            Conv third = conv(rnd, "conv3", relu2, shape1, 1,
                    dilated ? geometry(1, 2, 1, 0, 2, 1) : geometry(1, 2, 2, 0, 1, 1));
            last = add(nodes, third, true);
            lastSize = third.size();
        }
        int outputs = 1 + rnd.nextInt(2);
        nodes.add(dense(rnd, last, lastSize, outputs));
        return new Network(channels * height * width, nodes, nodes.size() - 1);
    }

    /** Adds the node and, with {@code relu}, a ReLU of it; returns the index of the last node added. */
    private static int add(List<Node> nodes, Node node, boolean relu) {
        nodes.add(node);
        if (relu) {
            nodes.add(new Relu("relu_" + node.name(), nodes.size() - 1, node.size()));
        }
        return nodes.size() - 1;
    }

    private static Conv.Geometry geometry(int kh, int kw, int stride, int pad, int dilation, int groups) {
        int padH = kh == 1 ? 0 : pad;
        return new Conv.Geometry(kh, kw, kh == 1 ? 1 : stride, stride, padH, pad, padH, pad, kh == 1 ? 1 : dilation,
                dilation, groups);
    }

    private static Conv conv(SplittableRandom rnd, String name, int source, int[] in, int out, Conv.Geometry g) {
        int fanIn = in[0] / g.groups() * g.kernelH() * g.kernelW();
        double[] w = new double[out * fanIn];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rnd) / Math.sqrt(fanIn);
        }
        double[] b = new double[out];
        for (int i = 0; i < out; i++) {
            b[i] = 0.2 * gaussian(rnd);
        }
        return new Conv(name, source, in, g, w, b);
    }

    private static Affine dense(SplittableRandom rnd, int source, int size, int rows) {
        double[] w = new double[rows * size];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rnd) / Math.sqrt(size);
        }
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            b[i] = 0.1 * gaussian(rnd);
        }
        return new Affine("out", new int[] {source}, new int[] {size}, w, b);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
