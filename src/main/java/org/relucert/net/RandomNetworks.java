package org.relucert.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random networks for tests, searches and benchmarks. */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    /**
     * A fully connected network input-hidden[0]-...-hidden[k-1]-outputs with Gaussian weights scaled
     * by 1/sqrt(fan-in) and small Gaussian biases.
     */
    public static Network fullyConnected(long seed, int inputs, int[] hidden, int outputs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>();
        int prev = Network.INPUT;
        int prevSize = inputs;
        for (int k = 0; k < hidden.length; k++) {
            nodes.add(dense(rnd, "fc" + (k + 1), new int[] {prev}, new int[] {prevSize}, hidden[k]));
            nodes.add(new Relu("relu" + (k + 1), nodes.size() - 1, hidden[k]));
            prev = nodes.size() - 1;
            prevSize = hidden[k];
        }
        nodes.add(dense(rnd, "out", new int[] {prev}, new int[] {prevSize}, outputs));
        return new Network(inputs, nodes, nodes.size() - 1);
    }

    /**
     * A random DAG: {@code depth} hidden ReLU layers of random widths in [1, maxWidth]; each affine
     * node reads the previous layer and, with probability {@code skip}, also one earlier layer or the
     * input (a skip connection). The output affine node has {@code outputs} entries.
     */
    public static Network dag(long seed, int inputs, int depth, int maxWidth, double skip, int outputs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>();
        List<Integer> layers = new ArrayList<>();
        layers.add(Network.INPUT);
        for (int k = 0; k <= depth; k++) {
            int prev = layers.get(layers.size() - 1);
            List<Integer> from = new ArrayList<>();
            from.add(prev);
            if (layers.size() > 1 && rnd.nextDouble() < skip) {
                int other = layers.get(rnd.nextInt(layers.size() - 1));
                from.add(other);
            }
            int[] f = from.stream().mapToInt(Integer::intValue).toArray();
            int[] sizes = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                sizes[i] = f[i] == Network.INPUT ? inputs : nodes.get(f[i]).size();
            }
            boolean last = k == depth;
            int width = last ? outputs : 1 + rnd.nextInt(maxWidth);
            nodes.add(dense(rnd, last ? "out" : "fc" + (k + 1), f, sizes, width));
            if (!last) {
                nodes.add(new Relu("relu" + (k + 1), nodes.size() - 1, width));
                layers.add(nodes.size() - 1);
            }
        }
        return new Network(inputs, nodes, nodes.size() - 1);
    }

    /**
     * A small random convolutional network, sized for exact methods: one or two input channels of 4x4 to
     * 6x6 (or, for one seed in four, a 1-D signal of length 6 to 12), one to three blocks of at most four
     * channels (half of them residual), a dense head with one to three outputs. See {@link #convolutional}.
     */
    public static Network smallConvolutional(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        int channels = 1 + rnd.nextInt(2);
        boolean oneD = rnd.nextInt(4) == 0;
        int height = oneD ? 1 : 4 + rnd.nextInt(3);
        int width = oneD ? 6 + rnd.nextInt(7) : 4 + rnd.nextInt(3);
        return convolutional(seed, new int[] {channels, height, width}, 1 + rnd.nextInt(3), 4, 0.5,
                1 + rnd.nextInt(3));
    }

    /**
     * The first of {@code smallConvolutional(seed)}, {@code smallConvolutional(seed + 1_000_003)},
     * {@code smallConvolutional(seed + 2 * 1_000_003)}, ... with at most {@code maxRelus} ReLU neurons (e.g.
     * for exact methods, whose cost grows with the number of unstable neurons).
     */
    public static Network smallConvolutional(long seed, int maxRelus) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Network net = smallConvolutional(seed + attempt * 1_000_003L);
            if (net.reluCount() <= maxRelus) {
                return net;
            }
        }
        throw new IllegalArgumentException("no small convolutional network with at most " + maxRelus + " ReLUs");
    }

    /**
     * A random convolutional network on a {channels, height, width} input; height 1 gives 1-D
     * convolutions (kernel height 1, no vertical padding). It has {@code blocks} blocks, each, with
     * probability {@code residual}, a residual block {@code relu(conv(relu(conv(x))) + shortcut(x))} whose
     * first convolution may be strided and whose shortcut is a strided 1x1 convolution (or x itself when
     * the shapes agree), now and then with the inner ReLU as a third term of the sum, and otherwise one convolution with random kernel (1-3), stride (1-2), padding on
     * each side (0-2), dilation (1-2) and groups, usually followed by a ReLU. A few ReLUs are left out, so
     * convolutions and sums also read convolutions and sums directly. A dense head reads the last block
     * (and sometimes one earlier node as well). Weights are Gaussian scaled by 1/sqrt(fan-in).
     *
     * @param maxChannels the largest number of channels of a hidden convolution
     */
    public static Network convolutional(long seed, int[] inShape, int blocks, int maxChannels, double residual,
                                        int outputs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ConvBuilder b = new ConvBuilder(rnd, inShape, maxChannels);
        for (int k = 1; k <= blocks; k++) {
            if (rnd.nextDouble() < residual) {
                b.residualBlock("b" + k);
            } else {
                b.convLayer("conv" + k, rnd.nextInt(5) != 0);
            }
        }
        List<Node> nodes = b.nodes;
        int[] from = {b.current};
        if (!nodes.isEmpty() && rnd.nextInt(3) == 0) {
            from = new int[] {b.current, rnd.nextInt(nodes.size() + 1) - 1};
        }
        int[] sizes = new int[from.length];
        for (int i = 0; i < from.length; i++) {
            sizes[i] = from[i] == Network.INPUT ? b.inputSize : nodes.get(from[i]).size();
        }
        nodes.add(dense(rnd, "out", from, sizes, outputs));
        return new Network(b.inputSize, nodes, nodes.size() - 1);
    }

    /** Appends convolution layers and residual blocks, tracking the node and shape the next one reads. */
    private static final class ConvBuilder {
        final SplittableRandom rnd;
        final List<Node> nodes = new ArrayList<>();
        final int inputSize;
        final int maxChannels;
        final boolean oneD;
        int current = Network.INPUT;
        int[] shape;

        ConvBuilder(SplittableRandom rnd, int[] inShape, int maxChannels) {
            this.rnd = rnd;
            this.shape = inShape.clone();
            this.inputSize = inShape[0] * inShape[1] * inShape[2];
            this.maxChannels = maxChannels;
            this.oneD = inShape[1] == 1;
        }

        /** One convolution with random geometry, then (if asked) a ReLU. */
        void convLayer(String name, boolean relu) {
            int kh = oneD ? 1 : 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            int dh = 1 + rnd.nextInt(2);
            int dw = 1 + rnd.nextInt(2);
            int[] pad = {oneD ? 0 : rnd.nextInt(3), rnd.nextInt(3), oneD ? 0 : rnd.nextInt(3), rnd.nextInt(3)};
            int sh = 1 + rnd.nextInt(2);
            int sw = 1 + rnd.nextInt(2);
            int[] hk = fit(shape[1], kh, dh, pad, 0, sh);
            int[] wk = fit(shape[2], kw, dw, pad, 1, sw);
            int groups = groups(shape[0]);
            int outC = outChannels(groups);
            add(name, current, new Conv.Geometry(hk[0], wk[0], sh, sw, pad[0], pad[1], pad[2], pad[3], hk[1], wk[1],
                    groups), outC);
            if (relu) {
                relu(name + ".relu");
            }
        }

        /** relu(conv2(relu(conv1(x))) + shortcut(x)), or without the last ReLU now and then. */
        void residualBlock(String name) {
            int in = current;
            int[] inShape = shape.clone();
            int stride = 1 + rnd.nextInt(2);
            int groups = groups(shape[0]);
            int outC = outChannels(groups);
            add(name + ".conv1", current, same(stride, groups), outC);
            relu(name + ".relu1");
            int inner = current;
            add(name + ".conv2", current, same(1, groups(outC)), outC);
            int main = current;
            int shortcut;
            if (stride == 1 && inShape[0] == outC && rnd.nextBoolean()) {
                shortcut = in;
            } else {
                int[] saved = shape;
                shape = inShape;
                int g = groups(inShape[0]);
                g = outC % g == 0 ? g : 1;
                add(name + ".shortcut", in, new Conv.Geometry(1, 1, oneD ? 1 : stride, stride, 0, 0, 0, 0, 1, 1, g),
                        outC);
                shortcut = current;
                if (!Arrays.equals(shape, saved)) {
                    throw new IllegalStateException("shortcut shape " + Arrays.toString(shape) + " differs from "
                            + Arrays.toString(saved));
                }
            }
            int[] terms = rnd.nextInt(5) == 0 ? new int[] {main, shortcut, inner} : new int[] {main, shortcut};
            nodes.add(new Add(name + ".add", terms, shape));
            current = nodes.size() - 1;
            if (rnd.nextInt(5) != 0) {
                relu(name + ".relu");
            }
        }

        /** Stride s, random kernel and dilation, and "same" padding (span - 1 in all, split at random). */
        private Conv.Geometry same(int stride, int groups) {
            int kh = oneD ? 1 : 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            int dh = oneD ? 1 : 1 + rnd.nextInt(2);
            int dw = 1 + rnd.nextInt(2);
            int spanH = dh * (kh - 1);
            int spanW = dw * (kw - 1);
            int top = rnd.nextInt(spanH + 1);
            int left = rnd.nextInt(spanW + 1);
            return new Conv.Geometry(kh, kw, oneD ? 1 : stride, stride, top, left, spanH - top, spanW - left, dh, dw,
                    groups);
        }

        /**
         * Kernel and dilation along one axis ({kernel, dilation}) that fit the padded input, with the padding
         * (entries axis and axis + 2 of pad) cut so that the output grows by at most one.
         */
        private static int[] fit(int in, int kernel, int dilation, int[] pad, int axis, int stride) {
            while (dilation * (kernel - 1) + 1 > in + pad[axis] + pad[axis + 2]) {
                if (dilation > 1) {
                    dilation = 1;
                } else {
                    kernel--;
                }
            }
            while (Conv.Geometry.out(in, kernel, stride, pad[axis], pad[axis + 2], dilation) > in + 1) {
                if (pad[axis] >= pad[axis + 2]) {
                    pad[axis]--;
                } else {
                    pad[axis + 2]--;
                }
            }
            return new int[] {kernel, dilation};
        }

        /** 1, 2 (when it divides) or all the channels (depthwise), at random. */
        private int groups(int channels) {
            int r = rnd.nextInt(4);
            if (r == 0 && channels > 1) {
                return channels;
            }
            return r == 1 && channels % 2 == 0 ? 2 : 1;
        }

        private int outChannels(int groups) {
            return groups * (1 + rnd.nextInt(Math.max(1, maxChannels / groups)));
        }

        private void add(String name, int source, Conv.Geometry g, int outC) {
            int cg = shape[0] / g.groups();
            int fanIn = cg * g.kernelH() * g.kernelW();
            double[] w = new double[outC * fanIn];
            for (int i = 0; i < w.length; i++) {
                w[i] = gaussian(rnd) / Math.sqrt(fanIn);
            }
            double[] bias = new double[outC];
            for (int i = 0; i < outC; i++) {
                bias[i] = 0.1 * gaussian(rnd);
            }
            Conv conv = new Conv(name, source, shape, g, w, bias);
            nodes.add(conv);
            current = nodes.size() - 1;
            shape = conv.shape();
        }

        private void relu(String name) {
            nodes.add(new Relu(name, current, nodes.get(current).size()));
            current = nodes.size() - 1;
        }
    }

    /** A random box inside [-scale, scale]^d with random centre and widths. */
    public static Box box(long seed, int dim, double scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        for (int i = 0; i < dim; i++) {
            double a = (2 * rnd.nextDouble() - 1) * scale;
            double b = (2 * rnd.nextDouble() - 1) * scale;
            lo[i] = Math.min(a, b);
            hi[i] = Math.max(a, b);
        }
        return new Box(lo, hi);
    }

    private static Affine dense(SplittableRandom rnd, String name, int[] from, int[] sizes, int rows) {
        int cols = 0;
        for (int s : sizes) {
            cols += s;
        }
        double scale = 1.0 / Math.sqrt(cols);
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rnd) * scale;
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
