package org.relucert.verify;

import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * The verify package's former second back-substitution, kept verbatim (renamed) as the reference that the
 * unified {@link org.relucert.bounds.BackSubstitution} must reproduce.
 *
 * <p>Original description:
 * Back-substitution of q linear forms over a node, all bounded from below, that keeps the coefficients
 * reached at every ReLU node's output (needed for slope gradients and branching scores).
 */
final class ReferenceLowerBackSubstitution {
    private ReferenceLowerBackSubstitution() {
    }

    /**
     * Linear lower bounds {@code inputCoef[r]·x + constant[r] <= query_r · v_target}; {@code reluCoef[j]}
     * holds, for ReLU node j, the q x size(j) coefficients on its output.
     */
    record Result(int rows, int dim, double[] inputCoef, double[] constant, double[][] reluCoef) {

        double lowerAt(int r, Box box) {
            return valueAt(r, box.lower(), box.upper());
        }

        double[] minimiser(int r, Box box) {
            return corner(r, box.lower(), box.upper());
        }

        /** Row r's value at its maximising corner, for rows bounded from above. */
        double upperAt(int r, Box box) {
            return valueAt(r, box.upper(), box.lower());
        }

        double[] maximiser(int r, Box box) {
            return corner(r, box.upper(), box.lower());
        }

        /** Row r at the corner that takes {@code whereNonNegative} where its coefficient is >= 0, else the other. */
        private double valueAt(int r, double[] whereNonNegative, double[] whereNegative) {
            double s = constant[r];
            for (int i = 0; i < dim; i++) {
                double c = inputCoef[r * dim + i];
                s += c >= 0 ? c * whereNonNegative[i] : c * whereNegative[i];
            }
            return s;
        }

        private double[] corner(int r, double[] whereNonNegative, double[] whereNegative) {
            double[] x = new double[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = inputCoef[r * dim + i] >= 0 ? whereNonNegative[i] : whereNegative[i];
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
        return run(net, target, query, q, q, lines);
    }

    /**
     * As {@link #run(Network, int, double[], int, ReluLines[])}, but only the first {@code lowerRows} of
     * the q rows are bounded from below, the others from above (their "constant" and input coefficients
     * then describe upper bounds).
     */
    static Result run(Network net, int target, double[] query, int q, int lowerRows, ReluLines[] lines) {
        return run(net, target, query, q, lowerRows, lines, null);
    }

    /**
     * As {@link #run(Network, int, double[], int, int, ReluLines[])}, where every row's form also gets
     * {@code preTerm[j][i]} times the pre-activation of neuron i of ReLU node j (null entries: none), the
     * Lagrangian term of a phase constraint (beta-CROWN).
     */
    static Result run(Network net, int target, double[] query, int q, int lowerRows, ReluLines[] lines,
                      double[][] preTerm) {
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
            if (node instanceof Affine a) {
                affineBackward(a, coef[j], q, fromCoef, constant);
            } else {
                node.backward(coef[j], q, lowerRows, fromCoef, constant, lines[j]);
            }
            if (node instanceof Relu) {
                reluCoef[j] = coef[j];
                if (preTerm != null && preTerm[j] != null) {
                    addToEveryRow(fromCoef[0], q, preTerm[j]);
                }
            }
            coef[j] = null;
        }
        return new Result(q, d, inputCoef, constant, reluCoef);
    }

    private static void addToEveryRow(double[] coef, int q, double[] term) {
        int size = term.length;
        for (int r = 0; r < q; r++) {
            for (int i = 0; i < size; i++) {
                coef[r * size + i] += term[i];
            }
        }
    }

    /** The affine step, skipping zero coefficients (frequent after inactive ReLUs): row r of source k += a_ri * W_k[i, :]. */
    private static void affineBackward(Affine a, double[] coef, int q, double[][] fromCoef, double[] constant) {
        int size = a.size();
        double[] bias = a.bias();
        int[] sizes = a.fromSizes();
        for (int k = 0; k < sizes.length; k++) {
            double[] w = a.block(k);
            double[] out = fromCoef[k];
            int n = sizes[k];
            for (int r = 0; r < q; r++) {
                int ro = r * n;
                int co = r * size;
                for (int i = 0; i < size; i++) {
                    double v = coef[co + i];
                    if (v == 0) {
                        continue;
                    }
                    int wo = i * n;
                    for (int c = 0; c < n; c++) {
                        out[ro + c] += v * w[wo + c];
                    }
                }
            }
        }
        for (int r = 0; r < q; r++) {
            double s = 0;
            int co = r * size;
            for (int i = 0; i < size; i++) {
                s += coef[co + i] * bias[i];
            }
            constant[r] += s;
        }
    }
}
