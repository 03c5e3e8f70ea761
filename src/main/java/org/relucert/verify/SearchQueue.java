package org.relucert.verify;

import java.util.Comparator;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.relucert.Progress;
import org.relucert.net.Box;

/**
 * The state that the threads of a branch-and-bound search share, and the verdict it adds up to: the queue of
 * open subproblems, the number of workers busy with one, the counters (subproblems bounded, share of the
 * search space decided) and how the search ended (a counterexample, a failure, an undecidable part, the
 * deadline).
 *
 * <p>Order: best-first by promise, i.e. the subproblem whose known points come closest to violating the
 * property (smallest margin at its minimising corner, centre and PGD points) first, ties broken by the worst
 * lower bound. The tree of subproblems does not depend on the order (a subproblem's split depends only on
 * itself), so for a property that holds the order changes nothing but memory; for a violated one it
 * steers the search towards the counterexample instead of breadth-first through the largest boxes.
 *
 * <p>Locking: every field below {@link #lock} is guarded by it, and {@link #changed} is signalled whenever
 * one of them changes in a way a waiting worker must see. The lock is reentrant. The {@link ProvedCover} is
 * thread-safe on its own; it is told of takes and completions while the lock is held, so that the queue and
 * its set of parts in flight change together.
 */
final class SearchQueue {
    private static final int QUEUE_LIMIT = 100_000;

    private final int caseCount;
    private final boolean inputSplitting;
    private final long deadline;
    private final Progress progress;
    private final ProvedCover cover;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Subproblem> queue = new PriorityQueue<>(
            Comparator.comparingDouble(Subproblem::promise).thenComparingDouble(Subproblem::value)
                    .thenComparingLong(Subproblem::order));
    private int active;
    private long order;
    private long bounded;
    /** Under input splitting, the subproblems split on their ReLUs instead ({@link SubproblemProcessor}). */
    private final AtomicLong reluSplitBoxes = new AtomicLong();
    private double decided;
    private Verdict found;
    private Throwable failure;
    private String unresolved;
    private boolean timedOut;
    /** Unsat decided beside this search ({@link #settle}), or null. */
    private Verdict settled;

    SearchQueue(int caseCount, boolean inputSplitting, long deadline, Progress progress) {
        this.caseCount = caseCount;
        this.inputSplitting = inputSplitting;
        this.deadline = deadline;
        this.progress = progress;
        this.cover = new ProvedCover(caseCount);
    }

    /** The lower bound proved so far, to be told of every part closed or dropped. */
    ProvedCover cover() {
        return cover;
    }

