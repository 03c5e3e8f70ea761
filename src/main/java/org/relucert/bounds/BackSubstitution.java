package org.relucert.bounds;

import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.ReluLines;

/**
 * Symbolic back-substitution through the network DAG down to the input (THEORY.md §3.3).
 *
 * <p>Nodes are visited in reverse topological order; a node's coefficients are complete when it is
 * visited because all its consumers come later. Lower and upper forms are stacked into one matrix so
 * that each affine node costs a single matrix product.
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
        int n = net.nodes().size();
        int rows = 2 * q;
        double[][] coef = new double[n][];
        int size = net.sizeOf(target);
        double[] start = new double[rows * size];
        System.arraycopy(query, 0, start, 0, q * size);
        System.arraycopy(query, 0, start, q * size, q * size);
        coef[target] = start;
        double[] constant = new double[rows];
        int d = net.inputSize();
        double[] inputCoef = new double[rows * d];
        for (int j = target; j >= 0; j--) {
            if (coef[j] == null) {
                continue;
            }
            Node node = net.node(j);
            int[] from = node.from();
            double[][] fromCoef = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                int f = from[k];
                if (f == Network.INPUT) {
                    fromCoef[k] = inputCoef;
                } else {
                    if (coef[f] == null) {
                        coef[f] = new double[rows * net.sizeOf(f)];
                    }
                    fromCoef[k] = coef[f];
                }
            }
            node.backward(coef[j], rows, q, fromCoef, constant, lines[j]);
            coef[j] = null;
        }
        double[] lowerCoef = new double[q * d];
        double[] upperCoef = new double[q * d];
        System.arraycopy(inputCoef, 0, lowerCoef, 0, q * d);
        System.arraycopy(inputCoef, q * d, upperCoef, 0, q * d);
        double[] lowerConst = new double[q];
        double[] upperConst = new double[q];
        System.arraycopy(constant, 0, lowerConst, 0, q);
        System.arraycopy(constant, q, upperConst, 0, q);
        return new LinearBounds(q, d, lowerCoef, lowerConst, upperCoef, upperConst);
    }

    /** Identity query for all entries of a node of the given size. */
    public static double[] identity(int size) {
        double[] id = new double[size * size];
        for (int i = 0; i < size; i++) {
            id[i * size + i] = 1.0;
        }
        return id;
    }
}
