package org.relucert.precision;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bounds.Deadline;
import org.relucert.exact.ExactRangeException;
import org.relucert.net.Box;

/**
 * The checking of a search's boxes on its pool: a box past the deadline, or whose bounds fell back because
 * of it, is skipped and counted; a box whose exact range cannot be computed is a recorded failure; the
 * progress listener hears of every box handled.
 */
final class BoxChecks {
    private final int budget;

    BoxChecks(int budget) {
        this.budget = budget;
    }

    private Deadline deadline = Deadline.NONE;
    private final AtomicInteger skippedForTime = new AtomicInteger();

    /** Skips the boxes checked once {@code d} passes. */
    void within(Deadline d) {
        this.deadline = d;
    }

    Deadline deadline() {
        return deadline;
    }

    private Progress boxesDone = Progress.NONE;
    private final AtomicInteger done = new AtomicInteger();

    /** Tells {@code listener} the number of boxes handled after each box. */
    void reporting(Progress listener) {
        this.boxesDone = listener;
    }

    /** Forgets the counts and failures of an earlier run. */
    void reset() {
        failures.clear();
        skippedForTime.set(0);
        done.set(0);
    }

    /** Boxes skipped for the time limit. */
    int skippedForTime() {
        return skippedForTime.get();
    }

    /** The messages of the boxes whose exact range could not be computed. */
    List<String> failures() {
        return failures;
    }

    private final List<String> failures = new ArrayList<>();

    /** Set when the thread running the search is interrupted: the boxes still queued are then skipped. */
    private volatile boolean stopped;

    /** The gap of a box, or null when it was skipped or failed; counts it as handled. */
    BoxGap safely(Function<Box, BoxGap> evaluate, Box box) {
        try {
            return gapOf(evaluate, box);
        } finally {
            int n = done.incrementAndGet();
            boxesDone.update(n, Math.max(n, budget));
        }
    }

    private BoxGap gapOf(Function<Box, BoxGap> evaluate, Box box) {
        if (stopped) {
            throw new CancellationException("precision search interrupted");
        }
        if (deadline.expired()) {
            skippedForTime.incrementAndGet();
            return null;
        }
        try {
            BoxGap g = evaluate.apply(box);
            if (g.timeLimited()) {
                skippedForTime.incrementAndGet();
                return null;
            }
            return g;
        } catch (Deadline.Expired e) {
            skippedForTime.incrementAndGet();
            return null;
        } catch (InvalidInputException | ExactRangeException e) {
            synchronized (failures) {
                failures.add(e.getMessage());
            }
            return null;
        }
    }

    /** The gaps of the candidates' boxes, checked in parallel on {@code pool}, in the candidates' order. */
    BoxGap[] evaluateAll(ForkJoinPool pool, List<CandidateBoxes.Candidate> candidates,
                         Function<Box, BoxGap> evaluate) {
        BoxGap[] out = new BoxGap[candidates.size()];
        run(pool, () -> IntStream.range(0, out.length).parallel()
                .forEach(i -> out[i] = safely(evaluate, candidates.get(i).box())));
        return out;
    }

    /** Runs {@code task} on {@code pool} and waits; an interrupt stops the boxes still queued. */
    void run(ForkJoinPool pool, Runnable task) {
        try {
            pool.submit(task).get();
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
            throw new IllegalStateException("precision search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
