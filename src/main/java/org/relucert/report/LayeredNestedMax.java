package org.relucert.report;

import java.util.ArrayList;
import java.util.List;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Nested max on [0,1]^d as a plain layered network (THEORY.md §5.5): the inputs still needed are carried from layer
 * to layer by R(x_k) = x_k, and each running maximum m_k gets its own (stable) neuron, so the hull of
 * R(m_k - x_{k+1}) taken with its layer's inputs couples exactly (m_k, x_{k+1}, ...), as in the M_1 argument of §7.5.
 * Encodes max(x1..xd) on the non-negative orthant only.
 */
public final class LayeredNestedMax {
    private LayeredNestedMax() {
    }

    /** The network for d >= 2 inputs. */
    public static Network of(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("nested max needs d >= 2, got " + d);
        }
        List<Node> nodes = new ArrayList<>();
        double[][] first = new double[d][d];
        first[0][0] = 1;
        first[0][1] = -1;
        for (int i = 1; i < d; i++) {
            first[i][i] = 1;
        }
        nodes.add(Affine.of("gap1", new int[] {Network.INPUT}, new int[] {d}, first, new double[d]));
        nodes.add(new Relu("relu_gap1", 0, d));
        int size = d;
        int k = 1;
        while (size > 2) {
            // [R(m_k - x_{k+1}), x_{k+1}, ...] -> [m_{k+1}, x_{k+2}, ...]
            nodes.add(Affine.of("max" + (k + 1), new int[] {nodes.size() - 1}, new int[] {size}, merge(size), new double[size - 1]));
            nodes.add(new Relu("relu_max" + (k + 1), nodes.size() - 1, size - 1));
            size--;
            // [m_{k+1}, x_{k+2}, ...] -> [m_{k+1} - x_{k+2}, x_{k+2}, ...]
            nodes.add(Affine.of("gap" + (k + 1), new int[] {nodes.size() - 1}, new int[] {size}, difference(size), new double[size]));
            nodes.add(new Relu("relu_gap" + (k + 1), nodes.size() - 1, size));
            k++;
        }
        nodes.add(Affine.of("out", new int[] {nodes.size() - 1}, new int[] {2}, new double[][] {{1, 1}}, new double[1]));
        return new Network(d, nodes, nodes.size() - 1);
    }

    private static double[][] merge(int size) {
        double[][] w = new double[size - 1][size];
        w[0][0] = 1;
        w[0][1] = 1;
        for (int i = 1; i < size - 1; i++) {
            w[i][i + 1] = 1;
        }
        return w;
    }

    private static double[][] difference(int size) {
        double[][] w = new double[size][size];
        w[0][0] = 1;
        w[0][1] = -1;
        for (int i = 1; i < size; i++) {
            w[i][i] = 1;
        }
        return w;
    }
}
