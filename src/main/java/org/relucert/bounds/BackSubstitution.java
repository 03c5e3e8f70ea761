package org.relucert.bounds;

import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.ReluLines;

/**
 * Symbolic back-substitution through the network DAG down to the input (THEORY.md §3.3).
 *
 * <p>Nodes are visited in reverse topological order; a node's coefficients are complete when it is
 * visited because all its consumers come later. Lower and upper forms are stacked into one matrix so
 * that each affine node costs a single matrix product. While the lower and upper forms are still equal
 * (before the first ReLU that relaxes a neuron the forms use) only one copy is kept, which halves those
 * products; the result is the same as with the stacked matrix.
 */
public final class BackSubstitution {
    private BackSubstitution() {
    }

    /**
     * Linear bounds, over the input, of the forms {@code query · v_target} where {@code query} is
     * q x size(target), row-major.
     *
     * @param lines ReLU linear bounds by node index (entries for ReLU nodes up to target must be set)
     */
    public static LinearBounds run(Network net, int target, double[] query, int q, ReluLines[] lines) {
        Walk walk = new Walk(net, q, lines);
        walk.coef[target] = query.clone();
        return walk.run(target);
    }

    /**
     * Linear bounds, over the input, of every entry of node {@code target}; the same as {@link #run} with
     * the identity query, but an affine target starts from its own weight instead of a product with I.
     */
    public static LinearBounds runIdentity(Network net, int target, ReluLines[] lines) {
        int size = net.sizeOf(target);
        Walk walk = new Walk(net, size, lines);
        if (net.node(target) instanceof Affine a) {
            int[] from = a.from();
            for (int k = 0; k < from.length; k++) {
                double[] dst = walk.buffer(from[k], false);
                double[] block = a.block(k);
                for (int i = 0; i < block.length; i++) {
                    dst[i] += block[i];
                }
            }
            double[] bias = a.bias();
            System.arraycopy(bias, 0, walk.constant, 0, size);
            System.arraycopy(bias, 0, walk.constant, size, size);
            return walk.run(target - 1);
        }
        walk.coef[target] = identity(size);
        return walk.run(target);
    }

    /**
     * Linear bounds, over the input, of the entries {@code first .. first+count-1} of node {@code target}:
     * rows {@code first .. first+count-1} of {@link #runIdentity} (an affine target starts from those rows
     * of its own weight). Each row is back-substituted independently of the others, so bounding a node
     * block by block gives the rows of the one-shot query.
     */
    public static LinearBounds runIdentityRows(Network net, int target, ReluLines[] lines, int first, int count) {
        int size = net.sizeOf(target);
        if (first < 0 || count < 0 || first + count > size) {
            throw new IllegalArgumentException("rows " + first + ".." + (first + count) + " outside node of size " + size);
        }
        if (first == 0 && count == size) {
            return runIdentity(net, target, lines);
        }
        Walk walk = new Walk(net, count, lines);
        if (net.node(target) instanceof Affine a) {
            int[] from = a.from();
            int[] sizes = a.fromSizes();
            for (int k = 0; k < from.length; k++) {
                double[] dst = walk.buffer(from[k], false);
                double[] block = a.block(k);
                int n = sizes[k];
                for (int i = 0; i < count * n; i++) {
                    dst[i] += block[first * n + i];
                }
            }
            double[] bias = a.bias();
            System.arraycopy(bias, first, walk.constant, 0, count);
            System.arraycopy(bias, first, walk.constant, count, count);
            return walk.run(target - 1);
        }
        double[] query = new double[count * size];
        for (int r = 0; r < count; r++) {
            query[r * size + first + r] = 1.0;
        }
        walk.coef[target] = query;
        return walk.run(target);
    }

    /** Identity query for all entries of a node of the given size. */
    public static double[] identity(int size) {
        double[] id = new double[size * size];
        for (int i = 0; i < size; i++) {
            id[i * size + i] = 1.0;
        }
        return id;
    }

    /**
     * The state of one back-substitution: coefficients per node (slot {@code n} is the input), each
     * either shared (q rows, lower = upper) or stacked (2q rows: q lower, then q upper).
     */
    private static final class Walk {
        private final Network net;
        private final int q;
        private final ReluLines[] lines;
        private final int inputSlot;
        private final double[][] coef;
        private final boolean[] stacked;
        private final double[] constant;

        Walk(Network net, int q, ReluLines[] lines) {
            this.net = net;
            this.q = q;
            this.lines = lines;
            this.inputSlot = net.nodes().size();
            this.coef = new double[inputSlot + 1][];
            this.stacked = new boolean[inputSlot + 1];
            this.constant = new double[2 * q];
        }

        private int slot(int node) {
            return node == Network.INPUT ? inputSlot : node;
        }

        /** The coefficient buffer of a node, created or converted to stacked form when asked. */
        double[] buffer(int node, boolean wantStacked) {
            int s = slot(node);
            int size = net.sizeOf(node);
            if (coef[s] == null) {
                coef[s] = new double[(wantStacked ? 2 : 1) * q * size];
                stacked[s] = wantStacked;
            } else if (wantStacked && !stacked[s]) {
                coef[s] = stack(coef[s]);
                stacked[s] = true;
            }
            return coef[s];
        }

        private static double[] stack(double[] shared) {
            double[] out = new double[2 * shared.length];
            System.arraycopy(shared, 0, out, 0, shared.length);
            System.arraycopy(shared, 0, out, shared.length, shared.length);
            return out;
        }

        LinearBounds run(int from) {
            for (int j = from; j >= 0; j--) {
                if (coef[j] != null) {
                    step(j);
                    coef[j] = null;
                }
            }
            int d = net.inputSize();
            double[] input = coef[inputSlot] == null ? new double[q * d] : coef[inputSlot];
            double[] lowerCoef = new double[q * d];
            double[] upperCoef = new double[q * d];
            System.arraycopy(input, 0, lowerCoef, 0, q * d);
            System.arraycopy(input, stacked[inputSlot] ? q * d : 0, upperCoef, 0, q * d);
            double[] lowerConst = new double[q];
            double[] upperConst = new double[q];
            System.arraycopy(constant, 0, lowerConst, 0, q);
            System.arraycopy(constant, q, upperConst, 0, q);
            return new LinearBounds(q, d, lowerCoef, lowerConst, upperCoef, upperConst);
        }

        private void step(int j) {
            Node node = net.node(j);
            int[] from = node.from();
            boolean stack = stacked[j] || !node.keepsFormsEqual(coef[j], q, lines[j]);
            for (int f : from) {
                int s = slot(f);
                stack |= coef[s] != null && stacked[s];
            }
            if (stack && !stacked[j]) {
                coef[j] = stack(coef[j]);
                stacked[j] = true;
            }
            double[][] fromCoef = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                fromCoef[k] = buffer(from[k], stack);
            }
            if (stack) {
                node.backward(coef[j], 2 * q, q, fromCoef, constant, lines[j]);
            } else {
                double[] c = new double[q];
                node.backward(coef[j], q, q, fromCoef, c, lines[j]);
                for (int r = 0; r < q; r++) {
                    constant[r] += c[r];
                    constant[q + r] += c[r];
                }
            }
        }
    }
}
