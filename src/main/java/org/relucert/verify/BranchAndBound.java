package org.relucert.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.relucert.Progress;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * Branch and bound over the cases of a property on a shared work queue served by several threads.
 *
 * <p>Order: best-first by promise, i.e. the subproblem whose known points come closest to violating the
 * property (smallest margin at its minimising corner, centre and PGD points) first, ties broken by the worst
 * lower bound. The tree of subproblems does not depend on the order (a subproblem's split depends only on
 * itself), so for a property that holds the order changes nothing but memory; for a violated one it
 * steers the search towards the counterexample instead of breadth-first through the largest boxes.
 *
 * <p>Branching: for low-dimensional inputs ({@link QueryBounder#FORWARD_MAX_DIM} or fewer) the input box
 * is halved ({@link InputBranching}), and every bounded child is cut down to the part its best row's
 * linear lower bound does not refute ({@link InputClipping}); otherwise an unstable ReLU is split into its
 * phases ({@link ReluBranching}), which on MNIST FC turned 30 s time-outs into 1-5 s proofs. Under ReLU
 * splitting the root's intermediate bounds are first tightened by optimised slopes
 * ({@link IntermediateSlopes}) and inherited by every subproblem. A leaf with no unstable neuron left is
 * affine and is decided by {@link LeafLp}. Conjunctions are bounded with {@link ConjunctionRows} (input
 * splitting only). Counterexamples are searched in the subproblems as they are processed
 * ({@link SubproblemAttack}).
 *
 * <p>Unsat is deterministic (every leaf must be refuted, whatever the order); which counterexample is
 * reported may depend on thread timing, and so may sat versus unknown when an undecidable leaf (a box
 * narrower than {@value InputBranching#MIN_WIDTH}, a failed leaf LP, a full queue) is met before the counterexample.
 */
final class BranchAndBound {
    private static final int QUEUE_LIMIT = 100_000;
    /** Slope steps per node and side for the root's intermediate bounds under ReLU splitting. */
    private static final int ROOT_INTERMEDIATE_STEPS = 20;
    /** Share of the time left that the root's intermediate bounds may take. */
    private static final double ROOT_INTERMEDIATE_SHARE = 0.25;

    private final Network net;
    private final Property property;
    private final Verifier.Options options;
    private final long deadline;
    private final Progress progress;
    private final QueryBounder bounder;
    private final SlopeOptimiser slopes;
    private final Falsifier falsifier;
    private final SubproblemAttack attack;
    private final boolean inputSplitting;
    private final int leafAlpha;
    private final ConjunctionRows.Rows[] rows;
    private final InputBranching inputBranching;
    private final ReluBranching reluBranching;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Subproblem> queue = new PriorityQueue<>(
            Comparator.comparingDouble(Subproblem::promise).thenComparingDouble(Subproblem::value)
                    .thenComparingLong(Subproblem::order));
    private int active;
    private long order;
    private long bounded;
    private double decided;
    private Verdict found;
    private Throwable failure;
    private String unresolved;
    private boolean timedOut;
    private ProvedCover cover;

    BranchAndBound(Network net, Property property, Verifier.Options options, long deadline,
                   Progress progress) {
        this.net = net;
        this.property = property;
        this.options = options;
        this.deadline = deadline;
        this.progress = progress;
        this.bounder = new QueryBounder(net);
        this.slopes = new SlopeOptimiser(net);
        this.falsifier = new Falsifier(net);
        this.inputSplitting = net.inputSize() <= QueryBounder.FORWARD_MAX_DIM;
        this.attack = new SubproblemAttack(net, falsifier, inputSplitting);
        this.leafAlpha = options.leafAlphaSteps() >= 0 ? options.leafAlphaSteps() : (inputSplitting ? 10 : 32);
        this.inputBranching = new InputBranching(net, bounder, slopes, leafAlpha, deadline);
        this.reluBranching = new ReluBranching(net, bounder, slopes, leafAlpha,
                BranchCandidates.resolve(net, options.branchCandidates()));
        this.rows = new ConjunctionRows.Rows[property.cases().size()];
        for (int k = 0; k < rows.length; k++) {
            Property.Case cs = property.cases().get(k);
            // combination rows pay off on low-dimensional inputs; on image networks they cost too much
            rows[k] = inputSplitting && cs.c().length > 1 ? ConjunctionRows.augment(cs.c(), cs.d())
                    : new ConjunctionRows.Rows(cs.c(), cs.d());
        }
    }

    /** Share of the time left that the root's intermediate refinement may use (the rest: slopes, branching). */
    static final double ROOT_REFINE_SHARE = 0.3;

    Verdict run() {
        List<Property.Case> cases = property.cases();
        Box rootBox = null;
        Bounds[] rootBounds = null;
        cover = new ProvedCover(cases.size());
        for (int k = 0; k < cases.size(); k++) {
            Property.Case cs = cases.get(k);
            if (cs.c().length == 0) {
                Falsifier.Point p = falsifier.evaluate(cs, cs.input().centre());
                return new Verdict(Verdict.Kind.SAT, p.x(), p.y(), 0, "every output is unsafe",
                        Double.NEGATIVE_INFINITY);
            }
            if (!inputSplitting && !sameBox(cs.input(), rootBox)) {
                rootBox = cs.input();
                rootBounds = tightRootBounds(rootBox);
            }
            Bounds[] inherited = inputSplitting ? null : rootBounds;
            long now = System.nanoTime();
            long refineUntil = now + (long) (ROOT_REFINE_SHARE * Math.max(0, deadline - now));
            QueryBounds qb = bounder.bound(cs.input(), ReluSplits.NONE, inherited, net.nodes().size(), rows[k].c(),
                    rows[k].d(), true, refineUntil);
            qb = slopes.optimise(cs.input(), qb, rows[k].c(), rows[k].d(), options.rootAlphaSteps(), ReluSplits.NONE,
                    null, deadline);
            if (System.nanoTime() > deadline) {
                cover.drop(qb.value());
                cover.caseBounded(qb.value());
                return verdict(Verdict.Kind.TIMEOUT, "time out in the incomplete check");
            }
            handleChild(k, cs.input(), ReluSplits.NONE, qb, 0, 1.0, null);
            cover.caseBounded(qb.value());
        }
        if (found != null) {
            return found.withProvedBound(provedBound());
        }
        if (queue.isEmpty()) {
            return verdict(Verdict.Kind.UNSAT, "verified by the incomplete check (deeppoly + optimised slopes)");
        }
        long searchStart = System.nanoTime();
        int threads = Math.max(1, options.threads());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(this::work, "bab-" + t);
            th.setDaemon(true);
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) {
            try {
                // a worker checks the deadline between subproblems only: past the deadline (and a short grace)
                // the search ends without waiting for a subproblem still being bounded (timeout is always sound)
                long waitMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + JOIN_GRACE_MS);
                th.join(waitMs);
                if (th.isAlive()) {
                    stopAtDeadline();
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return verdict(Verdict.Kind.TIMEOUT, "interrupted");
            }
        }
        lock.lock();
        try {
            return outcome().withSearchSeconds((System.nanoTime() - searchStart) / 1e9);
        } finally {
            lock.unlock();
        }
    }

    /** How long past the deadline the search waits for a worker to finish its subproblem. */
    static final long JOIN_GRACE_MS = 50;

    /** Marks the search timed out unless it has already ended otherwise; the workers stop at their next take. */
    private void stopAtDeadline() {
        lock.lock();
        try {
            if (found == null && failure == null && unresolved == null) {
                timedOut = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The verdict once the workers have ended or the deadline has passed (called holding the lock). */
    private Verdict outcome() {
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("a branch-and-bound worker failed: " + failure, failure);
        }
        if (found != null) {
            return found.withProvedBound(provedBound());
        }
        if (timedOut) {
            return verdict(Verdict.Kind.TIMEOUT, String.format(java.util.Locale.ROOT,
                    "time out in branch and bound, %d open subproblems, %.2f%% of the search space decided,"
                            + " smallest margin found %.6g, weakest open bound %.6g",
                    queue.size(), 100 * decided, queue.isEmpty() ? Double.NaN : queue.peek().promise(),
                    queue.stream().mapToDouble(Subproblem::value).min().orElse(Double.NaN)));
        }
        if (unresolved != null) {
            return verdict(Verdict.Kind.UNKNOWN, unresolved);
        }
        return verdict(Verdict.Kind.UNSAT, "verified by branch and bound ("
                + (inputSplitting ? "input" : "ReLU") + " splitting)");
    }

    private static boolean sameBox(Box a, Box b) {
        return b != null && java.util.Arrays.equals(a.lower(), b.lower()) && java.util.Arrays.equals(a.upper(), b.upper());
    }

    /**
     * Intermediate bounds of the root of ReLU splitting, tightened by optimised slopes
     * ({@link IntermediateSlopes}, {@value #ROOT_INTERMEDIATE_STEPS} steps per node and side) within
     * {@value #ROOT_INTERMEDIATE_SHARE} of the time left; every subproblem on this box inherits them.
     */
    private Bounds[] tightRootBounds(Box box) {
        QueryBounder.Intermediate im = bounder.intermediate(box, ReluSplits.NONE, null, 0, true);
        long now = System.nanoTime();
        long until = now + (long) (ROOT_INTERMEDIATE_SHARE * Math.max(0, deadline - now));
        return new IntermediateSlopes(net).tighten(box, im.bounds(), ROOT_INTERMEDIATE_STEPS, until);
    }

    private Verdict verdict(Verdict.Kind kind, String note) {
        return new Verdict(kind, null, null, bounded, note, provedBound());
    }

    /** The bound proved so far on the property margin ({@link ProvedCover}). */
    private double provedBound() {
        lock.lock();
        try {
            return cover.value(queue);
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        long processed = 0;
        while (true) {
            Subproblem s = take();
            if (s == null) {
                return;
            }
            try {
                process(s, processed++);
            } catch (RuntimeException | Error e) {
                fail(e);
                return;
            } finally {
                lock.lock();
                try {
                    cover.done(s);
                    active--;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private Subproblem take() {
        lock.lock();
        try {
            while (true) {
                if (found != null || unresolved != null || timedOut || failure != null) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    changed.signalAll();
                    return null;
                }
                Subproblem s = queue.poll();
                if (s != null) {
                    cover.take(s);
                    active++;
                    return s;
                }
                if (active == 0) {
                    return null;
                }
                changed.await(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void process(Subproblem s, long processed) {
        Property.Case cs = property.cases().get(s.caseIndex());
        double[] hint = s.bestPoint();
        Falsifier.Point p = attack.search(s, cs, processed, deadline);
        if (p != null) {
            if (p.margin() <= 0) {
                cover.drop(s.value());
                report(p, "found by PGD in branch and bound");
                return;
            }
            hint = p.x();
        }
        if (inputSplitting) {
            splitInput(s, hint);
        } else {
            splitRelu(s, cs, hint);
        }
    }

    private void splitInput(Subproblem s, double[] hint) {
        InputBranching.Half[] halves = inputBranching.split(s, rows[s.caseIndex()]);
        if (halves == null) {
            cover.drop(s.value());
            giveUp("a box narrower than " + InputBranching.MIN_WIDTH + " could not be decided");
            return;
        }
        for (InputBranching.Half h : halves) {
            if (h.kept() < 1) {
                cover.close(0); // the part clipped off: its best row's plane is positive there
            }
            addDecided(s.weight() / 2 * (1 - h.kept()));
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
            addDecided(s.weight());
            return;
        }
        double left = (deadline - System.nanoTime()) / 1e9;
        LeafLp.Result r = LeafLp.solve(net, s.box(), s.splits(), qb.lines(), qb.nodeBounds(), cs.c(), cs.d(),
                Math.max(0.1, left));
        if (r.infeasible()) {
            // no point with every row within the slack: the margin exceeds LeafLp.SLACK on the leaf
            cover.close(Math.max(LeafLp.SLACK, qb.value()));
            addDecided(s.weight());
            return;
        }
        if (r.candidate() != null) {
            Falsifier.Point p = falsifier.evaluate(cs, r.candidate());
            if (p.margin() <= 0 && cs.input().contains(p.x(), 0)) {
                cover.drop(Math.max(s.value(), qb.value()));
                report(p, "found by the linear program of a stable leaf");
                return;
            }
        }
        cover.drop(Math.max(s.value(), qb.value()));
        giveUp("a leaf with every ReLU stable was neither refuted nor falsified by its linear program");
    }

    private void addDecided(double weight) {
        lock.lock();
        try {
            decided += weight / property.cases().size();
            progress.update(decided, 1);
        } finally {
            lock.unlock();
        }
    }

    private void handleChild(int caseIndex, Box box, ReluSplits splits, QueryBounds qb, int depth, double weight,
                             double[] hint) {
        Property.Case cs = property.cases().get(caseIndex);
        if (inputSplitting && !qb.verified()) {
            Box clipped = InputClipping.clip(box, qb.inputCoef(), qb.planeOffset());
            if (clipped != box) {
                cover.close(0); // the part clipped off: the plane of the best row is positive there
                double kept = InputClipping.keptFraction(clipped, box);
                addDecided(weight * (1 - kept));
                weight *= kept;
                box = clipped;
            }
        }
        Falsifier.Point bestPoint = attack.bestOf(cs, box, qb, hint);
        if (bestPoint != null && bestPoint.margin() <= 0 && cs.input().contains(bestPoint.x(), 0)) {
            cover.drop(qb.value());
            report(bestPoint, "found at a branch-and-bound leaf");
            return;
        }
        lock.lock();
        try {
            bounded++;
            if (qb.verified()) {
                cover.close(qb.value());
                addDecided(weight); // the lock is reentrant
                return;
            }
            if (queue.size() >= QUEUE_LIMIT) {
                cover.drop(qb.value());
                if (unresolved == null) {
                    unresolved = "more than " + QUEUE_LIMIT + " open subproblems";
                }
                return;
            }
            boolean relu = !inputSplitting;
            queue.add(new Subproblem(caseIndex, box, splits, qb.value(), bestPoint.margin(), bestPoint.x(),
                    qb.inputCoef(), qb.minimiser(),
                    relu ? qb.reluCoef() : null, qb.nodeBounds(), depth, weight, order++,
                    qb.optimised(), qb.planeOffset(), qb.best()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void report(Falsifier.Point p, String how) {
        lock.lock();
        try {
            if (found == null) {
                found = new Verdict(Verdict.Kind.SAT, p.x(), p.y(), bounded, how);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A worker's subproblem failed (e.g. out of memory): the subproblem is lost, so no verdict may be drawn;
     * every worker stops and {@link #run} rethrows the failure.
     */
    private void fail(Throwable e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void giveUp(String why) {
        lock.lock();
        try {
            if (unresolved == null) {
                unresolved = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
