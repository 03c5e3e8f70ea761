package org.relucert.construct;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Appends nodes to a network under construction. Affine nodes are given as weight blocks per source
 * (several blocks on the same source are added), so constructions can read the input and any earlier
 * node directly (skip connections, THEORY.md §2.1).
 */
final class NetBuilder {
    private final int inputSize;
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    NetBuilder(int inputSize) {
        this.inputSize = inputSize;
        names.add(Network.INPUT_NAME);
    }

    /** Reserves every name of an existing network so fresh names do not clash. */
    void reserveNames(Network net) {
        for (Node n : net.nodes()) {
            names.add(n.name());
        }
    }

    int size(int source) {
        return source == Network.INPUT ? inputSize : nodes.get(source).size();
    }

    int inputSize() {
        return inputSize;
    }

    /** A name not used yet, {@code base} if possible. */
    String fresh(String base) {
        String name = base;
        for (int k = 2; names.contains(name); k++) {
            name = base + "_" + k;
        }
        names.add(name);
        return name;
    }

    /** Appends a node as it is (its name must be fresh) and returns its index. */
    int add(Node node) {
        names.add(node.name());
        nodes.add(node);
        return nodes.size() - 1;
    }

    /** Weight blocks of an affine node under construction: rows x size(source) per source. */
    final class Blocks {
        private final int rows;
        private final Map<Integer, double[][]> blocks = new TreeMap<>();

        Blocks(int rows) {
            this.rows = rows;
        }

        /** Adds {@code w} (rows x size(source)) to the block of the source. */
        Blocks add(int source, double[][] w) {
            double[][] b = blocks.computeIfAbsent(source, s -> new double[rows][size(s)]);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < b[r].length; c++) {
                    b[r][c] += w[r][c];
                }
            }
            return this;
        }

        /** Adds {@code v} to entry (row, col) of the source's block. */
        Blocks add(int source, int row, int col, double v) {
            double[][] b = blocks.computeIfAbsent(source, s -> new double[rows][size(s)]);
            b[row][col] += v;
            return this;
        }

        /** Adds a linear form over sources to one row. */
        Blocks addRow(int row, LinearForm form, double scale) {
            for (Map.Entry<Integer, double[]> e : form.coefficients().entrySet()) {
                double[] c = e.getValue();
                for (int k = 0; k < c.length; k++) {
                    if (c[k] != 0) {
                        add(e.getKey(), row, k, scale * c[k]);
                    }
                }
            }
            return this;
        }
    }

    Blocks blocks(int rows) {
        return new Blocks(rows);
    }

    /** Appends an affine node with the given blocks and bias; with no block it reads the input with weight 0. */
    int affine(String base, Blocks b, double[] bias) {
        return affineNamed(fresh(base), b, bias);
    }

    /** As {@link #affine(String, Blocks, double[])} with exactly this name (kept from a network being rewritten). */
    int affineNamed(String name, Blocks b, double[] bias) {
        if (b.blocks.isEmpty()) {
            b.add(Network.INPUT, new double[b.rows][inputSize]);
        }
        int[] from = new int[b.blocks.size()];
        int[] sizes = new int[from.length];
        int k = 0;
        int cols = 0;
        for (int s : b.blocks.keySet()) {
            from[k] = s;
            sizes[k] = size(s);
            cols += sizes[k];
            k++;
        }
        double[][] w = new double[b.rows][cols];
        int offset = 0;
        for (double[][] block : b.blocks.values()) {
            for (int r = 0; r < b.rows; r++) {
                System.arraycopy(block[r], 0, w[r], offset, block[r].length);
            }
            offset += block[0].length;
        }
        return add(Affine.of(name, from, sizes, w, bias));
    }

    /** Appends a ReLU of the source node. */
    int relu(String base, int source) {
        return add(new Relu(fresh(base), source, size(source)));
    }

    /** Appends a ReLU of the source node with exactly this name. */
    int reluNamed(String name, int source) {
        return add(new Relu(name, source, size(source)));
    }

    /** The block of source k of an affine node as rows (size x fromSizes[k]). */
    static double[][] blockRows(org.relucert.net.Affine a, int k) {
        double[] block = a.block(k);
        int cols = a.fromSizes()[k];
        double[][] out = new double[a.size()][cols];
        for (int r = 0; r < out.length; r++) {
            System.arraycopy(block, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** The identity matrix scaled by s. */
    static double[][] identity(int n, double s) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = s;
        }
        return m;
    }

    /** An affine node of one row computing the form. */
    int affine(String base, LinearForm form) {
        return affine(base, blocks(1).addRow(0, form, 1.0), new double[] {form.constant()});
    }

    Network build(int output) {
        return new Network(inputSize, nodes, output);
    }

    /** A scalar linear form: sum over sources of coefficient rows times the source, plus a constant. */
    record LinearForm(Map<Integer, double[]> coefficients, double constant) {

        static LinearForm constant(double c) {
            return new LinearForm(new TreeMap<>(), c);
        }

        /** c * entry {@code index} of {@code source} (of the given size). */
        static LinearForm entry(int source, int size, int index, double c) {
            Map<Integer, double[]> m = new TreeMap<>();
            double[] row = new double[size];
            row[index] = c;
            m.put(source, row);
            return new LinearForm(m, 0);
        }

        /** this + scale * other. */
        LinearForm plus(LinearForm other, double scale) {
            Map<Integer, double[]> m = new TreeMap<>();
            for (Map.Entry<Integer, double[]> e : coefficients.entrySet()) {
                m.put(e.getKey(), e.getValue().clone());
            }
            for (Map.Entry<Integer, double[]> e : other.coefficients.entrySet()) {
                double[] row = m.computeIfAbsent(e.getKey(), s -> new double[e.getValue().length]);
                for (int k = 0; k < row.length; k++) {
                    row[k] += scale * e.getValue()[k];
                }
            }
            return new LinearForm(m, constant + scale * other.constant);
        }
    }
}
