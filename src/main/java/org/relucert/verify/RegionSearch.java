package org.relucert.verify;

import org.relucert.lp.LinearProgram;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.spec.Property;

/**
 * Counterexample search along linear regions: with the activation pattern of a point fixed, the network
 * is affine, so the smallest margin (max over rows of c_r·y - d_r) over that region of the box is a
 * linear program in the input. Its optimum lies on the region's boundary; the search re-solves from there
 * (with the pattern found at the new point, trying the neighbouring region once when a round makes no
 * progress) while the margin keeps falling. Every point it returns is
 * re-evaluated by the forward pass, so the LP's tolerances can only cost a counterexample, never fake one.
 * Suited to low-dimensional inputs, where these LPs are tiny.
 */
final class RegionSearch {
    /** Pre-activations this close to zero are ties: the point lies on a region boundary. */
    static final double TIE = 1e-9;

    private final Network net;
    private final Falsifier falsifier;

    RegionSearch(Network net, Falsifier falsifier) {
        this.net = net;
        this.falsifier = falsifier;
    }

    /** At most {@code rounds} region LPs from {@code start}; the best point seen (start if none is better). */
    Falsifier.Point improve(Property.Case cs, Falsifier.Point start, int rounds) {
        Falsifier.Point best = start;
        boolean tiesActive = false;
        boolean stalled = false;
        for (int k = 0; k < rounds && best.margin() > 0; k++) {
            double[] next = minimiseOnRegion(cs, best.x(), tiesActive);
            Falsifier.Point p = next == null ? null : falsifier.evaluate(cs, next);
            if (p != null && p.margin() < best.margin()) {
                best = p;
                stalled = false;
            } else if (stalled) {
                break;
            } else {
                // the point sits on a region boundary: try the neighbouring region once
                stalled = true;
                tiesActive = !tiesActive;
            }
        }
        return best;
    }

    /**
     * The LP minimiser of the margin on the linear region of x within the case's box; null on failure.
     * Neurons within {@value #TIE} of zero count as active when {@code tiesActive}, else as inactive.
     */
    private double[] minimiseOnRegion(Property.Case cs, double[] x, boolean tiesActive) {
        Box box = cs.input();
        int dim = net.inputSize();
        int w = dim + 1;
        double[][] values = net.evaluateAll(x);
        int n = net.nodes().size();
        double[][] forms = new double[n][];
        try (LinearProgram lp = LinearProgram.lp()) {
            int[] vars = new int[w];
            for (int i = 0; i < dim; i++) {
                vars[i] = lp.addVariable(box.lower()[i], box.upper()[i], false);
            }
            vars[dim] = lp.addVariable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
            for (int j = 0; j < n; j++) {
                Node node = net.node(j);
                if (node instanceof Affine a) {
                    forms[j] = affineForm(a, forms, dim);
                } else if (node instanceof Relu r) {
                    forms[j] = reluForm(r, forms, values, x, tiesActive, lp, vars);
                }
            }
            double[] out = forms[net.output()];
            int m = net.outputSize();
            for (int row = 0; row < cs.c().length; row++) {
                // c_r·(A x + b) - d_r - t <= 0
                double[] coef = new double[w];
                double constant = -cs.d()[row];
                for (int o = 0; o < m; o++) {
                    double cr = cs.c()[row][o];
                    if (cr == 0) {
                        continue;
                    }
                    for (int t = 0; t < dim; t++) {
                        coef[t] += cr * out[o * w + t];
                    }
                    constant += cr * out[o * w + dim];
                }
                coef[dim] = -1;
                lp.addConstraint(vars, coef, Double.NEGATIVE_INFINITY, -constant);
            }
            double[] objective = new double[w];
            objective[dim] = 1;
            LinearProgram.Solution s = lp.optimise(vars, objective, 0, false, 1.0);
            if (!s.optimal() || s.values() == null) {
                return null;
            }
            double[] next = new double[dim];
            for (int i = 0; i < dim; i++) {
                next[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], s.values()[vars[i]]));
            }
            return next;
        }
    }

    /** Rows {coefficients on x..., constant} of an affine node over the sources' forms. */
    private double[] affineForm(Affine a, double[][] forms, int dim) {
        int w = dim + 1;
        int rows = a.size();
        double[] f = new double[rows * w];
        int[] from = a.from();
        int[] sizes = a.fromSizes();
        for (int r = 0; r < rows; r++) {
            f[r * w + dim] = a.bias()[r];
        }
        for (int k = 0; k < from.length; k++) {
            double[] block = a.block(k);
            int cols = sizes[k];
            double[] src = from[k] == Network.INPUT ? null : forms[from[k]];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = block[r * cols + c];
                    if (v == 0) {
                        continue;
                    }
                    if (src == null) {
                        f[r * w + c] += v;
                    } else {
                        for (int t = 0; t < w; t++) {
                            f[r * w + t] += v * src[c * w + t];
                        }
                    }
                }
            }
        }
        return f;
    }

    /** Forms of a ReLU node under the pattern of x; adds the pattern's sign constraints to the LP. */
    private double[] reluForm(Relu r, double[][] forms, double[][] values, double[] x, boolean tiesActive,
                              LinearProgram lp, int[] vars) {
        int dim = net.inputSize();
        int w = dim + 1;
        int size = r.size();
        double[] f = new double[size * w];
        boolean fromInput = r.source() == Network.INPUT;
        double[] z = fromInput ? x : values[r.source()];
        for (int i = 0; i < size; i++) {
            double[] row = new double[w];
            if (fromInput) {
                row[i] = 1;
            } else {
                System.arraycopy(forms[r.source()], i * w, row, 0, w);
            }
            double[] a = java.util.Arrays.copyOf(row, w);
            a[dim] = 0;
            if (z[i] > TIE || tiesActive && z[i] >= -TIE) {
                lp.addConstraint(vars, a, -row[dim], Double.POSITIVE_INFINITY);
                System.arraycopy(row, 0, f, i * w, w);
            } else {
                lp.addConstraint(vars, a, Double.NEGATIVE_INFINITY, -row[dim]);
            }
        }
        return f;
    }
}
