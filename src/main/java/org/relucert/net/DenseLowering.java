package org.relucert.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The same network with every {@link Conv}, {@link Add} and {@link Select} node replaced by an {@link Affine} node that
 * computes the same function: same name, same sources, same index, a dense weight. Useful for the places
 * that only know dense layers (and as the reference the convolution rules are tested against), at the
 * price of a weight of size(node) x size(source) entries per node.
 *
 * <p>The weight of a convolution is built from the definition in {@link Conv}'s documentation, one entry
 * per output neuron and kernel tap, without using the convolution's own loops.
 */
public final class DenseLowering {
    private DenseLowering() {
    }

    /** The network with its Conv, Add and Select nodes made dense; other nodes are kept as they are. */
    public static Network lower(Network net) {
        List<Node> nodes = new ArrayList<>(net.nodes().size());
        for (Node node : net.nodes()) {
            Affine dense = node.accept(DENSE);
            nodes.add(dense == null ? node : dense);
        }
        return new Network(net.inputSize(), nodes, net.output());
    }

    /** Each kind's dense form: an Affine node itself, the lowering of a Conv or Add, null for a ReLU (no weight). */
    private static final Node.Visitor<Affine> DENSE = new Node.Visitor<>() {
        @Override public Affine affine(Affine node) { return node; }
        @Override public Affine relu(Relu node) { return null; }
        @Override public Affine conv(Conv node) { return lower(node); }
        @Override public Affine add(Add node) { return lower(node); }
        @Override public Affine select(Select node) { return lower(node); }
    };

    /** True for the kinds {@link #DENSE} lowers (and so builds a new weight for). */
    private static final Node.Visitor<Boolean> LOWERED = new Node.Visitor<>() {
        @Override public Boolean affine(Affine node) { return false; }
        @Override public Boolean relu(Relu node) { return false; }
        @Override public Boolean conv(Conv node) { return true; }
        @Override public Boolean add(Add node) { return true; }
        @Override public Boolean select(Select node) { return true; }
    };

    /**
     * A node that is not a ReLU as a dense {@link Affine} node computing the same function: the node itself
     * when it is affine, else its lowering. For code that rewrites dense weights (the transforms of
     * {@code construct}); check {@link #loweredEntries} first, a lowering can be large.
     *
     * @throws IllegalArgumentException for a ReLU node, which has no weight
     */
    public static Affine affine(Node node) {
        Affine dense = node.accept(DENSE);
        if (dense == null) {
            throw new IllegalArgumentException("node '" + node.name() + "' is a ReLU, which has no dense weight");
        }
        return dense;
    }

    /**
     * Number of weight entries {@link #affine} creates for node j: size x total source size for a Conv, Add or
     * Select node, 0 for the nodes it keeps as they are (Affine, Relu).
     */
    public static long loweredEntries(Network net, int j) {
        Node node = net.node(j);
        if (!node.accept(LOWERED)) {
            return 0;
        }
        long width = 0;
        for (int f : node.from()) {
            width += net.sizeOf(f);
        }
        return width * node.size();
    }

    /** y = W x + b with W[(o, i, j), (c, y, x)] = sum of the kernel taps that land on input (c, y, x). */
    public static Affine lower(Conv conv) {
        int[] in = conv.inputShape();
        int channels = in[0];
        int height = in[1];
        int width = in[2];
        Conv.Geometry g = conv.geometry();
        double[] kernel = conv.weight();
        double[] bias = conv.bias();
        int outC = bias.length;
        int outH = outSize(height, g.kernelH(), g.strideH(), g.padTop(), g.padBottom(), g.dilationH());
        int outW = outSize(width, g.kernelW(), g.strideW(), g.padLeft(), g.padRight(), g.dilationW());
        int perGroupIn = channels / g.groups();
        int perGroupOut = outC / g.groups();
        int cols = channels * height * width;
        int rows = outC * outH * outW;
        double[] w = new double[rows * cols];
        double[] b = new double[rows];
        for (int row = 0; row < rows; row++) {
            int o = row / (outH * outW);
            int i = row / outW % outH;
            int j = row % outW;
            b[row] = bias[o];
            int group = o / perGroupOut;
            for (int tap = 0; tap < perGroupIn * g.kernelH() * g.kernelW(); tap++) {
                int c = tap / (g.kernelH() * g.kernelW());
                int p = tap / g.kernelW() % g.kernelH();
                int q = tap % g.kernelW();
                int y = i * g.strideH() + p * g.dilationH() - g.padTop();
                int x = j * g.strideW() + q * g.dilationW() - g.padLeft();
                if (y < 0 || y >= height || x < 0 || x >= width) {
                    continue; // a tap on the zero padding
                }
                int col = ((group * perGroupIn + c) * height + y) * width + x;
                w[row * cols + col] += kernel[o * perGroupIn * g.kernelH() * g.kernelW() + tap];
            }
        }
        return new Affine(conv.name(), conv.from(), new int[] {cols}, w, b);
    }

    /** y = [I I ... I] concat(x_1, ..., x_k). */
    public static Affine lower(Add add) {
        int n = add.size();
        int k = add.from().length;
        int[] sizes = new int[k];
        double[] w = new double[n * n * k];
        for (int s = 0; s < k; s++) {
            sizes[s] = n;
            for (int r = 0; r < n; r++) {
                w[r * n * k + s * n + r] = 1;
            }
        }
        return new Affine(add.name(), add.from(), sizes, w, new double[n]);
    }

    /** y = W concat(x_1, ..., x_k) with one 1 per row, at the column of the entry the row copies. */
    public static Affine lower(Select select) {
        int[] sizes = select.fromSizes();
        int[] offset = new int[sizes.length];
        int cols = 0;
        for (int k = 0; k < sizes.length; k++) {
            offset[k] = cols;
            cols += sizes[k];
        }
        int n = select.size();
        int[] source = select.sources();
        int[] position = select.positions();
        double[] w = new double[n * cols];
        for (int r = 0; r < n; r++) {
            w[r * cols + offset[source[r]] + position[r]] = 1;
        }
        return new Affine(select.name(), select.from(), sizes, w, new double[n]);
    }

    /** floor((in + padding - dilated kernel) / stride) + 1. */
    private static int outSize(int in, int kernel, int stride, int padA, int padB, int dilation) {
        return Math.floorDiv(in + padA + padB - (dilation * (kernel - 1) + 1), stride) + 1;
    }
}
