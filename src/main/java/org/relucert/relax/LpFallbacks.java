package org.relucert.relax;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Network;

/**
 * The fall-backs of a {@link NetworkLp}'s LP bounds to the known IBP/DeepPoly bounds, counted per node and
 * cause (time limit, failed solve, skipped after the solver gave up), and when to give up: after
 * {@value #GIVE_UP_IN_A_ROW} failed solves in a row, or {@value #GIVE_UP_FAILURES} that are at least half
 * of all solves. Safe for the worker threads of one tightening at once.
 */
final class LpFallbacks {
    /**
     * Failed solves after which, if at least half of all solves failed, no further LP is solved on this
     * model: an ill-conditioned model (e.g. weights spanning 1e6 on tiny boxes) fails every solve, each
     * only at its iteration cap, and would take minutes.
     */
    static final int GIVE_UP_FAILURES = 8;
    /** Failed solves in a row after which no further LP is solved on this model. */
    static final int GIVE_UP_IN_A_ROW = 4;

    /** Per node, the LP bounds that kept their IBP/DeepPoly bound because the time limit passed. */
    private final AtomicIntegerArray timedOut;
    /** Per node, the LP solves that failed, and the ones skipped after the solver gave up. */
    private final AtomicIntegerArray failed;
    private final AtomicIntegerArray skipped;
    private final AtomicInteger solves = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile boolean gaveUp;

    /** Counters for the given number of nodes. */
    LpFallbacks(int nodes) {
        this.timedOut = new AtomicIntegerArray(nodes);
        this.failed = new AtomicIntegerArray(nodes);
        this.skipped = new AtomicIntegerArray(nodes);
    }

    /** Whether the solver has given up on this model: no further LP is to be solved. */
    boolean gaveUp() {
        return gaveUp;
    }

    /**
     * The sound bound from an outcome of node j ({@code null}: not solved), or {@code fallback}, the known
     * bound, counted by cause.
     */
    double solved(int j, LpModel.Outcome o, double fallback) {
        if (o != null && o.ok()) {
            solves.incrementAndGet();
            consecutiveFailures.set(0);
            return o.bound();
        }
        double v = fallback;
        if (o == null) {
            skipped.incrementAndGet(j);
        } else if (o.status() == LinearProgram.Status.TIME_LIMIT) {
            timedOut.incrementAndGet(j);
        } else {
            failed.incrementAndGet(j);
            int f = failures.incrementAndGet();
            int all = solves.incrementAndGet();
            if (f >= GIVE_UP_FAILURES && 2 * f >= all || consecutiveFailures.incrementAndGet() >= GIVE_UP_IN_A_ROW) {
                gaveUp = true;
            }
        }
        return v;
    }

    /**
     * One note per node of {@code net} whose LP bounds fell back, by cause; a time-limit note starts with
     * {@link Analysis#TIME_LIMIT} and names the model's {@code deadline}.
     */
    List<String> notes(Network net, Deadline deadline) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < timedOut.length(); j++) {
            String node = "node '" + net.nameOf(j) + "'" + (j == net.output() ? " (the output)" : "");
            int n = timedOut.get(j);
            if (n > 0) {
                String which = deadline.unlimited() ? Analysis.TIME_LIMIT + " per solve"
                        : Analysis.TIME_LIMIT + " of " + Analysis.seconds(deadline.limitSeconds());
                out.add(which + " reached: " + n + " LP bound" + (n == 1 ? "" : "s") + " of " + node
                        + " kept the IBP/DeepPoly bound" + (n == 1 ? "" : "s"));
            }
            int f = failed.get(j);
            if (f > 0) {
                out.add(f + " LP solve" + (f == 1 ? "" : "s") + " of " + node + " ended without an optimum"
                        + " (numerical failure or iteration cap); kept the IBP/DeepPoly bound of each");
            }
            int g = skipped.get(j);
            if (g > 0) {
                out.add(g + " LP bound" + (g == 1 ? "" : "s") + " of " + node + " not solved: the solver gave up after "
                        + GIVE_UP_IN_A_ROW + " failed solves in a row or " + GIVE_UP_FAILURES + " making half of all; kept the IBP/DeepPoly bound of each");
            }
        }
        return out;
    }
}
