package org.relucert.relax;

import java.util.ArrayList;
import java.util.List;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/** The small networks of THEORY.md used by the LP tests, built by hand. */
public final class TheoryNetworks {

    private TheoryNetworks() {
    }

    private static Affine affine(String name, int[] from, int[] sizes, double[][] w, double[] b) {
        return Affine.of(name, from, sizes, w, b);
    }

    /** Encoding A of max on R^2: y + R(x - y) (THEORY §6). */
    public static Network maxOfTwo() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(affine("z", new int[] {Network.INPUT}, new int[] {2}, new double[][] {{1, -1}}, new double[] {0}));
        nodes.add(new Relu("r", 0, 1));
        nodes.add(affine("out", new int[] {Network.INPUT, 1}, new int[] {2, 1}, new double[][] {{0, 1, 1}}, new double[] {0}));
        return new Network(2, nodes, 2);
    }

    /**
     * Nested max on R^d (THEORY §5.5): m_2 = x_2 + R(x_1 - x_2), m_k = x_k + R(m_{k-1} - x_k), with the
     * inputs carried by skip connections.
     */
    public static Network nestedMax(int d) {
        List<Node> nodes = new ArrayList<>();
        int prev = Network.INPUT;
        for (int k = 2; k <= d; k++) {
            double[][] w;
            int[] from;
            int[] sizes;
            if (k == 2) {
                from = new int[] {Network.INPUT};
                sizes = new int[] {d};
                w = new double[1][d];
                w[0][0] = 1;
                w[0][1] = -1;
            } else {
                from = new int[] {prev, Network.INPUT};
                sizes = new int[] {1, d};
                w = new double[1][d + 1];
                w[0][0] = 1;
                w[0][k] = -1;
            }
            nodes.add(affine("z" + k, from, sizes, w, new double[] {0}));
            int z = nodes.size() - 1;
            nodes.add(new Relu("r" + k, z, 1));
            int r = nodes.size() - 1;
            double[][] m = new double[1][d + 1];
            m[0][k - 1] = 1;
            m[0][d] = 1;
            nodes.add(affine("m" + k, new int[] {Network.INPUT, r}, new int[] {d, 1}, m, new double[] {0}));
            prev = nodes.size() - 1;
        }
        return new Network(d, nodes, prev);
    }

    /** The phantom-point network of THEORY §7.8 on [-1, 1]^2: f = |u1 - 1| + |u2 - 1|. */
    public static Network phantom() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(affine("a1", new int[] {Network.INPUT}, new int[] {2}, new double[][] {{1, -1}, {-1, 1}}, new double[2]));
        nodes.add(new Relu("u", 0, 2));
        nodes.add(affine("a2", new int[] {1}, new int[] {2},
                new double[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}, new double[] {-1, 1, -1, 1}));
        nodes.add(new Relu("v", 2, 4));
        nodes.add(affine("out", new int[] {3}, new int[] {4}, new double[][] {{1, 1, 1, 1}}, new double[] {0}));
        return new Network(2, nodes, 4);
    }

    /**
     * A univariate one-hidden-layer network b + c x + sum gamma_i R(s_i x + t_i).
     *
     * @param neurons rows {gamma, s, t}
     */
    public static Network univariate(double b, double c, double[][] neurons) {
        int n = neurons.length;
        double[][] w = new double[n][1];
        double[] bias = new double[n];
        double[][] out = new double[1][n + 1];
        out[0][0] = c;
        for (int i = 0; i < n; i++) {
            w[i][0] = neurons[i][1];
            bias[i] = neurons[i][2];
            out[0][i + 1] = neurons[i][0];
        }
        List<Node> nodes = new ArrayList<>();
        nodes.add(affine("z", new int[] {Network.INPUT}, new int[] {1}, w, bias));
        nodes.add(new Relu("r", 0, n));
        nodes.add(affine("out", new int[] {Network.INPUT, 1}, new int[] {1, n}, out, new double[] {b}));
        return new Network(1, nodes, 2);
    }
}
