package org.relucert.verify;

import org.relucert.lp.LinearProgram;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
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
        return improve(cs, start, rounds, Verifier.deadlineAfter(Double.POSITIVE_INFINITY));
    }

    /** Forward-pass equivalents one round costs on an input of this dimension: the point, its forms, the LP's point. */
    static int passesPerRound(int inputDim) {
        return inputDim + 3;
    }

    /** As {@link #improve(Property.Case, Falsifier.Point, int)}, starting no round once System.nanoTime() passes stopAt. */
    Falsifier.Point improve(Property.Case cs, Falsifier.Point start, int rounds, long stopAt) {
        Falsifier.Point best = start;
        boolean tiesActive = false;
        boolean stalled = false;
        for (int k = 0; k < rounds && best.margin() > 0 && System.nanoTime() - stopAt < 0; k++) {
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
     *
     * <p>On the region every node is affine in the input: each node's forms come from its own forward rule
     * ({@link Node#forward}), ReLUs with the exact lines of the region's pattern, whose sign conditions
     * become the LP's constraints.
     */
    private double[] minimiseOnRegion(Property.Case cs, double[] x, boolean tiesActive) {
        Box box = cs.input();
        int dim = net.inputSize();
        int w = dim + 1;
        double[][] values = net.evaluateAll(x);
        falsifier.spend(1 + w);
        int n = net.nodes().size();
        double[][] forms = new double[n][];
        double[] input = new double[w * dim];
        for (int i = 0; i < dim; i++) {
            input[i * dim + i] = 1.0;
        }
        try (LinearProgram lp = LinearProgram.lp()) {
            int[] vars = new int[w];
            for (int i = 0; i < dim; i++) {
                vars[i] = lp.addVariable(box.lower()[i], box.upper()[i], false);
            }
            vars[dim] = lp.addVariable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
            for (int j = 0; j < n; j++) {
                Node node = net.node(j);
                int[] from = node.from();
                double[][] src = new double[from.length][];
                for (int k = 0; k < from.length; k++) {
                    src[k] = from[k] == Network.INPUT ? input : forms[from[k]];
                }
                Relu relu = net.relu(j);
                ReluLines pattern = null;
                if (relu != null) {
                    double[] z = relu.source() == Network.INPUT ? x : values[relu.source()];
                    pattern = regionLines(z, src[0], tiesActive, lp, vars);
                }
                forms[j] = node.forward(src, src, w, pattern)[0];
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
                        coef[t] += cr * out[t * m + o];
                    }
                    constant += cr * out[dim * m + o];
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

    /**
     * The exact lines of a ReLU node on the region (slope 1 where active at x, 0 where inactive), given its
     * pre-activations z at x and their forms (coefficient-major over the input, constants last); adds each
     * neuron's sign condition to the LP.
     */
    private ReluLines regionLines(double[] z, double[] form, boolean tiesActive, LinearProgram lp, int[] vars) {
        int dim = net.inputSize();
        int size = z.length;
        double[] slope = new double[size];
        for (int i = 0; i < size; i++) {
            double[] a = new double[dim + 1];
            for (int t = 0; t < dim; t++) {
                a[t] = form[t * size + i];
            }
            double b = form[dim * size + i];
            if (z[i] > TIE || tiesActive && z[i] >= -TIE) {
                slope[i] = 1;
                lp.addConstraint(vars, a, -b, Double.POSITIVE_INFINITY);
            } else {
                lp.addConstraint(vars, a, Double.NEGATIVE_INFINITY, -b);
            }
        }
        double[] zero = new double[size];
        return new ReluLines(slope, zero, slope, zero);
    }
}
