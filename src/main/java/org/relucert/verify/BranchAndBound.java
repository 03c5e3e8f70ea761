package org.relucert.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
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
 * is halved along one of its wide dimensions (at least {@value #WIDE_ENOUGH} of the widest), the one whose
 * halves get the best quick estimate (sum of min(bound, 0) over both halves, intermediate bounds inherited
 * from the parent without refinement; ties go to the smear choice, the largest |g_i|·width_i with g the
 * best row's input coefficients). Restricting the trial to wide dimensions matters: on ACAS Xu the quick
 * estimate alone kept halving narrow dimensions (property 1 on network 3_5: time-out after 60 s; with the
 * restriction: 0.5 s). A half whose quick estimate already refutes the case is not bounded again. Otherwise an unstable ReLU is
 * split into its active and inactive phases, choosing the neuron with the largest
 * |a_i|·u_i·(-l_i)/(u_i-l_i) (the best row's back-substitution coefficient on the neuron times the height
 * of its triangle relaxation, a BaBSR-style intercept score); each child's phase constraints enter its
 * final bound as Lagrangian terms whose multipliers are optimised with the slopes (beta-CROWN, see
 * {@link SlopeOptimiser}), which on MNIST FC turned 30 s time-outs into 1-5 s proofs. Under ReLU
 * splitting the root's intermediate bounds are first tightened by optimised slopes
 * ({@link IntermediateSlopes}) and inherited by every subproblem, and each child starts its slope and
 * multiplier optimisation from its parent's. A leaf with no unstable neuron left is
 * affine and is decided by {@link LeafLp}. Conjunctions are bounded with {@link ConjunctionRows} (input
 * splitting only). Every child's minimising corner, centre and inherited best point are checked as
 * counterexamples, and each subproblem (input splitting; every 16th for ReLU splitting) gets a short PGD
 * run, polished by coordinate descent on low-dimensional inputs, where every {@value #REGION_EVERY}th
 * subproblem also gets a few LPs along linear regions ({@link RegionSearch}).
 *
 * <p>Unsat is deterministic (every leaf must be refuted, whatever the order); which counterexample is
 * reported may depend on thread timing, and so may sat versus unknown when an undecidable leaf (a box
 * narrower than {@value #MIN_WIDTH}, a failed leaf LP, a full queue) is met before the counterexample.
 */
final class BranchAndBound {
    private static final int QUEUE_LIMIT = 100_000;
    private static final double MIN_WIDTH = 1e-9;
    /** With input splitting, every this many subproblems (per worker) also get region LPs ({@link RegionSearch}). */
    private static final int REGION_EVERY = 4;
    /** Slope steps per node and side for the root's intermediate bounds under ReLU splitting. */
    private static final int ROOT_INTERMEDIATE_STEPS = 20;
    /** Share of the time left that the root's intermediate bounds may take. */
    private static final double ROOT_INTERMEDIATE_SHARE = 0.25;
    /** Input splitting tries only dimensions at least this fraction of the widest one. */
    private static final double WIDE_ENOUGH = 0.5;

    private final Network net;
    private final Property property;
    private final Verifier.Options options;
    private final long deadline;
    private final Verifier.Progress progress;
    private final QueryBounder bounder;
    private final SlopeOptimiser slopes;
    private final Falsifier falsifier;
    private final RegionSearch region;
    private final boolean inputSplitting;
    private final int leafAlpha;
    private final ConjunctionRows.Rows[] rows;

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

    BranchAndBound(Network net, Property property, Verifier.Options options, long deadline,
                   Verifier.Progress progress) {
        this.net = net;
        this.property = property;
        this.options = options;
        this.deadline = deadline;
        this.progress = progress;
        this.bounder = new QueryBounder(net);
        this.slopes = new SlopeOptimiser(net);
        this.falsifier = new Falsifier(net);
        this.region = new RegionSearch(net, falsifier);
        this.inputSplitting = net.inputSize() <= QueryBounder.FORWARD_MAX_DIM;
        this.leafAlpha = options.leafAlphaSteps() >= 0 ? options.leafAlphaSteps() : (inputSplitting ? 10 : 32);
        this.rows = new ConjunctionRows.Rows[property.cases().size()];
        for (int k = 0; k < rows.length; k++) {
            Property.Case cs = property.cases().get(k);
            // combination rows pay off on low-dimensional inputs; on image networks they cost too much
            rows[k] = inputSplitting && cs.c().length > 1 ? ConjunctionRows.augment(cs.c(), cs.d())
                    : new ConjunctionRows.Rows(cs.c(), cs.d());
        }
    }

    Verdict run() {
        List<Property.Case> cases = property.cases();
        Box rootBox = null;
        Bounds[] rootBounds = null;
        for (int k = 0; k < cases.size(); k++) {
            Property.Case cs = cases.get(k);
            if (cs.c().length == 0) {
                Falsifier.Point p = falsifier.evaluate(cs, cs.input().centre());
                return new Verdict(Verdict.Kind.SAT, p.x(), p.y(), 0, "every output is unsafe");
            }
            if (!inputSplitting && !sameBox(cs.input(), rootBox)) {
                rootBox = cs.input();
                rootBounds = tightRootBounds(rootBox);
            }
            Bounds[] inherited = inputSplitting ? null : rootBounds;
            QueryBounds qb = bounder.bound(cs.input(), ReluSplits.NONE, inherited, net.nodes().size(), rows[k].c(),
                    rows[k].d(), true);
            qb = slopes.optimise(cs.input(), qb, rows[k].c(), rows[k].d(), options.rootAlphaSteps());
            if (System.nanoTime() > deadline) {
                return verdict(Verdict.Kind.TIMEOUT, "time out in the incomplete check");
            }
            handleChild(k, cs.input(), ReluSplits.NONE, qb, 0, 1.0, null);
        }
        if (found != null) {
            return found;
        }
        if (queue.isEmpty()) {
            return verdict(Verdict.Kind.UNSAT, "verified by the incomplete check (deeppoly + optimised slopes)");
        }
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
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return verdict(Verdict.Kind.TIMEOUT, "interrupted");
            }
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("a branch-and-bound worker failed: " + failure, failure);
        }
        if (found != null) {
            return found;
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
        return new Verdict(kind, null, null, bounded, note);
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
        if (inputSplitting || processed % 16 == 15) {
            Property.Case local = new Property.Case(s.box(), cs.c(), cs.d());
            Falsifier.Point p = falsifier.descend(local, s.bestPoint(), 8);
            if (inputSplitting) {
                p = falsifier.polish(local, p, 40);
                if (processed % REGION_EVERY == 0) {
                    p = region.improve(local, p, 3);
                }
            }
            if (p.margin() <= 0) {
                report(p, "found by PGD in branch and bound");
                return;
            }
            hint = p.x();
        }
        if (inputSplitting) {
            splitInput(s, cs, hint);
        } else {
            splitRelu(s, cs, hint);
        }
    }

    private void splitInput(Subproblem s, Property.Case cs, double[] hint) {
        Box box = s.box();
        Trial trial = trialDimension(s);
        if (trial == null) {
            giveUp("a box narrower than " + MIN_WIDTH + " could not be decided");
            return;
        }
        Box[] children = halves(box, trial.dim());
        for (int h = 0; h < 2; h++) {
            Box child = children[h];
            QueryBounds qb = trial.quick()[h];
            if (!qb.verified()) {
                // the quick estimate (no back-substitution of intermediate bounds) did not decide it
                ConjunctionRows.Rows r = rows[s.caseIndex()];
                qb = bounder.bound(child, ReluSplits.NONE, s.inherited(), r.c(), r.d());
                qb = slopes.optimise(child, qb, r.c(), r.d(), leafAlpha);
            }
            handleChild(s.caseIndex(), child, ReluSplits.NONE, qb, s.depth() + 1, s.weight() / 2, hint);
        }
    }

    /** The chosen dimension and the quick bounds of its two halves. */
    private record Trial(int dim, QueryBounds[] quick) {
    }

    private static Box[] halves(Box box, int dim) {
        double mid = 0.5 * (box.lower()[dim] + box.upper()[dim]);
        double[] upperOfLeft = box.upper().clone();
        upperOfLeft[dim] = mid;
        double[] lowerOfRight = box.lower().clone();
        lowerOfRight[dim] = mid;
        return new Box[] {new Box(box.lower(), upperOfLeft), new Box(lowerOfRight, box.upper())};
    }

    /**
     * Among the dimensions at least {@value #WIDE_ENOUGH} times as wide as the widest, the one whose
     * halving gives the best quick estimate (sum over both halves of min(bound, 0),
     * intermediate bounds inherited from the parent, no back-substitution refinement); ties and
     * vanishing estimates fall back to {@link #chooseDimension}. Null when every dimension is too narrow.
     */
    private Trial trialDimension(Subproblem s) {
        Box box = s.box();
        Trial best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int fallback = chooseDimension(box, s.inputCoef());
        ConjunctionRows.Rows r = rows[s.caseIndex()];
        double widest = 0;
        for (int dim = 0; dim < box.dim(); dim++) {
            widest = Math.max(widest, box.upper()[dim] - box.lower()[dim]);
        }
        for (int dim = 0; dim < box.dim(); dim++) {
            double mid = 0.5 * (box.lower()[dim] + box.upper()[dim]);
            if (box.upper()[dim] - box.lower()[dim] < WIDE_ENOUGH * widest) {
                continue;
            }
            if (box.upper()[dim] - box.lower()[dim] < MIN_WIDTH || !(mid > box.lower()[dim] && mid < box.upper()[dim])) {
                continue;
            }
            double score = 0;
            QueryBounds[] quick = new QueryBounds[2];
            Box[] halves = halves(box, dim);
            for (int h = 0; h < 2; h++) {
                quick[h] = bounder.bound(halves[h], ReluSplits.NONE, s.inherited(), r.c(), r.d(), false);
                score += Math.min(0, quick[h].value());
            }
            if (score > bestScore || score == bestScore && dim == fallback) {
                bestScore = score;
                best = new Trial(dim, quick);
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

    private void splitRelu(Subproblem s, Property.Case cs, double[] hint) {
        int[] choice = chooseNeuron(s);
        if (choice == null) {
            decideStableLeaf(s, cs);
            return;
        }
        int node = choice[0];
        int neuron = choice[1];
        int size = net.node(node).size();
        for (int sign : new int[] {1, -1}) {
            ReluSplits splits = s.splits().with(node, size, neuron, sign);
            ConjunctionRows.Rows r = rows[s.caseIndex()];
            // the nodes before the split ReLU keep the parent's bounds (same box, same phases there)
            QueryBounds qb = bounder.bound(s.box(), splits, s.inherited(), node, r.c(), r.d(), true);
            qb = slopes.optimise(s.box(), qb, r.c(), r.d(), leafAlpha, splits, s.warm());
            handleChild(s.caseIndex(), s.box(), splits, qb, s.depth() + 1, s.weight() / 2, hint);
        }
    }

    /** A leaf whose neurons are all stable is affine: decide it exactly by a linear program. */
    private void decideStableLeaf(Subproblem s, Property.Case cs) {
        // same box and phases as when s was bounded: every node keeps its bounds, only the lines are rebuilt
        QueryBounds qb = bounder.bound(s.box(), s.splits(), s.inherited(), net.nodes().size(), cs.c(), cs.d(), true);
        if (qb.verified()) {
            addDecided(s.weight());
            return;
        }
        double left = (deadline - System.nanoTime()) / 1e9;
        LeafLp.Result r = LeafLp.solve(net, s.box(), s.splits(), qb.lines(), cs.c(), cs.d(), Math.max(0.1, left));
        if (r.infeasible()) {
            addDecided(s.weight());
            return;
        }
        if (r.candidate() != null) {
            Falsifier.Point p = falsifier.evaluate(cs, r.candidate());
            if (p.margin() <= 0 && cs.input().contains(p.x(), 0)) {
                report(p, "found by the linear program of a stable leaf");
                return;
            }
        }
        giveUp("a leaf with every ReLU stable was neither refuted nor falsified by its linear program");
    }

    private void addDecided(double weight) {
        lock.lock();
        try {
            decided += weight / property.cases().size();
            progress.update(decided);
        } finally {
            lock.unlock();
        }
    }

    /** {node, neuron} of the unstable ReLU with the best score, or null when none is unstable. */
    private int[] chooseNeuron(Subproblem s) {
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

    private void handleChild(int caseIndex, Box box, ReluSplits splits, QueryBounds qb, int depth, double weight,
                             double[] hint) {
        Property.Case cs = property.cases().get(caseIndex);
        Falsifier.Point bestPoint = null;
        if (!qb.verified() && qb.minimiser() != null) {
            double[] inherited = hint != null && box.contains(hint, 0) ? hint : box.centre();
            for (double[] x : new double[][] {qb.minimiser(), box.centre(), inherited}) {
                Falsifier.Point p = falsifier.evaluate(cs, x);
                if (p.margin() <= 0 && cs.input().contains(p.x(), 0)) {
                    report(p, "found at a branch-and-bound leaf");
                    return;
                }
                if (bestPoint == null || p.margin() < bestPoint.margin()) {
                    bestPoint = p;
                }
            }
        }
        lock.lock();
        try {
            bounded++;
            if (qb.verified()) {
                decided += weight / property.cases().size();
                progress.update(decided);
                return;
            }
            if (queue.size() >= QUEUE_LIMIT) {
                if (unresolved == null) {
                    unresolved = "more than " + QUEUE_LIMIT + " open subproblems";
                }
                return;
            }
            boolean relu = !inputSplitting;
            queue.add(new Subproblem(caseIndex, box, splits, qb.value(), bestPoint.margin(), bestPoint.x(),
                    qb.inputCoef(), qb.minimiser(),
                    relu ? qb.reluCoef() : null, qb.nodeBounds(), depth, weight, order++,
                    relu ? qb.optimised() : null));
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
