package org.relucert.verify;

import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * The linearised network of slope optimisation: the ReLU lines with given lower slopes, and pre-activations on
 * the network whose ReLUs are replaced by the lines a back-substitution chose (the slope gradient's factor).
 */
final class LinearisedNetwork {
    private LinearisedNetwork() {
    }

    /** The lines with the lower slopes {@code slope} where a node has them (null: the node's lines as they are). */
    static ReluLines[] withSlopes(ReluLines[] lines, double[][] slope) {
        ReluLines[] out = lines.clone();
        for (int j = 0; j < lines.length; j++) {
            if (slope[j] != null) {
                ReluLines l = lines[j];
                out[j] = new ReluLines(slope[j].clone(), l.lowerIntercept(), l.upperSlope(), l.upperIntercept());
            }
        }
        return out;
    }

    /**
     * Pre-activations of the ReLU nodes before node {@code upTo} on the network whose ReLUs are replaced by
     * the lines that each of q back-substituted rows chose, row r at its point xs[r] and bounded from below if
     * {@code lowerRow}, else from above; row r's line at a neuron follows the sign of its coefficient on the
     * neuron's output, {@code reluCoef[k][r * size + i]}. The slope gradient of a row's bound at its optimising
     * corner is coefficient times pre-activation. Result: per ReLU node k, row r's pre-activations at
     * {@code pre[k][r * size + i]}; null for other nodes.
     *
     * <p>The points travel as the columns of forms ({@link Node#forward}, width q + 1): the value of row r at
     * entry i is column r plus the constant column, which holds the biases added since the last ReLU; a ReLU
     * applies each row's own lines and puts the whole value back into the row's column. One pass over each
     * weight for all rows; only slopes follow from it, never a bound.
     */
    static double[][] preActivations(Network net, double[][] xs, ReluLines[] lines, double[][] reluCoef,
                                     boolean lowerRow, int upTo) {
        int q = xs.length;
        int width = q + 1;
        int dim = net.inputSize();
        double[] input = new double[width * dim];
        for (int r = 0; r < q; r++) {
            System.arraycopy(xs[r], 0, input, r * dim, dim);
        }
        double[][] values = new double[upTo][];
        double[][] pre = new double[upTo][];
        for (int j = 0; j < upTo; j++) {
            Node node = net.node(j);
            int[] from = node.from();
            double[][] in = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                in[k] = from[k] == Network.INPUT ? input : values[from[k]];
            }
            Relu relu = net.relu(j);
            if (relu == null) {
                values[j] = node.forward(in, in, width, null)[0];
                continue;
            }
            int size = relu.size();
            double[] src = in[0];
            double[] z = new double[q * size];
            double[] y = new double[width * size];
            ReluLines l = lines[j];
            double[] a = reluCoef[j];
            for (int r = 0; r < q; r++) {
                int base = r * size;
                for (int i = 0; i < size; i++) {
                    double zi = src[base + i] + src[q * size + i];
                    z[base + i] = zi;
                    double ai = a == null ? 0 : a[base + i];
                    boolean upper = lowerRow ? ai < 0 : ai > 0;
                    y[base + i] = upper ? l.upperSlope()[i] * zi + l.upperIntercept()[i]
                            : l.lowerSlope()[i] * zi + l.lowerIntercept()[i];
                }
            }
            pre[j] = z;
            values[j] = y;
        }
        return pre;
    }

    /** A copy of per-node arrays (slopes or multipliers; null entries stay null). */
    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            out[j] = a[j] == null ? null : a[j].clone();
        }
        return out;
    }
}
