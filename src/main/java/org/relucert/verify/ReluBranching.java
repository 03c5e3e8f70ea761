package org.relucert.verify;

import org.relucert.bounds.Bounds;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * ReLU splitting for branch and bound on high-dimensional inputs: an unstable ReLU is split into its
 * active and inactive phases, choosing the neuron with the largest |a_i|·u_i·(-l_i)/(u_i-l_i) (the best
 * row's back-substitution coefficient on the neuron times the height of its triangle relaxation, a
 * BaBSR-style intercept score); each child's phase constraints enter its final bound as Lagrangian terms
 * whose multipliers are optimised with the slopes (beta-CROWN, see {@link SlopeOptimiser}), starting from
 * the parent's slopes and multipliers. The nodes before the split ReLU keep the parent's bounds.
 */
final class ReluBranching {
    private final Network net;
    private final QueryBounder bounder;
    private final SlopeOptimiser slopes;
    private final int leafAlpha;

    ReluBranching(Network net, QueryBounder bounder, SlopeOptimiser slopes, int leafAlpha) {
        this.net = net;
        this.bounder = bounder;
        this.slopes = slopes;
        this.leafAlpha = leafAlpha;
    }

    /** A child: its phase constraints and bounds. */
    record Child(ReluSplits splits, QueryBounds bounds) {
    }

    /** The active and inactive children of s, or null when s has no unstable ReLU left (an affine leaf). */
    Child[] split(Subproblem s, ConjunctionRows.Rows r) {
        int[] choice = chooseNeuron(s);
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

    /** {node, neuron} of the unstable ReLU with the best score, or null when none is unstable. */
    int[] chooseNeuron(Subproblem s) {
        int[] best = null;
        double bestScore = -1;
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
                double height = u * -l / (u - l);
                double score = (a == null ? 0 : Math.abs(a[i])) * height + 1e-9 * height;
                if (score > bestScore) {
                    bestScore = score;
                    best = new int[] {j, i};
                }
            }
        }
        return best;
    }
}
