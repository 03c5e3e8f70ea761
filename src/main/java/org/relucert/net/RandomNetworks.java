package org.relucert.net;

import java.util.ArrayList;
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
            nodes.add(RandomWeights.dense(rnd, "fc" + (k + 1), new int[] {prev}, new int[] {prevSize}, hidden[k]));
            nodes.add(new Relu("relu" + (k + 1), nodes.size() - 1, hidden[k]));
            prev = nodes.size() - 1;
            prevSize = hidden[k];
        }
        nodes.add(RandomWeights.dense(rnd, "out", new int[] {prev}, new int[] {prevSize}, outputs));
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
            nodes.add(RandomWeights.dense(rnd, last ? "out" : "fc" + (k + 1), f, sizes, width));
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
        RandomConvBuilder b = new RandomConvBuilder(rnd, inShape, maxChannels);
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
        nodes.add(RandomWeights.dense(rnd, "out", from, sizes, outputs));
        return new Network(b.inputSize, nodes, nodes.size() - 1);
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
}
