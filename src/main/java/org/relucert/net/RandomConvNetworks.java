package org.relucert.net;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random convolutional networks with the architectures of the CIFAR benchmarks (oval21
 * cifar_base_kw, cifar10_resnet resnet_2b / resnet_4b, sri_resnet_a), read from their ONNX files, with
 * He-initialised weights (Gaussian, variance 2 / fan-in) and small Gaussian biases. Inputs are 3x32x32,
 * flattened channel-major.
 */
public final class RandomConvNetworks {
    private RandomConvNetworks() {
    }

    /** oval21 cifar_base_kw: Conv 8 4x4/2 pad 1, ReLU, Conv 16 4x4/2 pad 1, ReLU, Gemm 100, ReLU, Gemm 10. */
    public static Network cifarBase(long seed) {
        Builder b = new Builder(seed, 3, 32, 32);
        int x = b.relu("relu1", b.conv("conv1", Network.INPUT, 8, 4, 2, 1));
        x = b.relu("relu2", b.conv("conv2", x, 16, 4, 2, 1));
        x = b.relu("relu3", b.dense("fc1", x, 100));
        return b.build(b.dense("fc2", x, 10));
    }

    /** cifar10_resnet resnet_2b: Conv 8 3x3/2, blocks (16, /2) and (16, /1), Gemm 100, Gemm 10. */
    public static Network resnet2b(long seed) {
        Builder b = new Builder(seed, 3, 32, 32);
        int x = b.relu("relu0", b.conv("conv1", Network.INPUT, 8, 3, 2, 1));
        x = b.block("layer1.0", x, 16, 2);
        x = b.block("layer1.1", x, 16, 1);
        x = b.relu("relu_fc", b.dense("linear1", x, 100));
        return b.build(b.dense("linear2", x, 10));
    }

    /** cifar10_resnet resnet_4b: Conv 16 3x3/2, blocks (32, /2), (32, /1), (32, /2), (32, /1), Gemm 100, Gemm 10. */
    public static Network resnet4b(long seed) {
        Builder b = new Builder(seed, 3, 32, 32);
        int x = b.relu("relu0", b.conv("conv1", Network.INPUT, 16, 3, 2, 1));
        x = b.block("layer1.0", x, 32, 2);
        x = b.block("layer1.1", x, 32, 1);
        x = b.block("layer2.0", x, 32, 2);
        x = b.block("layer2.1", x, 32, 1);
        x = b.relu("relu_fc", b.dense("linear1", x, 100));
        return b.build(b.dense("linear2", x, 10));
    }

    /** sri_resnet_a: Conv 16 3x3/2, blocks (32, /2), (64, /2), (128, /2) with 1x1 shortcuts, Gemm 100, Gemm 10. */
    public static Network sriResnetA(long seed) {
        Builder b = new Builder(seed, 3, 32, 32);
        int x = b.relu("relu0", b.conv("conv1", Network.INPUT, 16, 3, 2, 1));
        x = b.block("block1", x, 32, 2);
        x = b.block("block2", x, 64, 2);
        x = b.block("block3", x, 128, 2);
        x = b.relu("relu_fc", b.dense("fc1", x, 100));
        return b.build(b.dense("fc2", x, 10));
    }

    /**
     * A small random convolutional network for tests: a random input shape (1-3 channels, 3-8 x 3-8), one to
     * three stages, each a convolution of random geometry (kernel, stride, asymmetric padding, dilation,
     * sometimes grouped) with a ReLU or a residual block (stride 1 or 2), then a dense ReLU layer and a dense
     * output of 3 entries.
     */
    public static Network small(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Builder b = new Builder(seed, 1 + rnd.nextInt(3), 3 + rnd.nextInt(6), 3 + rnd.nextInt(6));
        int x = Network.INPUT;
        int stages = 1 + rnd.nextInt(3);
        for (int k = 0; k < stages; k++) {
            int[] in = b.shape(x);
            if (rnd.nextInt(3) == 0 && k > 0) {
                x = b.block("block" + k, x, 1 + rnd.nextInt(4), 1 + rnd.nextInt(2));
            } else {
                int outC = 1 + rnd.nextInt(4);
                Conv.Geometry g = randomGeometry(rnd, in, outC);
                if (g.groups() > 1) {
                    outC = g.groups() * (1 + rnd.nextInt(2));
                }
                x = b.relu("relu" + k, b.conv("conv" + k, x, outC, g));
            }
        }
        x = b.relu("relu_fc", b.dense("fc", x, 2 + rnd.nextInt(6)));
        return b.build(b.dense("out", x, 3));
    }

