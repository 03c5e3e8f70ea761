package org.relucert.verify;

import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * What a branch-and-bound worker does with one subproblem: search it for a counterexample
 * ({@link SubproblemAttack}), then split it and hand every bounded child to the {@link SearchQueue}.
 *
 * <p>Branching: for low-dimensional inputs ({@link QueryBounder#FORWARD_MAX_DIM} or fewer) the input box
 * is halved ({@link InputBranching}), and every bounded child is cut down to the part its best row's
 * linear lower bound does not refute ({@link InputClipping}); otherwise an unstable ReLU is split into its
 * phases ({@link ReluBranching}), which on MNIST FC turned 30 s time-outs into 1-5 s proofs. Under input
 * splitting a box with few unstable ReLUs left is split on those ({@link #reluSplitting}). A leaf with no
 * unstable neuron left is affine and is decided by {@link LeafLp}. Every child's minimising corner, centre
 * and inherited point are checked for a counterexample before it is queued.
 *
 * <p>Holds no state of its own besides its collaborators: several workers use one instance at once.
 */
final class SubproblemProcessor {
    private final Network net;
    private final Property property;
    private final long deadline;
    private final QueryBounder bounder;
    private final Falsifier falsifier;
    private final SubproblemAttack attack;
    private final boolean inputSplitting;
    private final ConjunctionRows.Rows[] rows;
    private final InputBranching inputBranching;
    private final ReluBranching reluBranching;
    private final SearchQueue search;
    private final ProvedCover cover;
    /** See {@link #reluSplitting}. */
    static final int FEW_UNSTABLE = 12;
    /** Doubles of intermediate bounds the cases of a disjunction may share ({@link BoxBoundsCache}): 64 MiB. */
    static final long CACHE_DOUBLES = 1L << 23;

    SubproblemProcessor(Network net, Property property, Verifier.Options options, long deadline,
                        QueryBounder bounder, SlopeOptimiser slopes, Falsifier falsifier, boolean inputSplitting,
                        ConjunctionRows.Rows[] rows, SearchQueue search) {
        this.net = net;
        this.property = property;
        this.deadline = deadline;
        this.bounder = bounder;
        this.falsifier = falsifier;
        this.inputSplitting = inputSplitting;
        this.rows = rows;
        this.search = search;
        this.cover = search.cover();
        this.attack = new SubproblemAttack(net, falsifier, inputSplitting);
        int leafAlpha = options.leafAlphaSteps() >= 0 ? options.leafAlphaSteps() : (inputSplitting ? 10 : 32);
        // cases of a disjunction halve the same boxes: they share those boxes' intermediate bounds
        BoxBoundsCache cache = inputSplitting && property.cases().size() > 1 ? new BoxBoundsCache(CACHE_DOUBLES) : null;
        this.inputBranching = new InputBranching(net, bounder, slopes, leafAlpha, deadline, cache);
        this.reluBranching = new ReluBranching(net, bounder, slopes, leafAlpha,
                BranchCandidates.resolve(net, options.branchCandidates()));
    }

    /** Processes s, the {@code processed}-th subproblem of the calling worker. */
    void process(Subproblem s, long processed) {
        Property.Case cs = property.cases().get(s.caseIndex());
        double[] hint = s.bestPoint();
        Falsifier.Point p = attack.search(s, cs, processed, deadline);
        if (p != null) {
            if (p.margin() <= 0) {
                cover.drop(s.value());
                search.report(p, "found by PGD in branch and bound");
                return;
            }
            hint = p.x();
        }
        if (!inputSplitting) {
            splitRelu(s, cs, hint);
        } else if (!reluSplitting(s.box(), s.splits(), s.inherited())) {
            splitInput(s, hint);
        } else {
            search.countReluSplit();
            splitRelu(s, cs, hint);
        }
    }

    /**
     * Under input splitting, a subproblem with at most {@value #FEW_UNSTABLE} unstable ReLUs left (and every
     * subproblem below one) is split on its ReLUs instead: halving the box shrinks such a neuron's relaxation
     * gap only in proportion, while splitting it removes the gap at once. Near an almost-violating point of
     * ACAS Xu 3_3 property 2 (margin 0.003-0.007) the open boxes have 4-12 unstable ReLUs; splitting them at
     * 12 or fewer decided it with 45,591 subproblems in 187 s instead of 54,397 in 240 s (one thread each, two
     * runs side by side, load ~2).
     */
    private boolean reluSplitting(Box box, ReluSplits splits, Bounds[] nodeBounds) {
        return splits.count() > 0
                || nodeBounds != null && ReluBranching.unstable(net, box, nodeBounds, splits, FEW_UNSTABLE + 1) <= FEW_UNSTABLE;
    }

    private void splitInput(Subproblem s, double[] hint) {
        InputBranching.Half[] halves = inputBranching.split(s, rows[s.caseIndex()]);
        if (halves == null) {
            cover.drop(s.value());
            search.giveUp("a box narrower than " + InputBranching.MIN_WIDTH + " could not be decided");
            return;
        }
        for (InputBranching.Half h : halves) {
            if (h.kept() < 1) {
                cover.close(0); // the part clipped off: its best row's plane is positive there
            }
            search.addDecided(s.weight() / 2 * (1 - h.kept()));
            handleChild(s.caseIndex(), h.box(), ReluSplits.NONE, h.bounds(), s.depth() + 1, s.weight() / 2 * h.kept(),
                    hint);
        }
    }

    private void splitRelu(Subproblem s, Property.Case cs, double[] hint) {
        ReluBranching.Child[] children = reluBranching.split(s, rows[s.caseIndex()]);
        if (children == null) {
            decideStableLeaf(s, cs);
            return;
        }
        for (ReluBranching.Child c : children) {
            handleChild(s.caseIndex(), s.box(), c.splits(), c.bounds(), s.depth() + 1, s.weight() / 2, hint);
        }
    }

    /** A leaf whose neurons are all stable is affine: decide it exactly by a linear program. */
    private void decideStableLeaf(Subproblem s, Property.Case cs) {
        // same box and phases as when s was bounded: every node keeps its bounds, only the lines are rebuilt
        QueryBounds qb = bounder.bound(s.box(), s.splits(), s.inherited(), net.nodes().size(), cs.c(), cs.d(), true);
        if (qb.verified()) {
            cover.close(qb.value());
            search.addDecided(s.weight());
            return;
        }
        double left = (deadline - System.nanoTime()) / 1e9;
        LeafLp.Result r = LeafLp.solve(net, s.box(), s.splits(), qb.lines(), qb.nodeBounds(), cs.c(), cs.d(),
                Math.max(0.1, left));
        if (r.infeasible()) {
            // no point with every row within the slack: the margin exceeds LeafLp.SLACK on the leaf
            cover.close(Math.max(LeafLp.SLACK, qb.value()));
            search.addDecided(s.weight());
            return;
        }
        if (r.candidate() != null) {
            Falsifier.Point p = falsifier.evaluate(cs, r.candidate());
            if (p.margin() <= 0 && cs.input().contains(p.x(), 0)) {
                cover.drop(Math.max(s.value(), qb.value()));
                search.report(p, "found by the linear program of a stable leaf");
                return;
            }
        }
        cover.drop(Math.max(s.value(), qb.value()));
        search.giveUp("a leaf with every ReLU stable was neither refuted nor falsified by its linear program");
    }

    /**
     * A bounded child (or a case's root): clipped under input splitting, checked for a counterexample at its
     * best points, then closed, dropped or queued by the {@link SearchQueue}.
     */
    void handleChild(int caseIndex, Box box, ReluSplits splits, QueryBounds qb, int depth, double weight,
                     double[] hint) {
        Property.Case cs = property.cases().get(caseIndex);
        if (inputSplitting && !qb.verified()) {
            Box clipped = InputClipping.clip(box, qb.inputCoef(), qb.planeOffset());
            if (clipped != box) {
                cover.close(0); // the part clipped off: the plane of the best row is positive there
                double kept = InputClipping.keptFraction(clipped, box);
                search.addDecided(weight * (1 - kept));
                weight *= kept;
                box = clipped;
            }
        }
        Falsifier.Point bestPoint = attack.bestOf(cs, box, qb, hint);
        if (bestPoint != null && bestPoint.margin() <= 0 && cs.input().contains(bestPoint.x(), 0)) {
            cover.drop(qb.value());
            search.report(bestPoint, "found at a branch-and-bound leaf");
            return;
        }
        // the ReLU coefficients steer ReLU branching; input splitting does not keep them (memory)
        boolean keepReluCoef = !inputSplitting || reluSplitting(box, splits, qb.nodeBounds());
        search.offer(caseIndex, box, splits, qb, bestPoint, depth, weight, keepReluCoef);
    }
}
