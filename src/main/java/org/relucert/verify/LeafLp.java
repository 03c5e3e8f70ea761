package org.relucert.verify;

import java.util.Arrays;
import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.LinearBounds;
import org.relucert.relax.LpModel;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Exact decision of a ReLU-splitting leaf in which every neuron is stable: the network is affine on the
 * leaf, so "some input of the box, in the fixed phases, satisfies C·y <= d" is a linear feasibility
 * problem. It is solved in elastic form: one variable t in [0, {@value #MAX_VIOLATION}] relaxes every
 * constraint (each also relaxed by {@link #SLACK}), and t is minimised. The leaf is proved safe only by a
 * <em>sound</em> lower bound t > 0 of that LP ({@link LpModel}: a Lagrangian bound from the solver's duals,
 * evaluated with outward rounding), never by the solver's "infeasible" status, which is decided to its
 * tolerances; a point with t = 0 is only a candidate, to be checked by the forward pass.
 *
 * <p>The affine forms come from back-substitution with the leaf's lines, so every node kind is encoded by
 * its own backward step. If some step is not exact on the leaf (a node that relaxes even with every ReLU
 * stable), the lower and upper forms differ and the leaf is left undecided instead of being encoded wrongly.
 */
final class LeafLp {
    /** Relaxation of every constraint before solving. */
    static final double SLACK = 1e-6;
    /** Upper bound of the elastic variable (every LP variable is boxed, which the sound bound needs). */
    static final double MAX_VIOLATION = 1e9;

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
        try (LpModel lp = new LpModel()) {
            lp.setTimeLimit(timeLimitSeconds);
            int[] vars = new int[dim + 1];
            for (int i = 0; i < dim; i++) {
                vars[i] = lp.addVariable(box.lower()[i], box.upper()[i]);
            }
            int t = lp.addVariable(0, MAX_VIOLATION);
            vars[dim] = t;
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
                    double[] a = Arrays.copyOf(form, dim + 1);
                    if (phase > 0) {
                        a[dim] = 1;
                        lp.addRow(vars, a, -form[dim + 1] - SLACK, Double.POSITIVE_INFINITY);
                    } else {
                        a[dim] = -1;
                        lp.addRow(vars, a, Double.NEGATIVE_INFINITY, -form[dim] + SLACK);
                    }
                }
            }
            for (int row = 0; row < c.length; row++) {
                double[] form = affineForm(net, net.output(), c[row], lines, options);
                if (form == null) {
                    return UNDECIDED;
                }
                double[] a = Arrays.copyOf(form, dim + 1);
                a[dim] = -1;
                lp.addRow(vars, a, Double.NEGATIVE_INFINITY, d[row] - form[dim] + SLACK);
            }
            LpModel.Outcome s = lp.minimise(new int[] {t}, new double[] {1}, 0);
            if (s.ok() && s.bound() > 0) {
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
            return Arrays.copyOf(query, query.length + 2);
        }
        LinearBounds lb = BackSubstitution.run(net, node, query, 1, lines, options).bounds();
        if (!Arrays.equals(lb.lowerCoef(), lb.upperCoef())
                || !(lb.upperConst()[0] - lb.lowerConst()[0] <= SLACK)) {
            return null;
        }
        double[] f = Arrays.copyOf(lb.lowerCoef(), net.inputSize() + 2);
        f[net.inputSize()] = lb.lowerConst()[0];
        f[net.inputSize() + 1] = lb.upperConst()[0];
        return f;
    }
}
