package org.relucert.verify;

import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Back-substitution of q linear forms over a node, all bounded from below, that keeps the coefficients
 * reached at every ReLU node's output (needed for slope gradients and branching scores).
 */
final class LowerBackSubstitution {
    private LowerBackSubstitution() {
    }

    /**
     * Linear lower bounds {@code inputCoef[r]·x + constant[r] <= query_r · v_target}; {@code reluCoef[j]}
     * holds, for ReLU node j, the q x size(j) coefficients on its output.
     */
    record Result(int rows, int dim, double[] inputCoef, double[] constant, double[][] reluCoef) {

        double lowerAt(int r, Box box) {
            double s = constant[r];
            for (int i = 0; i < dim; i++) {
                double c = inputCoef[r * dim + i];
                s += c >= 0 ? c * box.lower()[i] : c * box.upper()[i];
            }
            return s;
        }

        double[] minimiser(int r, Box box) {
            double[] x = new double[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = inputCoef[r * dim + i] >= 0 ? box.lower()[i] : box.upper()[i];
            }
            return x;
        }

        double[][] reluRow(int r) {
            double[][] out = new double[reluCoef.length][];
            for (int j = 0; j < reluCoef.length; j++) {
                if (reluCoef[j] != null) {
                    int size = reluCoef[j].length / rows;
                    out[j] = java.util.Arrays.copyOfRange(reluCoef[j], r * size, (r + 1) * size);
                }
            }
            return out;
        }
    }

    static Result run(Network net, int target, double[] query, int q, ReluLines[] lines) {
        int n = net.nodes().size();
        double[][] coef = new double[n][];
        double[][] reluCoef = new double[n][];
        coef[target] = query.clone();
        double[] constant = new double[q];
        int d = net.inputSize();
        double[] inputCoef = new double[q * d];
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
                        coef[f] = new double[q * net.sizeOf(f)];
                    }
                    fromCoef[k] = coef[f];
                }
            }
            node.backward(coef[j], q, q, fromCoef, constant, lines[j]);
            if (node instanceof Relu) {
                reluCoef[j] = coef[j];
            }
            coef[j] = null;
        }
        return new Result(q, d, inputCoef, constant, reluCoef);
    }
}
