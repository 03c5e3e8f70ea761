package org.relucert.verify;

import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Filtered smart branching (FSB, after De Palma et al.): for a few candidate neurons of a subproblem, the
 * lower bound each of its two children would get from one back-substitution of the subproblem's best row
 * with everything the parent had fixed (its node bounds, optimised slopes and phase multipliers) and only
 * the candidate's relaxation replaced by the child's exact line (0 when inactive, the identity when
 * active). A candidate's score is its worse child's estimate; the branching takes the best score.
 *
 * <p>When the best row's coefficient a on the neuron's output is positive (it used the lower line az of
 * slope in [0, 1]), a multiplier of the child's new phase constraint (a·slope inactive, a·(1 - slope)
 * active, both >= 0) gives back the parent's coefficients exactly, so that child's estimate is at least
 * the parent's bound: the estimate is the larger of the two. A coefficient of 0, or a positive one on a
 * lower line that already is the child's exact line (slope 0 inactive, 1 active), leaves the bound as it
 * is, without a back-substitution.
 * Every estimate is a sound bound of its child (lines exact on the child, the rest valid on the parent),
 * but only the choice of neuron depends on it, never a verdict.
 */
final class FsbScore {
    private final Network net;

    FsbScore(Network net) {
        this.net = net;
    }

    /** What one subproblem's estimates share: the row, its lines, multiplier terms and the parent's bound. */
    final class Parent {
        private final Subproblem s;
        private final double[] row;
        private final double d;
        private final ReluLines[] lines;
        private final double[][] terms;
        private final double[][] magnitude;
        private final double bound;

        private Parent(Subproblem s, double[] row, double d) {
            this.s = s;
            this.row = row;
            this.d = d;
            this.lines = lines(s);
            this.terms = terms(s);
            this.magnitude = BackSubstitution.magnitudes(s.inherited(), s.box());
            this.bound = bound(lines);
        }

        /** The parent's bound of the row by this one back-substitution (its slopes and multipliers). */
        double bound() {
            return bound;
        }

        /**
         * The estimate of the child fixing neuron i of ReLU node j to phase sign (+1 active, -1 inactive):
         * the row's bound with that neuron's lines exact and, where a multiplier recovers the parent's
         * coefficients, at least the parent's bound.
         */
        double child(int j, int i, int sign) {
            double[] a = s.reluCoef() == null ? null : s.reluCoef()[j];
            double coef = a == null ? 0 : a[i];
            ReluLines l = lines[j];
            if (coef == 0 || (coef > 0 && l.lowerSlope()[i] == (sign > 0 ? 1.0 : 0.0) && l.lowerIntercept()[i] == 0)) {
                return bound; // the row does not reach the neuron, or its lower line already is the exact one
            }
            double exact = exactChild(j, i, sign);
            return coef > 0 ? Math.max(bound, exact) : exact;
        }

        /** The row's bound with neuron i of node j on its exact line for the phase, no multiplier for it. */
        double exactChild(int j, int i, int sign) {
            ReluLines[] with = lines.clone();
            ReluLines l = lines[j];
            double[] ls = l.lowerSlope().clone();
            double[] li = l.lowerIntercept().clone();
            double[] us = l.upperSlope().clone();
            double[] ui = l.upperIntercept().clone();
            double slope = sign > 0 ? 1.0 : 0.0;
            ls[i] = slope;
            us[i] = slope;
            li[i] = 0;
            ui[i] = 0;
            with[j] = new ReluLines(ls, li, us, ui);
            return bound(with);
        }

        /** The candidate's score: the smaller of its two children's estimates. */
        double score(int j, int i) {
            return Math.min(child(j, i, -1), child(j, i, 1));
        }

        private double bound(ReluLines[] l) {
            BackSubstitution.Result res = BackSubstitution.run(net, net.output(), row, 1, l,
                    BackSubstitution.Options.oneSided(1).withTerm(terms).withMagnitudes(magnitude));
            return res.bounds().lowerBound(0, s.box()) - d;
        }
    }

    /** The estimates' common part for subproblem s and its row {@code row}·y - d. */
    Parent parent(Subproblem s, double[] row, double d) {
        return new Parent(s, row, d);
    }

    /**
     * Index, into {@code candidates} ({node, neuron} pairs, best cheap score first), of the candidate with
     * the best score; ties go to the earlier candidate.
     */
    int best(Subproblem s, double[] row, double d, int[][] candidates) {
        Parent p = parent(s, row, d);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < candidates.length; k++) {
            double score = p.score(candidates[k][0], candidates[k][1]);
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    /**
     * The lines the subproblem was bounded with: the area rule on its node bounds (the sources' bounds
     * already carry its phases), with its optimised lower slopes on every relaxed neuron.
     */
    private ReluLines[] lines(Subproblem s) {
        int n = net.nodes().size();
        ReluLines[] out = new ReluLines[n];
        double[][] warm = s.warm() == null ? null : s.warm().slopes();
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r == null) {
                continue;
            }
            Bounds src = r.source() == Network.INPUT ? phased(j, s.box(), s.splits()) : s.inherited()[r.source()];
            ReluLines l = DeepPoly.SlopeRule.AREA.lines(src);
            if (warm != null && warm[j] != null) {
                double[] slope = l.lowerSlope().clone();
                for (int i = 0; i < slope.length; i++) {
                    if (Neurons.relaxed(l, i)) {
                        slope[i] = warm[j][i];
                    }
                }
                l = new ReluLines(slope, l.lowerIntercept(), l.upperSlope(), l.upperIntercept());
            }
            out[j] = l;
        }
        return out;
    }

    /** The input box under the phases of ReLU node j, which reads the input. */
    private static Bounds phased(int j, Box box, ReluSplits splits) {
        double[] l = box.lower().clone();
        double[] u = box.upper().clone();
        for (int i = 0; i < l.length; i++) {
            int p = splits.phase(j, i);
            if (p > 0) {
                l[i] = Math.max(l[i], 0.0);
            } else if (p < 0) {
                u[i] = Math.min(u[i], 0.0);
            }
        }
        return new Bounds(l, u);
    }

    /** The parent's multiplier terms -beta·s on the pre-activations of its split neurons (null: none). */
    private double[][] terms(Subproblem s) {
        double[][] beta = s.warm() == null ? null : s.warm().multipliers();
        if (beta == null) {
            return null;
        }
        double[][] out = new double[beta.length][];
        for (int j = 0; j < beta.length; j++) {
            if (beta[j] == null || s.splits().none(j)) {
                continue;
            }
            out[j] = new double[beta[j].length];
            for (int i = 0; i < beta[j].length; i++) {
                out[j][i] = -s.splits().phase(j, i) * beta[j][i];
            }
        }
        return out;
    }
}