    /**
     * A random geometry that fits the input shape {c, h, w}: kernel 1-4, stride 1-3, padding 0-2 per side,
     * dilation 1-2, and groups = c (depthwise-like) in about a third of the cases when c > 1; the caller
     * then needs a multiple of c output channels.
     */
    public static Conv.Geometry randomGeometry(SplittableRandom rnd, int[] in, int outC) {
        int groups = in[0] > 1 && rnd.nextInt(3) == 0 ? in[0] : 1;
        int kh = 1 + rnd.nextInt(4);
        int kw = 1 + rnd.nextInt(4);
        int dh = 1 + rnd.nextInt(2);
        int dw = 1 + rnd.nextInt(2);
        int[] pad = {rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3)};
        while (kh > 1 && dh * (kh - 1) + 1 > in[1] + pad[0] + pad[2]) {
            kh--;
        }
        while (kw > 1 && dw * (kw - 1) + 1 > in[2] + pad[1] + pad[3]) {
            kw--;
        }
        return new Conv.Geometry(kh, kw, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), pad[0], pad[1], pad[2], pad[3],
                dh, dw, groups);
    }

    /**
     * Builds a network node by node, tracking each node's {c, h, w} shape; every method returns the
     * index of the node it added.
     */
    public static final class Builder {
        private final SplittableRandom rnd;
        private final int inputSize;
        private final int[] inputShape;
        private final List<Node> nodes = new ArrayList<>();
        private final List<int[]> shapes = new ArrayList<>();

        public Builder(long seed, int channels, int height, int width) {
            this.rnd = new SplittableRandom(seed);
            this.inputShape = new int[] {channels, height, width};
            this.inputSize = channels * height * width;
        }

        /** {c, h, w} of node j (or of the input). */
        public int[] shape(int j) {
            return (j == Network.INPUT ? inputShape : shapes.get(j)).clone();
        }

        private int size(int j) {
            int[] s = shape(j);
            return s[0] * s[1] * s[2];
        }

        private int add(Node node, int[] shape) {
            nodes.add(node);
            shapes.add(shape);
            return nodes.size() - 1;
        }

        /** A square k x k convolution with the given stride and equal padding on all sides, He-initialised. */
        public int conv(String name, int src, int outC, int k, int stride, int pad) {
            return conv(name, src, outC, new Conv.Geometry(k, k, stride, stride, pad, pad, pad, pad, 1, 1, 1));
        }

        /** A convolution of any geometry, He-initialised. */
        public int conv(String name, int src, int outC, Conv.Geometry g) {
            int[] in = shape(src);
            int fanIn = in[0] / g.groups() * g.kernelH() * g.kernelW();
            double[] w = gaussians(outC * fanIn, Math.sqrt(2.0 / fanIn));
            double[] b = gaussians(outC, 0.05);
            Conv c = new Conv(name, src, in, g, w, b);
            return add(c, c.shape());
        }

        /** y = relu(src). */
        public int relu(String name, int src) {
            return add(new Relu(name, src, size(src)), shape(src));
        }

        /** y = a + b (same shapes). */
        public int sum(String name, int a, int b) {
            int[] s = shape(a);
            return add(new Add(name, new int[] {a, b}, s), s);
        }

        /** A dense layer over the flattened source, He-initialised. */
        public int dense(String name, int src, int outputs) {
            int n = size(src);
            double[] w = gaussians(outputs * n, Math.sqrt(2.0 / n));
            double[] b = gaussians(outputs, 0.05);
            return add(new Affine(name, new int[] {src}, new int[] {n}, w, b), new int[] {outputs, 1, 1});
        }

        /**
         * A residual basic block: relu(conv3x3(relu(conv3x3/stride(x))) + shortcut(x)), where the shortcut is
         * x itself when the shape is kept and a 1x1 convolution with the stride otherwise.
         */
        public int block(String name, int x, int channels, int stride) {
            int[] in = shape(x);
            int h = relu(name + ".relu1", conv(name + ".conv1", x, channels, 3, stride, 1));
            int y = conv(name + ".conv2", h, channels, 3, 1, 1);
            int shortcut = stride == 1 && in[0] == channels ? x : conv(name + ".shortcut", x, channels, 1, stride, 0);
            return relu(name + ".relu2", sum(name + ".add", y, shortcut));
        }

        /** The network so far with the given output node. */
        public Network build(int output) {
            return new Network(inputSize, nodes, output);
        }

        private double[] gaussians(int n, double scale) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double u = 1.0 - rnd.nextDouble();
                double v = rnd.nextDouble();
                out[i] = scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
            }
            return out;
        }
    }
}
