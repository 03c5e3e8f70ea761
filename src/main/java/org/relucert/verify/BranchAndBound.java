package org.relucert.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.relucert.Progress;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * Branch and bound over the cases of a property on a shared work queue served by several threads: bounds
 * every case's root (the incomplete check), then starts the workers, each taking subproblems from the
 * {@link SearchQueue} and processing them ({@link SubproblemProcessor}) until the search ends or the
 * deadline passes.
 *
 * <p>Under ReLU splitting the root's intermediate bounds are first tightened by optimised slopes
 * ({@link IntermediateSlopes}) and inherited by every subproblem. Under input splitting the cases of a
 * disjunction on one input box (e.g. "some other class scores at least as high") share the intermediate
 * bounds of the first case's root, which do not depend on the output rows: on cifar_biasfield prop_0 (9 cases,
 * 16 inputs) refining them once instead of nine times turned a time-out in the incomplete check at 120 s into
 * unsat in 90 s (load 5). Conjunctions are bounded with
 * {@link ConjunctionRows} (input splitting only). Counterexamples are searched in the subproblems as they
 * are processed ({@link SubproblemAttack}).
 *
 * <p>On networks of at most {@value LpSearch#MAX_RELUS} ReLUs and with two or more threads, one thread runs the
 * search over ReLU phases on one LP ({@link LpSearch}) beside the workers; whichever decides first ends the
 * search, and the LP search hands its thread to branch and bound when it falls behind ({@link #behind}).
 *
 * <p>Unsat is deterministic (every leaf must be refuted, whatever the order); which counterexample is
 * reported may depend on thread timing, and so may sat versus unknown when an undecidable leaf (a box
 * narrower than {@value InputBranching#MIN_WIDTH}, a failed leaf LP, a full queue) is met before the counterexample.
 */
final class BranchAndBound {
    /** Slope steps per node and side for the root's intermediate bounds under ReLU splitting. */
    private static final int ROOT_INTERMEDIATE_STEPS = 20;
    /** Share of the time left that the root's intermediate bounds may take. */
    private static final double ROOT_INTERMEDIATE_SHARE = 0.25;

    private final Network net;
    private final Property property;
    private final Verifier.Options options;
    private final long deadline;
    private final QueryBounder bounder;
    private final SlopeOptimiser slopes;
    private final Falsifier falsifier;
    private final boolean inputSplitting;
    private final ConjunctionRows.Rows[] rows;
    private final SearchQueue search;
    private final SubproblemProcessor processor;

    BranchAndBound(Network net, Property property, Verifier.Options options, long deadline,
                   Progress progress) {
        this.net = net;
        this.property = property;
        this.options = options;
        this.deadline = deadline;
        this.bounder = new QueryBounder(net);
        this.slopes = new SlopeOptimiser(net);
        this.falsifier = new Falsifier(net);
        this.inputSplitting = net.inputSize() <= QueryBounder.FORWARD_MAX_DIM;
        this.rows = new ConjunctionRows.Rows[property.cases().size()];
        for (int k = 0; k < rows.length; k++) {
            Property.Case cs = property.cases().get(k);
            // combination rows pay off on low-dimensional inputs; on image networks they cost too much
            rows[k] = inputSplitting && cs.c().length > 1 ? ConjunctionRows.augment(cs.c(), cs.d())
                    : new ConjunctionRows.Rows(cs.c(), cs.d());
        }
        this.search = new SearchQueue(property.cases().size(), inputSplitting, deadline, progress);
        this.processor = new SubproblemProcessor(net, property, options, deadline, bounder, slopes, falsifier,
                inputSplitting, rows, search);
    }

    /** Share of the time left that the root's intermediate refinement may use (the rest: slopes, branching). */
    static final double ROOT_REFINE_SHARE = 0.3;

    Verdict run() {
        List<Property.Case> cases = property.cases();
        Box rootBox = null;
        Bounds[] rootBounds = null;
        ProvedCover cover = search.cover();
        List<Property.Case> open = new ArrayList<>();
        List<Bounds[]> openBounds = new ArrayList<>();
        double decidedAtRoot = Double.POSITIVE_INFINITY;
        for (int k = 0; k < cases.size(); k++) {
            Property.Case cs = cases.get(k);
            if (cs.c().length == 0) {
                Falsifier.Point p = falsifier.evaluate(cs, cs.input().centre());
                return new Verdict(Verdict.Kind.SAT, p.x(), p.y(), 0, "every output is unsafe",
                        Double.NEGATIVE_INFINITY);
            }
            if (!sameBox(cs.input(), rootBox)) {
                rootBox = cs.input();
                // input splitting: computed with the first case's root below, then shared by the cases on this box
                rootBounds = inputSplitting ? null : tightRootBounds(rootBox);
            }
            Bounds[] inherited = rootBounds;
            long now = System.nanoTime();
            long refineUntil = now + (long) (ROOT_REFINE_SHARE * Math.max(0, deadline - now));
            QueryBounds qb = bounder.bound(cs.input(), ReluSplits.NONE, inherited, net.nodes().size(), rows[k].c(),
                    rows[k].d(), true, refineUntil);
            qb = slopes.optimise(cs.input(), qb, rows[k].c(), rows[k].d(), options.rootAlphaSteps(), ReluSplits.NONE,
                    null, deadline);
            if (System.nanoTime() > deadline) {
                cover.drop(qb.value());
                cover.caseBounded(qb.value());
                return search.verdict(Verdict.Kind.TIMEOUT, "time out in the incomplete check");
            }
            if (inputSplitting && rootBounds == null) {
                rootBounds = qb.nodeBounds(); // intermediate bounds do not depend on the rows
            }
            processor.handleChild(k, cs.input(), ReluSplits.NONE, qb, 0, 1.0, null);
            cover.caseBounded(qb.value());
            if (!qb.verified()) {
                open.add(cs);
                openBounds.add(qb.nodeBounds());
            } else {
                decidedAtRoot = Math.min(decidedAtRoot, qb.value());
            }
        }
        Verdict found = search.found();
        if (found != null) {
            return found;
        }
        if (search.isEmpty()) {
            return search.verdict(Verdict.Kind.UNSAT, "verified by the incomplete check (deeppoly + optimised slopes)");
        }
        long searchStart = System.nanoTime();
        int threads = Math.max(1, options.threads());
        AtomicBoolean stopLp = new AtomicBoolean();
        Thread lp = null;
        if (threads >= 2 && net.reluCount() <= LpSearch.MAX_RELUS && !open.isEmpty() && !openBounds.contains(null)) {
            threads--; // one of the threads searches the ReLU phases on an LP instead; the first to decide ends both
            lp = startLpSearch(open, openBounds, decidedAtRoot, stopLp);
        }
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
                    search.stopAtDeadline();
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return search.verdict(Verdict.Kind.TIMEOUT, "interrupted");
            }
        }
        if (lp != null) {
            // branch and bound has decided unless only undecidable parts are left: then the LP search goes on
            stopLp.set(!search.undecidedOnly());
            try {
                lp.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + JOIN_GRACE_MS));
                stopLp.set(true);
                if (lp.isAlive()) {
                    search.stopAtDeadline();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return search.outcome().withSearchSeconds((System.nanoTime() - searchStart) / 1e9);
    }

    /**
     * Starts the thread of {@link LpSearch} on the open cases and their root bounds; unless {@code stop} is set,
     * it joins branch and bound ({@link #work}) when the LP search ends undecided or hands back.
     */
    private Thread startLpSearch(List<Property.Case> open, List<Bounds[]> openBounds, double decidedAtRoot,
                                 AtomicBoolean stop) {
        Deadline until = Deadline.after((deadline - System.nanoTime()) / 1e9);
        LpSearch lps = new LpSearch(net, falsifier);
        long start = System.nanoTime();
        Thread lp = new Thread(() -> {
            try {
                lps.run(open, openBounds, decidedAtRoot, search, until,
                        () -> stop.get() || search.ended() || behind(lps, open.size(), start));
            } catch (RuntimeException | Error e) {
                search.fail(e);
                return;
            }
            if (!stop.get()) {
                work();
            }
        }, "lp-search");
        lp.setDaemon(true);
        lp.start();
        return lp;
    }

    /** Seconds before the LP search's progress is compared with branch and bound's ({@link #behind}). */
    static final double LP_PROBE_SECONDS = 2;
    /** The LP search hands its thread back when it has decided less than this share of what branch and bound has. */
    static final double LP_BEHIND = 0.1;

    /**
     * Whether the LP search, started at {@code start}, has fallen so far behind branch and bound that its thread
     * should rather join it: after {@value #LP_PROBE_SECONDS} s, a decided share below {@value #LP_BEHIND} of
     * branch and bound's. The search over phases closes its parts depth first, so its share grows late; the
     * rule only hands back searches that close almost nothing (measured on reach_prob_density, 40 s, 2 threads:
     * vdp_0 at 2 s 0.0001 against 0.25, robot_3 at 4 s 0.0000 against 0.0002, both undecided by it in 60 s;
     * gcas_3 0.14 against 0.64 and gcas_0 0.008 against 0.004, both decided by it, in 7 s and 95 s).
     */
    private boolean behind(LpSearch lps, int cases, long start) {
        return (System.nanoTime() - start) / 1e9 >= LP_PROBE_SECONDS
                && lps.decidedShare(cases) < LP_BEHIND * search.decidedShare();
    }

    /** How long past the deadline the search waits for a worker to finish its subproblem. */
    static final long JOIN_GRACE_MS = 50;

    private static boolean sameBox(Box a, Box b) {
        return b != null && Arrays.equals(a.lower(), b.lower()) && Arrays.equals(a.upper(), b.upper());
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

    /** A worker: takes and processes subproblems until the queue has none for it; a failure stops every worker. */
    private void work() {
        long processed = 0;
        while (true) {
            Subproblem s = search.take();
            if (s == null) {
                return;
            }
            try {
                processor.process(s, processed++);
            } catch (RuntimeException | Error e) {
                search.fail(e);
                return;
            } finally {
                search.done(s);
            }
        }
    }
}