    /**
     * The next subproblem for a worker, waiting while others may still add some; null once the search has
     * ended (counterexample, failure, deadline) or nothing is queued or in progress. An undecidable part
     * does not end it: the other parts may still hold a counterexample.
     */
    Subproblem take() {
        lock.lock();
        try {
            while (true) {
                if (found != null || timedOut || failure != null || settled != null) {
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

    /** A worker is done with s (split, decided, dropped or failed). */
    void done(Subproblem s) {
        lock.lock();
        try {
            cover.done(s);
            active--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A bounded subproblem with no counterexample at its best point: closed when its bound refutes the case,
     * dropped when the queue is full, queued otherwise.
     */
    void offer(int caseIndex, Box box, ReluSplits splits, QueryBounds qb, Falsifier.Point bestPoint, int depth,
               double weight, boolean keepReluCoef) {
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
            queue.add(new Subproblem(caseIndex, box, splits, qb.value(), bestPoint.margin(), bestPoint.x(),
                    qb.inputCoef(), qb.minimiser(),
                    keepReluCoef ? qb.reluCoef() : null, qb.nodeBounds(), depth, weight, order++,
                    qb.optimised(), qb.planeOffset(), qb.best()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Share of the search space decided so far. */
    double decidedShare() {
        lock.lock();
        try {
            return decided;
        } finally {
            lock.unlock();
        }
    }

    /** A part standing for this fraction of its case's root is decided. */
    void addDecided(double weight) {
        lock.lock();
        try {
            if (settled != null) {
                return; // settle reported the whole space decided; a worker finishing a part adds nothing
            }
            decided += weight / caseCount;
            progress.update(decided, 1);
        } finally {
            lock.unlock();
        }
    }

    /** A counterexample: the search ends with sat (the first one reported is kept). */
    void report(Falsifier.Point p, String how) {
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
     * every worker stops and {@link #outcome} rethrows the failure.
     */
    void fail(Throwable e) {
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

    /**
     * A part could not be decided: the search goes on in the other parts, which may still hold a
     * counterexample, and ends with unknown when none is found (with time-out when the deadline comes first).
     * On a planted pocket of dimension 4 (PlantedPocketsAreNeverUnsatTest, seed 4) the first stable leaf met
     * touches the unsafe set only on its boundary, so its linear program neither refutes it nor gives a
     * counterexample; ending the search there answered unknown, going on finds the pocket.
     */
    void giveUp(String why) {
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

    /**
     * Another complete method ({@link LpSearch}) proved every case: the search ends with unsat, {@code bound}
     * being the margin bound that method proved over every case's box, unless it has already ended otherwise.
     */
    void settle(double bound, String note) {
        lock.lock();
        try {
            if (found == null && failure == null && !timedOut && settled == null) {
                settled = new Verdict(Verdict.Kind.UNSAT, null, null, bounded, note, bound);
                decided = 1;
                progress.update(1, 1);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the search has ended (counterexample, failure, deadline or settled), so that helpers may stop. */
    boolean ended() {
        lock.lock();
        try {
            return found != null || timedOut || failure != null || settled != null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the search has run out of work with undecided parts only (it would end unknown). */
    boolean undecidedOnly() {
        lock.lock();
        try {
            return unresolved != null && !ended() && queue.isEmpty() && active == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the search timed out unless it has already ended otherwise; the workers stop at their next take. */
    void stopAtDeadline() {
        lock.lock();
        try {
            if (found == null && failure == null) {
                timedOut = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The counterexample found so far with the bound proved so far, or null. */
    Verdict found() {
        lock.lock();
        try {
            return found == null ? null : found.withProvedBound(provedBound());
        } finally {
            lock.unlock();
        }
    }

    /** Whether no subproblem is queued. */
    boolean isEmpty() {
        lock.lock();
        try {
            return queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The verdict once the workers have ended or the deadline has passed. */
    Verdict outcome() {
        lock.lock();
        try {
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("a branch-and-bound worker failed: " + failure, failure);
            }
            if (found != null) {
                return found.withProvedBound(provedBound());
            }
            if (settled != null) {
                return settled;
            }
            if (timedOut) {
                return verdict(Verdict.Kind.TIMEOUT, String.format(Locale.ROOT,
                        "time out in branch and bound, %d open subproblems, %.2f%% of the search space decided,"
                                + " smallest margin found %.6g, weakest open bound %.6g",
                        queue.size(), 100 * decided, queue.isEmpty() ? Double.NaN : queue.peek().promise(),
                        queue.stream().mapToDouble(Subproblem::value).min().orElse(Double.NaN))
                        + (unresolved == null ? "" : "; also undecided: " + unresolved));
            }
            if (unresolved != null) {
                return verdict(Verdict.Kind.UNKNOWN, unresolved);
            }
            if (!queue.isEmpty() || active > 0) {
                // never unsat with work left (the workers end early only on the deadline or a verdict)
                return verdict(Verdict.Kind.TIMEOUT, "branch and bound ended with " + (queue.size() + active)
                        + " subproblems left");
            }
            long relu = reluSplitBoxes.get();
            return verdict(Verdict.Kind.UNSAT, "verified by branch and bound ("
                    + (!inputSplitting ? "ReLU splitting" : relu == 0 ? "input splitting"
                    : "input splitting, and ReLU splitting of " + relu + " subproblems with few unstable ReLUs") + ")");
        } finally {
            lock.unlock();
        }
    }

    /** Counts a subproblem of input splitting that is split on its ReLUs. */
    void countReluSplit() {
        reluSplitBoxes.incrementAndGet();
    }

    /** A verdict without a counterexample, with the subproblems bounded and the bound proved so far. */
    Verdict verdict(Verdict.Kind kind, String note) {
        lock.lock();
        try {
            return new Verdict(kind, null, null, bounded, note, provedBound());
        } finally {
            lock.unlock();
        }
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
}
