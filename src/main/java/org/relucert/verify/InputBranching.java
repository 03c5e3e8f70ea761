package org.relucert.verify;

import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * Input splitting for branch and bound on low-dimensional inputs: which dimension to halve, and the bounds
 * of the two halves.
 *
 * <p>Dimension: among the dimensions at least {@value #WIDE_ENOUGH} of the widest, the one whose halves
 * get the best quick estimate (sum over both halves of min(bound, 0) times the share of the half kept by
 * clipping, intermediate bounds inherited from the parent, no back-substitution refinement); ties go to the
 * smear choice ({@link #chooseDimension}). Restricting the trial to wide dimensions matters: on ACAS Xu the
 * quick estimate alone kept halving narrow dimensions (property 1 on network 3_5: time-out after 60 s; with
 * the restriction: 0.5 s).
 *
 * <p>Halves: each is first cut down by the parent's best-row plane ({@link InputClipping}); a half whose
 * quick estimate refutes the case is not bounded again. Otherwise it gets DeepPoly intermediate bounds,
 * then optimised final slopes warm-started from the parent's ({@link SlopeOptimiser}); only when neither
 * refutes it (and the network has at most {@value #INTERMEDIATE_MAX_RELUS} ReLUs), {@value #INTERMEDIATE_STEPS} steps
 * of optimised intermediate slopes ({@link IntermediateSlopes})
 * and the final slopes again on the tightened bounds. Trying the cheap final slopes first leaves the
 * subproblem counts unchanged and skips the costly intermediate step on the halves they refute (4_2
 * property 2, one thread: 107 s to 84 s, 11,273 subproblems both). Gating the intermediate step by depth
 * or by the DeepPoly bound's distance from 0 cost more subproblems than it saved (4_2: skipping it within
 * 8 splits of the root, 11,485 subproblems and 143 s; skipping halves whose bound is below twice the
 * parent's, 23,905 and 133 s). The intermediate slopes are what pays on ACAS Xu: on 1_8 property 2 they cut
 * the subproblems from 1,109 to 245 (3 steps: 763; 20 steps: 225 at 30% more time), because on the small
 * boxes deep in the tree the bound's gap comes from loose intermediate bounds, not from the final slopes
 * (0, 10 and 30 final steps: 1,157, 1,109 and 1,093 subproblems).
 */
final class InputBranching {
    /** Input splitting tries only dimensions at least this fraction of the widest one. */
    static final double WIDE_ENOUGH = 0.5;
    /** Boxes narrower than this in every dimension worth trying are not split further. */
    static final double MIN_WIDTH = 1e-9;
    /** Optimised-slope steps per node and side for the intermediate bounds of a half. */
    static final int INTERMEDIATE_STEPS = 10;
    /**
     * Networks with more ReLUs than this bound their halves without intermediate slopes: each step
     * back-substitutes every unstable neuron, and on cifar_biasfield (45,056 ReLUs behind 16 inputs) the first
     * half of prop_10 had not been bounded after 93 s of search; without them that property is unsat in about
     * 100 s (69 subproblems), and the folder at 0.2x its time-outs went from 3 to 4 of 9 solved.
     */
    static final int INTERMEDIATE_MAX_RELUS = 4096;
    /** As {@link #INTERMEDIATE_STEPS}, for a half that starts from its parent's intermediate slopes. */
    static final int WARM_STEPS = 3;

    private final Network net;
    private final QueryBounder bounder;
    private final SlopeOptimiser slopes;
    private final IntermediateSlopes intermediate;
    private final int leafAlpha;
    private final long deadline;
    /** Whether halves get intermediate slopes: only on networks of at most {@link #INTERMEDIATE_MAX_RELUS} ReLUs. */
    private final boolean intermediateSteps;
    /** Intermediate bounds shared between the cases of a disjunction, or null. */
    private final BoxBoundsCache cache;

    InputBranching(Network net, QueryBounder bounder, SlopeOptimiser slopes, int leafAlpha, long deadline,
                   BoxBoundsCache cache) {
        this.net = net;
        this.bounder = bounder;
        this.slopes = slopes;
        this.intermediate = new IntermediateSlopes(net);
        this.leafAlpha = leafAlpha;
        this.deadline = deadline;
        this.cache = cache;
        this.intermediateSteps = INTERMEDIATE_STEPS > 0 && net.reluCount() <= INTERMEDIATE_MAX_RELUS;
    }

    /**
     * A half: its box after clipping, the share of the half's volume that box keeps, and its bounds.
     */
    record Half(Box box, double kept, QueryBounds bounds) {
    }

    /** The two bounded halves of s, or null when every dimension worth trying is too narrow to halve. */
    Half[] split(Subproblem s, ConjunctionRows.Rows r) {
        Trial trial = trialDimension(s, r);
        if (trial == null) {
            return null;
        }
        Half[] out = new Half[2];
        for (int h = 0; h < 2; h++) {
            Box child = trial.boxes()[h];
            QueryBounds qb = trial.quick()[h];
            if (!qb.verified()) {
                qb = bound(child, s, r);
            }
            out[h] = new Half(child, trial.kept()[h], qb);
        }
        return out;
    }

    /**
     * The bounds of a half that the quick estimate (no back-substitution of intermediate bounds) did not
     * decide: refined intermediate bounds, or those another case stored for the box ({@link BoxBoundsCache}),
     * then the final slopes, then, where those do not refute it, the intermediate slopes.
     */
    private QueryBounds bound(Box child, Subproblem s, ConjunctionRows.Rows r) {
        BoxBoundsCache.Entry known = cache == null ? null : cache.claim(child, deadline);
        QueryBounds qb;
        if (known != null) {
            qb = bounder.bound(child, ReluSplits.NONE, known.bounds(), r.c(), r.d(), false);
        } else {
            qb = refined(child, s, r);
        }
        QueryBounds plain = qb;
        if (!qb.verified()) {
            qb = slopes.optimise(child, plain, r.c(), r.d(), leafAlpha, ReluSplits.NONE, s.warm());
        }
        if (known != null && known.slopes() != null) {
            // the stored bounds are already tightened by intermediate slopes: keep those for the children
            return qb.verified() ? qb
                    : qb.withOptimised(SlopeOptimiser.Warm.withIntermediate(qb.optimised(), known.slopes()));
        }
        if (intermediateSteps && !qb.verified() && plain.nodeBounds() != null) {
            IntermediateSlopes.Slopes from = s.warm() == null ? null : s.warm().intermediate();
            int steps = from == null ? INTERMEDIATE_STEPS : WARM_STEPS;
            IntermediateSlopes.Result tight = intermediate.tighten(child, plain.nodeBounds(), steps, deadline, from);
            if (cache != null) {
                cache.put(child, tight.bounds(), tight.slopes());
            }
            qb = bounder.bound(child, ReluSplits.NONE, tight.bounds(), r.c(), r.d(), false);
            qb = slopes.optimise(child, qb, r.c(), r.d(), leafAlpha, ReluSplits.NONE, s.warm());
            qb = qb.withOptimised(SlopeOptimiser.Warm.withIntermediate(qb.optimised(), tight.slopes()));
        }
        return qb;
    }

    /** Refined bounds of a half, stored for the other cases; the half is released whatever happens. */
    private QueryBounds refined(Box child, Subproblem s, ConjunctionRows.Rows r) {
        QueryBounds qb = null;
        try {
            qb = bounder.bound(child, ReluSplits.NONE, s.inherited(), r.c(), r.d());
        } finally {
            if (cache != null && qb != null && qb.nodeBounds() != null) {
                cache.put(child, qb.nodeBounds(), null);
            } else if (cache != null) {
                cache.release(child);
            }
        }
        return qb;
    }

    /** The chosen dimension, its clipped halves, the share of each half they keep, and their quick bounds. */
    private record Trial(int dim, Box[] boxes, double[] kept, QueryBounds[] quick) {
    }

    static Box[] halves(Box box, int dim) {
        double mid = 0.5 * (box.lower()[dim] + box.upper()[dim]);
        double[] upperOfLeft = box.upper().clone();
        upperOfLeft[dim] = mid;
        double[] lowerOfRight = box.lower().clone();
        lowerOfRight[dim] = mid;
        return new Box[] {new Box(box.lower(), upperOfLeft), new Box(lowerOfRight, box.upper())};
    }

    private Trial trialDimension(Subproblem s, ConjunctionRows.Rows r) {
        Box box = s.box();
        Trial best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int fallback = chooseDimension(box, s.inputCoef());
        double widest = 0;
        for (int dim = 0; dim < box.dim(); dim++) {
            widest = Math.max(widest, box.upper()[dim] - box.lower()[dim]);
        }
        for (int dim = 0; dim < box.dim(); dim++) {
            double mid = 0.5 * (box.lower()[dim] + box.upper()[dim]);
            double width = box.upper()[dim] - box.lower()[dim];
            if (width < WIDE_ENOUGH * widest || width < MIN_WIDTH
                    || !(mid > box.lower()[dim] && mid < box.upper()[dim])) {
                continue;
            }
            double score = 0;
            QueryBounds[] quick = new QueryBounds[2];
            Box[] halves = halves(box, dim);
            double[] kept = new double[2];
            for (int h = 0; h < 2; h++) {
                Box cut = InputClipping.clip(halves[h], s.inputCoef(), s.planeOffset());
                kept[h] = InputClipping.keptFraction(cut, halves[h]);
                halves[h] = cut;
                // bounds another case stored for the half make its quick estimate the full one
                BoxBoundsCache.Entry known = cache == null ? null : cache.get(halves[h]);
                quick[h] = bounder.bound(halves[h], ReluSplits.NONE, known == null ? s.inherited() : known.bounds(),
                        r.c(), r.d(), false);
                score += Math.min(0, quick[h].value()) * kept[h];
            }
            if (score > bestScore || score == bestScore && dim == fallback) {
                bestScore = score;
                best = new Trial(dim, halves, kept, quick);
            }
        }
        return best;
    }

    /** Largest |g_i| * width_i; the widest dimension when the coefficients vanish. */
    static int chooseDimension(Box box, double[] coef) {
        int best = 0;
        double bestScore = -1;
        int widest = 0;
        for (int i = 0; i < box.dim(); i++) {
            double w = box.upper()[i] - box.lower()[i];
            double score = Math.abs(coef[i]) * w;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
            if (w > box.upper()[widest] - box.lower()[widest]) {
                widest = i;
            }
        }
        return bestScore > 0 ? best : widest;
    }
}
