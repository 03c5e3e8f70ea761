package org.relucert.verify;

import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.LinearBounds;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Exact decision of a ReLU-splitting leaf in which every neuron is stable: the network is affine on the
 * leaf, so "some input of the box, in the fixed phases, satisfies C·y <= d" is a linear feasibility
 * problem. Every constraint is relaxed by {@link #SLACK} before solving, so "infeasible" is robust to the
 * solver's tolerances; a feasible point is only a candidate, to be checked by the forward pass.
 *
 * <p>The affine forms come from back-substitution with the leaf's lines, so every node kind is encoded by
 * its own backward step. If some step is not exact on the leaf (a node that relaxes even with every ReLU
 * stable), the lower and upper forms differ and the leaf is left undecided instead of being encoded wrongly.
 */
final class LeafLp {
    /** Relaxation of every constraint before solving. */
    static final double SLACK = 1e-6;

    private LeafLp() {
    }

    /** Outcome: {@code infeasible} proves the leaf safe; otherwise {@code candidate} may be null. */
    record Result(boolean infeasible, double[] candidate) {
    }

    /** Neither proved safe nor a candidate: the leaf is not affine under its lines. */
    private static final Result UNDECIDED = new Result(false, null);

    /**
     * Decides the leaf. {@code nodeBounds} are sound bounds of every node on the leaf (the lines' bounds): their
     * magnitudes bound the back-substitution's rounding error, which the forms' constants include.
     */
    static Result solve(Network net, Box box, ReluSplits splits, ReluLines[] lines, Bounds[] nodeBounds, double[][] c,
                        double[] d, double timeLimitSeconds) {
        int dim = net.inputSize();
        BackSubstitution.Options options = BackSubstitution.Options.BOTH
                .withMagnitudes(BackSubstitution.magnitudes(nodeBounds, box));
        try (LinearProgram lp = LinearProgram.lp()) {
            int[] vars = new int[dim];
            for (int i = 0; i < dim; i++) {
                vars[i] = lp.addVariable(box.lower()[i], box.upper()[i], false);
            }
            for (int j = 0; j < net.nodes().size(); j++) {
                Relu r = net.relu(j);
                if (r == null || splits.none(j)) {
                    continue;
                }
                for (int i = 0; i < r.size(); i++) {
                    int phase = splits.phase(j, i);
                    if (phase == 0) {
                        continue;
                    }
                    double[] e = new double[r.size()];
                    e[i] = 1;
                    double[] form = affineForm(net, r.source(), e, lines, options);
                    if (form == null) {
                        return UNDECIDED;
                    }
                    double[] a = java.util.Arrays.copyOf(form, dim);
                    if (phase > 0) {
                        lp.addConstraint(vars, a, -form[dim + 1] - SLACK, Double.POSITIVE_INFINITY);
                    } else {
                        lp.addConstraint(vars, a, Double.NEGATIVE_INFINITY, -form[dim] + SLACK);
                    }
                }
            }
            for (int row = 0; row < c.length; row++) {
                double[] form = affineForm(net, net.output(), c[row], lines, options);
                if (form == null) {
                    return UNDECIDED;
                }
                lp.addConstraint(vars, java.util.Arrays.copyOf(form, dim), Double.NEGATIVE_INFINITY,
                        d[row] - form[dim] + SLACK);
            }
            LinearProgram.Solution s = lp.optimise(vars, new double[dim], 0, false, timeLimitSeconds);
            if (s.status() == LinearProgram.Status.INFEASIBLE) {
                return new Result(true, null);
            }
            if (s.values() == null) {
                return new Result(false, null);
            }
            double[] x = new double[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], s.values()[vars[i]]));
            }
            return new Result(false, x);
        }
    }

    /**
     * {coefficients on the input..., lower constant, upper constant} of query·v_node: a·x + lower <=
     * query·v_node <= a·x + upper, when every step is exact on the leaf (its lower and upper coefficients then
     * agree; the constants differ by the rigorous rounding-error bounds only, which must stay within {@link #SLACK});
     * null when they do not.
     */
    private static double[] affineForm(Network net, int node, double[] query, ReluLines[] lines,
                                       BackSubstitution.Options options) {
        if (node == Network.INPUT) {
            return java.util.Arrays.copyOf(query, query.length + 2);
        }
        LinearBounds lb = BackSubstitution.run(net, node, query, 1, lines, options).bounds();
        if (!java.util.Arrays.equals(lb.lowerCoef(), lb.upperCoef())
                || !(lb.upperConst()[0] - lb.lowerConst()[0] <= SLACK)) {
            return null;
        }
        double[] f = java.util.Arrays.copyOf(lb.lowerCoef(), net.inputSize() + 2);
        f[net.inputSize()] = lb.lowerConst()[0];
        f[net.inputSize() + 1] = lb.upperConst()[0];
        return f;
    }
}
