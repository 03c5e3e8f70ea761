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
     * Pre-activations, at x, of the ReLU nodes before node {@code upTo} on the network whose ReLUs are
     * replaced by the lines that the back-substitution of row {@code row} (bounded from below if
     * {@code lowerRow}, else from above) chose given its coefficients {@code reluCoef} on the ReLU outputs:
     * the slope gradient of that row's bound at its optimising corner x is coefficient times pre-activation.
     */
    static double[][] linearisedPreActivations(Network net, double[] x, ReluLines[] lines, double[][] reluCoef,
                                               int row, boolean lowerRow, int upTo) {
        double[][] values = new double[upTo][];
        double[][] pre = new double[upTo][];
        for (int j = 0; j < upTo; j++) {
            Node node = net.node(j);
            int[] from = node.from();
            double[][] in = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                in[k] = from[k] == Network.INPUT ? x : values[from[k]];
            }
            Relu r = net.relu(j);
            if (r != null) {
                double[] z = in[0];
                pre[j] = z;
                ReluLines l = lines[j];
                double[] a = reluCoef[j];
                int base = row * r.size();
                double[] y = new double[r.size()];
                for (int i = 0; i < y.length; i++) {
                    double ai = a == null ? 0 : a[base + i];
                    boolean upper = lowerRow ? ai < 0 : ai > 0;
                    y[i] = upper ? l.upperSlope()[i] * z[i] + l.upperIntercept()[i]
                            : l.lowerSlope()[i] * z[i] + l.lowerIntercept()[i];
                }
                values[j] = y;
            } else {
                values[j] = node.evaluate(in);
            }
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
