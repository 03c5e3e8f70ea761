package org.relucert.net;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random networks with {@link Select} nodes: input, affine, ReLU, a gather (with repeated entries)
 * from the input, the affine node and the ReLU, another ReLU and an affine output.
 */
public final class SelectCases {
    private SelectCases() {
    }

    public static Network of(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(4);
        int m = 2 + rnd.nextInt(6);
        List<Node> nodes = new ArrayList<>();
        nodes.add(affine(rnd, "a", new int[] {Network.INPUT}, new int[] {n}, m));
        nodes.add(new Relu("r", 0, m));
        int[] from = rnd.nextBoolean() ? new int[] {Network.INPUT, 0, 1} : new int[] {1};
        int[] sizes = new int[from.length];
        for (int k = 0; k < from.length; k++) {
            sizes[k] = from[k] == Network.INPUT ? n : m;
        }
        int s = 1 + rnd.nextInt(2 * m + 3);
        int[] source = new int[s];
        int[] position = new int[s];
        for (int i = 0; i < s; i++) {
            source[i] = rnd.nextInt(from.length);
            position[i] = rnd.nextInt(sizes[source[i]]);
        }
        nodes.add(new Select("s", from, sizes, source, position, new int[] {s}));
        nodes.add(new Relu("r2", 2, s));
        nodes.add(affine(rnd, "out", new int[] {3, 2}, new int[] {s, s}, 1 + rnd.nextInt(3)));
        return new Network(n, nodes, nodes.size() - 1);
    }

    private static Affine affine(SplittableRandom rnd, String name, int[] from, int[] sizes, int rows) {
        int cols = 0;
        for (int c : sizes) {
            cols += c;
        }
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(5) == 0 ? 0 : 2 * rnd.nextDouble() - 1;
        }
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            b[i] = rnd.nextDouble() - 0.5;
        }
        return new Affine(name, from, sizes, w, b);
    }

    public static Box box(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        double[] l = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = rnd.nextDouble(-1, 0.5);
            u[i] = l[i] + rnd.nextDouble(0, 1);
        }
        return new Box(l, u);
    }
}
