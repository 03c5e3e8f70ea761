package org.relucert.verify;

import java.util.Arrays;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * ReLU splitting for branch and bound on high-dimensional inputs: an unstable ReLU is split into its
 * active and inactive phases. The neuron: among the few with the largest |a_i|·u_i·(-l_i)/(u_i-l_i) (the
 * best row's back-substitution coefficient on the neuron times the height of its triangle relaxation, a
 * BaBSR-style intercept score), the one whose worse child's estimated bound is the largest (filtered
 * smart branching, {@link FsbScore}); each child's phase constraints enter its final bound as Lagrangian terms
 * whose multipliers are optimised with the slopes (beta-CROWN, see {@link SlopeOptimiser}), starting from
 * the parent's slopes and multipliers. The nodes before the split ReLU keep the parent's bounds.
 */
final class ReluBranching {
    private final Network net;
    private final QueryBounder bounder;
    private final SlopeOptimiser slopes;
    private final int leafAlpha;
    private final int candidates;
    private final FsbScore fsb;

    /** @param candidates how many of the best cheap scores FSB compares (1: the cheap score alone) */
    ReluBranching(Network net, QueryBounder bounder, SlopeOptimiser slopes, int leafAlpha, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("branching candidates must be 1 or more, got " + candidates);
        }
        this.net = net;
        this.bounder = bounder;
        this.slopes = slopes;
        this.leafAlpha = leafAlpha;
        this.candidates = candidates;
        this.fsb = new FsbScore(net);
    }

    /** A child: its phase constraints and bounds. */
    record Child(ReluSplits splits, QueryBounds bounds) {
    }

    /** The active and inactive children of s, or null when s has no unstable ReLU left (an affine leaf). */
    Child[] split(Subproblem s, ConjunctionRows.Rows r) {
        int[] choice = chooseNeuron(s, r);
        if (choice == null) {
            return null;
        }
        int node = choice[0];
        int neuron = choice[1];
        int size = net.node(node).size();
        Child[] out = new Child[2];
        int k = 0;
        for (int sign : new int[] {1, -1}) {
            ReluSplits splits = s.splits().with(node, size, neuron, sign);
            // the nodes before the split ReLU keep the parent's bounds (same box, same phases there)
            QueryBounds qb = bounder.bound(s.box(), splits, s.inherited(), node, r.c(), r.d(), true);
            qb = slopes.optimise(s.box(), qb, r.c(), r.d(), leafAlpha, splits, s.warm());
            out[k++] = new Child(splits, qb);
        }
        return out;
    }

    /**
     * {node, neuron} of the unstable ReLU to split, or null when none is unstable: the best cheap score
     * ({@link #cheapScore}) when {@code candidates} is 1, else the best FSB score ({@link FsbScore}) among
     * the {@code candidates} best cheap scores, for the subproblem's best row of r.
     */
    int[] chooseNeuron(Subproblem s, ConjunctionRows.Rows r) {
        int[][] top = topCandidates(s);
        if (top.length == 0) {
            return null;
        }
        if (top.length == 1 || s.reluCoef() == null) {
            return top[0];
        }
        return top[fsb.best(s, r.c()[s.row()], r.d()[s.row()], top)];
    }

    /**
     * The unstable, unsplit neurons with the {@code candidates} largest cheap scores, best first (ties: the
     * earlier node and neuron first).
     */
    int[][] topCandidates(Subproblem s) {
        int[][] top = new int[candidates][];
        double[] topScore = new double[candidates];
        int count = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r == null) {
                continue;
            }
            Bounds src = r.source() == Network.INPUT ? new Bounds(s.box().lower(), s.box().upper())
                    : s.inherited()[r.source()];
            double[] a = s.reluCoef() == null ? null : s.reluCoef()[j];
            for (int i = 0; i < r.size(); i++) {
                double l = src.lower()[i];
                double u = src.upper()[i];
                if (!ReluLines.unstable(l, u) || s.splits().phase(j, i) != 0) {
                    continue;
                }
                double score = cheapScore(a == null ? 0 : a[i], l, u);
                if (count == candidates && score <= topScore[count - 1]) {
                    continue;
                }
                int k = Math.min(count, candidates - 1);
                while (k > 0 && topScore[k - 1] < score) {
                    top[k] = top[k - 1];
                    topScore[k] = topScore[k - 1];
                    k--;
                }
                top[k] = new int[] {j, i};
                topScore[k] = score;
                count = Math.min(candidates, count + 1);
            }
        }
        return Arrays.copyOf(top, count);
    }

    /**
     * The number of unstable ReLU neurons without a phase constraint, given the node bounds on the box,
     * counted up to {@code limit}.
     */
    static int unstable(Network net, Box box, Bounds[] nodeBounds, ReluSplits splits, int limit) {
        int count = 0;
        for (int j = 0; j < net.nodes().size() && count < limit; j++) {
            Relu r = net.relu(j);
            if (r == null) {
                continue;
            }
            Bounds src = r.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : nodeBounds[r.source()];
            for (int i = 0; i < r.size() && count < limit; i++) {
                if (ReluLines.unstable(src.lower()[i], src.upper()[i]) && splits.phase(j, i) == 0) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The BaBSR-style intercept score of an unstable neuron with pre-activation bounds [l, u] and best-row
     * coefficient a on its output: |a|·u·(-l)/(u-l), plus a tiny share of the triangle's height so that
     * neurons the row does not reach are still ordered.
     */
    static double cheapScore(double a, double l, double u) {
        double height = u * -l / (u - l);
        return Math.abs(a) * height + 1e-9 * height;
    }
}
