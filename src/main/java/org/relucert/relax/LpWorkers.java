package org.relucert.relax;

import java.util.concurrent.atomic.AtomicLong;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;

/**
 * The identical solver instances ("workers") of an {@link LpModel} and how one of them solves: every change
 * of the model goes to all of them; a solve gets the time left of the run's {@link Deadline} (and at most
 * the per-solve limit) and the iteration cap of {@link IterationCaps}, and a warm start that strays past its
 * cap is retried once from scratch in the time left. Counts the solves, simplex iterations and retries of
 * all models. Distinct workers may solve on distinct threads at once (only while no thread changes the
 * model).
 */
final class LpWorkers implements AutoCloseable {

    private static final AtomicLong SOLVES = new AtomicLong();
    private static final AtomicLong ITERATIONS = new AtomicLong();
    private static final AtomicLong RETRIES = new AtomicLong();

    /**
     * One solve: {@code status} is {@link LinearProgram.Status#TIME_LIMIT} when the deadline had passed
     * ({@code solution} null) or the solve was cut short by its time limit, else the solver's;
     * {@code duals} are the row duals when the solve is OPTIMAL, else null.
     */
    record Solved(LinearProgram.Status status, LinearProgram.Solution solution, double[] duals) {
    }

    private final LinearProgram[] lps;
    private final IterationCaps caps;
    private double timeLimitSeconds;
    private Deadline deadline = Deadline.NONE;

    LpWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("an LP model needs at least one worker, got " + workers);
        }
        lps = new LinearProgram[workers];
        for (int w = 0; w < workers; w++) {
            lps[w] = LinearProgram.lp();
            // GLOP warm-starts from the previous basis only without presolve (measured 1.6x faster here).
            lps[w].setPresolve(false);
        }
        caps = new IterationCaps(lps);
    }

    /** Number of solver instances. */
    int count() {
        return lps.length;
    }

    /** Total number of LP solves by all models since start. */
    static long solveCount() {
        return SOLVES.get();
    }

    /** Total number of simplex iterations of all LP solves since start. */
    static long iterationCount() {
        return ITERATIONS.get();
    }

    /** Warm solves retried from scratch so far (all models). */
    static long retryCount() {
        return RETRIES.get();
    }

    /** Turns the solvers' presolve on or off. */
    void setPresolve(boolean on) {
        for (LinearProgram lp : lps) {
            lp.setPresolve(on);
        }
    }

    /** Per-solve time limit in seconds (&lt;= 0: none). */
    void setTimeLimit(double seconds) {
        this.timeLimitSeconds = seconds;
    }

    /** The per-solve time limit in seconds (&lt;= 0: none). */
    double timeLimit() {
        return timeLimitSeconds;
    }

    /** The deadline of the whole run. */
    void setDeadline(Deadline d) {
        this.deadline = d;
    }

    /** The deadline of the whole run. */
    Deadline deadline() {
        return deadline;
    }

    /** The limit of the next solve: the per-solve limit and the time left, whichever is smaller (0: none). */
    private double solveLimit() {
        double left = deadline.remainingSeconds();
        double per = timeLimitSeconds > 0 ? timeLimitSeconds : Double.POSITIVE_INFINITY;
        double limit = Math.min(left, per);
        return Double.isInfinite(limit) ? 0 : limit;
    }

    /** One iteration cap for every solve, with no retry. */
    void setIterationLimit(long iterations) {
        caps.setExplicit(iterations);
    }

    /** Overrides the cap of warm-started solves (the retry from scratch stays in place). */
    void setWarmIterationCap(long iterations) {
        caps.setWarm(iterations);
    }

    /** Adds a variable with bounds [lb, ub] to every instance; returns its index. */
    int addVariable(double lb, double ub) {
        int v = lps[0].addVariable(lb, ub, false);
        for (int w = 1; w < lps.length; w++) {
            lps[w].addVariable(lb, ub, false);
        }
        return v;
    }

    /** Sets a variable's bounds in every instance. */
    void setBounds(int v, double lb, double ub) {
        for (LinearProgram lp : lps) {
            lp.setBounds(v, lb, ub);
        }
    }

    /** Adds lb &lt;= coefs . x[vars] &lt;= ub to every instance; returns the row index. */
    int addRow(int[] vars, double[] coefs, double lb, double ub) {
        for (int w = 1; w < lps.length; w++) {
            lps[w].addConstraint(vars, coefs, lb, ub);
        }
        return lps[0].addConstraint(vars, coefs, lb, ub);
    }

    /** Changes the sides of row {@code row} in every instance. */
    void setRowBounds(int row, double lb, double ub) {
        for (LinearProgram lp : lps) {
            lp.setConstraintBounds(row, lb, ub);
        }
    }

    /**
     * The solver's status with a zero objective on worker 0 of a model of {@code vars} variables and
     * {@code rows} rows, or TIME_LIMIT when the deadline has passed.
     */
    LinearProgram.Status feasibility(int vars, int rows) {
        if (deadline.expired()) {
            return LinearProgram.Status.TIME_LIMIT;
        }
        SOLVES.incrementAndGet();
        caps.prepare(0, vars, rows);
        return lps[0].optimise(new int[0], new double[0], 0, false, solveLimit()).status();
    }

    /**
     * Optimises coefs . x[objVars] + constant on worker {@code worker} of a model of {@code vars} variables
     * and {@code rows} rows; no solve starts once the deadline has passed.
     */
    Solved optimise(int worker, int vars, int rows, int[] objVars, double[] coefs, double constant,
                    boolean maximise) {
        if (deadline.expired()) {
            return new Solved(LinearProgram.Status.TIME_LIMIT, null, null);
        }
        SOLVES.incrementAndGet();
        LinearProgram lp = lps[worker];
        boolean cold = caps.prepare(worker, vars, rows);
        double limit = solveLimit();
        long start = System.nanoTime();
        LinearProgram.Solution s = lp.optimise(objVars, coefs, constant, maximise, limit);
        ITERATIONS.addAndGet(lp.iterations());
        boolean stopped = s.status() == LinearProgram.Status.FAILED || s.status() == LinearProgram.Status.FEASIBLE;
        if (stopped && !cold && !caps.explicit() && !deadline.expired()) {
            // a warm start that strayed past its cap (GLOP then reports FEASIBLE, or FAILED): once more from
            // scratch, in the time left
            double left = limit > 0 ? limit - (System.nanoTime() - start) / 1e9 : 0;
            if (limit <= 0 || left > 0) {
                RETRIES.incrementAndGet();
                caps.restart(worker, vars, rows);
                s = lp.optimise(objVars, coefs, constant, maximise, left);
                ITERATIONS.addAndGet(lp.iterations());
            }
        }
        if (!s.optimal()) {
            // a solve cut short by its time limit counts as a time-out, whatever status the solver gives
            boolean outOfTime = deadline.expired() || (limit > 0 && (System.nanoTime() - start) / 1e9 >= 0.8 * limit);
            return new Solved(outOfTime ? LinearProgram.Status.TIME_LIMIT : s.status(), s, null);
        }
        return new Solved(s.status(), s, lp.duals());
    }

    @Override
    public void close() {
        for (LinearProgram lp : lps) {
            lp.close();
        }
    }
}
