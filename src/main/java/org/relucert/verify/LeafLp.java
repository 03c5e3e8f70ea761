package org.relucert.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.LinearBounds;
import org.relucert.relax.ElasticRegion;
import org.relucert.relax.LpModel;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Exact decision of a ReLU-splitting leaf in which every neuron is stable: the network is affine on the
 * leaf, so "some input of the box, in the fixed phases, satisfies C·y <= d" is a linear feasibility
 * problem, decided by {@link ElasticRegion} with every constraint relaxed by {@link #SLACK}: the leaf is proved
 * safe only when that region is provably empty (the sound lower bound of its least violation is above 0),
 * never by the solver's "infeasible" status, which is decided to its tolerances; the point of least violation
 * is only a candidate, to be checked by the forward pass.
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
        int[] vars = new int[dim];
        for (int i = 0; i < dim; i++) {
            vars[i] = i;
        }
        List<LpModel.Row> rows = new ArrayList<>();
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
                double[] a = Arrays.copyOf(form, dim);
                if (phase > 0) {
                    rows.add(new LpModel.Row(vars, a, -form[dim + 1], Double.POSITIVE_INFINITY));
                } else {
                    rows.add(new LpModel.Row(vars, a, Double.NEGATIVE_INFINITY, -form[dim]));
                }
            }
        }
        for (int row = 0; row < c.length; row++) {
            double[] form = affineForm(net, net.output(), c[row], lines, options);
            if (form == null) {
                return UNDECIDED;
            }
            rows.add(new LpModel.Row(vars, Arrays.copyOf(form, dim), Double.NEGATIVE_INFINITY, d[row] - form[dim]));
        }
        ElasticRegion.Verdict v = ElasticRegion.decide(box.lower(), box.upper(), rows, SLACK, Deadline.NONE,
                timeLimitSeconds);
        if (v.empty()) {
            return new Result(true, null);
        }
        if (v.point() == null) {
            return new Result(false, null);
        }
        double[] x = new double[dim];
        for (int i = 0; i < dim; i++) {
            x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], v.point()[i]));
        }
        return new Result(false, x);
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
