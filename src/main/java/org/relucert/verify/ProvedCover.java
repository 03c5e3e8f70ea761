package org.relucert.verify;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The lower bound branch and bound proves on the property margin ({@link Verdict#provedBound}): the
 * subproblems cover every case's box, each part with a sound lower bound of its case margin, so the
 * smallest of those bounds is one of the property margin. A part is closed (decided), dropped (left
 * undecided: the queue was full, it could not be split, the search stopped on it), in flight (taken by a
 * worker, not yet split: its bound still covers its children) or queued (passed to {@link #value}).
 * Each case's root bound is sound on its whole box too, so the result is the larger of that cover minimum
 * and the smallest root bound: never below the incomplete check's bound. Thread-safe.
 */
final class ProvedCover {
    private double closedMin = Double.POSITIVE_INFINITY;
    private double droppedMin = Double.POSITIVE_INFINITY;
    private double rootMin = Double.POSITIVE_INFINITY;
    private int unboundedCases;
    private final Set<Subproblem> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());

    ProvedCover(int cases) {
        this.unboundedCases = cases;
    }

    /** A case's root has this bound (and is closed, dropped or queued). */
    synchronized void caseBounded(double rootBound) {
        rootMin = Math.min(rootMin, rootBound);
        unboundedCases--;
    }

    /** A part is decided with this lower bound. */
    synchronized void close(double bound) {
        closedMin = Math.min(closedMin, bound);
    }

    /** A part is left undecided with this lower bound. */
    synchronized void drop(double bound) {
        droppedMin = Math.min(droppedMin, bound);
    }

    /** A worker took s from the queue. */
    synchronized void take(Subproblem s) {
        inFlight.add(s);
    }

    /** The worker is done with s: its parts are closed, dropped or queued. */
    synchronized void done(Subproblem s) {
        inFlight.remove(s);
    }

    /** The proved bound given the subproblems still queued; -Infinity while a case has no root bound. */
    synchronized double value(Iterable<Subproblem> queued) {
        if (unboundedCases > 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double min = Math.min(closedMin, droppedMin);
        for (Subproblem s : queued) {
            min = Math.min(min, s.value());
        }
        for (Subproblem s : inFlight) {
            min = Math.min(min, s.value());
        }
        return Math.max(min, rootMin);
    }
}
