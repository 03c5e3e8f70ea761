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
