package org.relucert.relax;

import org.relucert.lp.LinearProgram;

/**
 * The simplex iteration caps of an {@link LpModel}'s solver instances ("workers"), and when a worker starts
 * from scratch. Without an explicit cap a solve from scratch gets {@link #cold}, a warm-started one
 * {@link #warm}; a worker whose model has more than doubled since its last solve starts from scratch (a basis
 * of a much smaller model is a poor start, and GLOP can stall from it).
 */
final class IterationCaps {
    private final LinearProgram[] lps;
    /** Per worker: model size (variables + rows) at its last solve, 0 before the first. */
    private final int[] solvedSize;
    /** Per worker: the iteration cap currently set on it (0: none set yet). */
    private final long[] capSet;
    private boolean explicit;
    /** The warm-start cap when set by {@link #setWarm} (0: {@link #warm}). */
    private long warmCap;

    IterationCaps(LinearProgram[] lps) {
        this.lps = lps;
        solvedSize = new int[lps.length];
        capSet = new long[lps.length];
    }

    /**
     * The iteration cap of a solve from scratch when none is set: far above what a sound simplex run on a
     * model of this size needs (a few times rows + variables), so that only a stalled, cycling solve on an
     * ill-conditioned model (e.g. weights spanning 1e6 on tiny boxes) reaches it and falls back.
     */
    static long cold(int vars, int rows) {
        return 2 * (2_000 + 10L * (vars + rows));
    }

    /**
     * The iteration cap of a warm-started solve when none is set. A re-solve from the previous basis needs
     * a small part of a cold solve's iterations; one that needs more than the model's size has strayed
     * (GLOP was seen taking 167,820 warm iterations, over 2 minutes, on a model that a cold start solves in
     * 359), so it ends and is retried once from scratch with {@link #cold}.
     */
    static long warm(int vars, int rows) {
        return 2 * (1_000 + (vars + rows) / 2L);
    }

    /** One cap for every solve of every worker, with no retry (tests force solver failures with it). */
    void setExplicit(long iterations) {
        explicit = true;
        for (LinearProgram lp : lps) {
            lp.setIterationLimit(iterations);
        }
    }

    /** Whether an explicit cap is set (a solve stopped at it is not retried). */
    boolean explicit() {
        return explicit;
    }

    /** Overrides the cap of warm-started solves (the retry from scratch stays in place). */
    void setWarm(long iterations) {
        warmCap = iterations;
    }

    /** Prepares worker w's next solve on a model of this size; returns whether it starts from scratch. */
    boolean prepare(int w, int vars, int rows) {
        int size = vars + rows;
        boolean cold = solvedSize[w] == 0 || size > 2L * solvedSize[w];
        if (cold && solvedSize[w] > 0) {
            lps[w].startFromScratch();
        }
        solvedSize[w] = size;
        if (!explicit) {
            cap(w, cold ? cold(vars, rows) : warmCap > 0 ? warmCap : warm(vars, rows));
        }
        return cold;
    }

    /** Prepares worker w's retry from scratch after a warm solve strayed. */
    void restart(int w, int vars, int rows) {
        lps[w].startFromScratch();
        cap(w, cold(vars, rows));
    }

    /** Sets worker w's iteration cap when it differs from the one set. */
    private void cap(int w, long iterations) {
        if (capSet[w] != iterations) {
            capSet[w] = iterations;
            lps[w].setIterationLimit(iterations);
        }
    }
}
