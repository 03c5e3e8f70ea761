package org.relucert.relax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;

/**
 * A continuous LP built once and re-solved for many objectives (GLOP warm start), which also keeps
 * its own copy of every variable bound and row so that it can (a) turn each optimum into a
 * <em>sound</em> bound and (b) be copied, e.g. into a disjunctive hull.
 *
 * <p>Soundness of LP optima: the value reported for a minimum is not GLOP's objective but the
 * Lagrangian (Neumaier-Shcherbina) bound {@code sum_r y_r*side_r + sum_j min(r_j*L_j, r_j*U_j)}
 * with the solver's row duals {@code y} and reduced costs {@code r = c - A^T y}, which is a valid lower
 * bound for <em>any</em> multipliers of the right signs because every variable is boxed (Neumaier and
 * Shcherbina's safe bound). It is evaluated in outward-rounded arithmetic (rounding-error enclosures of
 * the reduced costs, products rounded down, see {@link SafeLpBound}), so it holds in exact arithmetic
 * for the rows and bounds as stored, whatever the solver's accuracy; no fixed padding. A solve that is not
 * OPTIMAL yields no bound at all.
 *
 * <p>Emptiness: a solve ends {@link LinearProgram.Status#INFEASIBLE} only when the model is <em>provably</em>
 * empty ({@link ElasticRegion}: the safe lower bound of its least violation is above 0), never on the
 * solver's status alone, which is decided to its tolerances. When the solver calls the model infeasible but
 * it is not provably empty, {@link #feasibility()} answers FAILED (unknown, so callers keep the region) and
 * an optimisation gives the sound bound over the model relaxed to the violation found
 * ({@link Outcome#relaxed()}).
 *
 * <p>A model may keep several identical solver instances ("workers"): every change is applied to all of
 * them, and {@link #optimise(int, int[], double[], double, boolean)} with distinct worker indices may run
 * on distinct threads at once (only while no thread changes the model). Each worker warm-starts from its
 * own previous basis.
 */
public final class LpModel implements AutoCloseable {

    private static final AtomicLong SOLVES = new AtomicLong();
    private static final AtomicLong ITERATIONS = new AtomicLong();
    private static final AtomicLong RETRIES = new AtomicLong();

    /** One recorded row: lb &lt;= coefs . x[vars] &lt;= ub. */
    public record Row(int[] vars, double[] coefs, double lb, double ub) {
    }

    /**
     * Result of one optimisation: {@code bound} is sound when {@code ok}; {@code values} is the LP point.
     * {@code relaxed}: the solver called the model infeasible, it is not provably empty, and the point is that
     * of the model with its rows relaxed to the least violation found (the bound still holds for the model).
     */
    public record Outcome(boolean ok, double bound, double[] values, LinearProgram.Status status, boolean relaxed) {
    }

    private final LinearProgram[] lps;
    private double[] lower = new double[256];
    private double[] upper = new double[256];
    private int vars;
    private final List<Row> rows = new ArrayList<>();
    private double timeLimitSeconds;
    private Deadline deadline = Deadline.NONE;
    private final IterationCaps caps;
    /** Checks a solver's "infeasible" (null in the elastic model itself, {@link #plain}). */
    private final ElasticTwin twin;
    /** A variable whose box the safe bound takes as [lower, lower] ({@link #boundAtLower}); -1: none. */
    private int pinned = -1;

    /** A model with one solver instance. */
    public LpModel() {
        this(1);
    }

    /** A model with {@code workers} identical solver instances, for parallel re-solves. */
    public LpModel(int workers) {
        this(workers, true);
    }

    /** A model that reports the solver's "infeasible" as it is: the elastic form of {@link ElasticRegion}. */
    static LpModel plain() {
        return new LpModel(1, false);
    }

    private LpModel(int workers, boolean proveEmptiness) {
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
        twin = proveEmptiness ? new ElasticTwin() : null;
    }

    /** Number of solver instances that may be used in parallel. */
    public int workers() {
        return lps.length;
    }

    /** Total number of LP solves by all models since start (for benchmarks). */
    public static long solveCount() {
        return SOLVES.get();
    }

    /** Total number of simplex iterations of all LP solves since start (for benchmarks). */
    public static long iterationCount() {
        return ITERATIONS.get();
    }

    /**
     * The safe bounds of later solves take variable v at its lower bound, whatever the solver's box: the
     * Lagrangian bound from any duals holds over the model restricted to any box, so they bound the model's
     * slice v = lower (for {@link ElasticRegion}: the region itself, t = 0, while t's wide box keeps the solve
     * feasible; without it a dual residual of 1e-12 on t, times t's bound 1e9, spoilt the proof of emptiness).
     */
    void boundAtLower(int v) {
        pinned = v;
    }

    /** Turns the solvers' presolve on or off (off by default: GLOP warm-starts only without it). */
    void setPresolve(boolean on) {
        for (LinearProgram lp : lps) {
            lp.setPresolve(on);
        }
    }

    /** Per-solve time limit in seconds (&lt;= 0: none). */
    public void setTimeLimit(double seconds) {
        this.timeLimitSeconds = seconds;
    }

    /**
     * The deadline of the whole run: each solve gets at most the time left, and once it has passed no
     * solve starts (the outcome is {@link LinearProgram.Status#TIME_LIMIT}).
     */
    public void setDeadline(Deadline d) {
        this.deadline = d;
    }

    /** The deadline of the whole run. */
    public Deadline deadline() {
        return deadline;
    }

    /** The limit of the next solve: the per-solve limit and the time left, whichever is smaller (0: none). */
    private double solveLimit() {
        double left = deadline.remainingSeconds();
        double per = timeLimitSeconds > 0 ? timeLimitSeconds : Double.POSITIVE_INFINITY;
        double limit = Math.min(left, per);
        return Double.isInfinite(limit) ? 0 : limit;
    }

    /**
     * Caps simplex iterations per solve (used to force solver failures in tests); without an explicit
     * cap each solve gets {@link IterationCaps#warm} or, from scratch, {@link IterationCaps#cold}.
     */
    public void setIterationLimit(long iterations) {
        caps.setExplicit(iterations);
    }

    /**
     * Overrides the cap of warm-started solves (tests use a tiny one to force the retry from scratch that a
     * strayed warm start gets); unlike {@link #setIterationLimit} it leaves that retry in place.
     */
    void setWarmIterationCap(long iterations) {
        caps.setWarm(iterations);
    }

    /** Warm solves retried from scratch so far (all models). */
    public static long retryCount() {
        return RETRIES.get();
    }

    /** Adds a variable with finite bounds [lb, ub]; returns its index. */
    public int addVariable(double lb, double ub) {
        if (!(lb <= ub) || Double.isInfinite(lb) || Double.isInfinite(ub)) {
            throw new IllegalArgumentException("LP variable needs finite bounds lb <= ub, got [" + lb + ", " + ub + "]");
        }
        int v = lps[0].addVariable(lb, ub, false);
        for (int w = 1; w < lps.length; w++) {
            lps[w].addVariable(lb, ub, false);
        }
        if (v >= lower.length) {
            lower = Arrays.copyOf(lower, 2 * lower.length);
            upper = Arrays.copyOf(upper, 2 * upper.length);
        }
        lower[v] = lb;
        upper[v] = ub;
        vars = v + 1;
        if (twin != null) {
            twin.addVariable(lb, ub);
        }
        return v;
    }

    /** Tightens or sets a variable's bounds. */
    public void setBounds(int v, double lb, double ub) {
        lower[v] = lb;
        upper[v] = ub;
        for (LinearProgram lp : lps) {
            lp.setBounds(v, lb, ub);
        }
        if (twin != null) {
            twin.setBounds(v, lb, ub);
        }
    }

    /** Lower bound of variable v. */
    public double lower(int v) {
        return lower[v];
    }

    /** Upper bound of variable v. */
    public double upper(int v) {
        return upper[v];
    }

    /** Number of variables. */
    public int variableCount() {
        return vars;
    }

    /** Adds lb &lt;= coefs . x[vars] &lt;= ub (infinite sides allowed); returns the row index. */
    public int addRow(int[] vars, double[] coefs, double lb, double ub) {
        rows.add(new Row(vars.clone(), coefs.clone(), lb, ub));
        for (int w = 1; w < lps.length; w++) {
            lps[w].addConstraint(vars, coefs, lb, ub);
        }
        int r = lps[0].addConstraint(vars, coefs, lb, ub);
        if (twin != null) {
            twin.addRow(rows.get(r));
        }
        return r;
    }

    /** Changes the sides of row {@code row}. */
    public void setRowBounds(int row, double lb, double ub) {
        Row r = rows.get(row);
        rows.set(row, new Row(r.vars(), r.coefs(), lb, ub));
        for (LinearProgram lp : lps) {
            lp.setConstraintBounds(row, lb, ub);
        }
        if (twin != null) {
            twin.setRowBounds(row, lb, ub);
        }
    }

    /** Number of rows. */
    public int rowCount() {
        return rows.size();
    }

    /**
     * Solves with a zero objective: OPTIMAL (feasible), INFEASIBLE (provably empty, {@link ElasticRegion}) or
     * FAILED (unknown, also when the solver calls the model infeasible but it is not provably empty).
     */
    public LinearProgram.Status feasibility() {
        if (deadline.expired()) {
            return LinearProgram.Status.TIME_LIMIT;
        }
        SOLVES.incrementAndGet();
        caps.prepare(0, vars, rows.size());
        LinearProgram.Status s = lps[0].optimise(new int[0], new double[0], 0, false, solveLimit()).status();
        return s != LinearProgram.Status.INFEASIBLE || twin == null ? s
                : twin.feasibility(vars, lower, upper, rows, deadline, timeLimitSeconds);
    }

    /**
     * The answer for a solve that the solver called infeasible (done by every optimisation) or that failed
     * (for callers that want more than a failure): INFEASIBLE when the model is provably empty
     * ({@link ElasticRegion}), else the sound bound over the model relaxed to its least violation
     * ({@link Outcome#relaxed()}; not {@code ok} when that fails too). Solved on the elastic twin, one
     * thread at a time, so any thread may call it while no thread changes this model.
     */
    public Outcome optimiseElastic(int[] objVars, double[] coefs, double constant, boolean maximise) {
        if (twin == null) {
            return new Outcome(false, maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, null,
                    LinearProgram.Status.FAILED, false);
        }
        return twin.optimise(vars, lower, upper, rows, deadline, timeLimitSeconds, objVars, coefs, constant, maximise);
    }

    /** The rows added so far (unmodifiable view). */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Sound lower bound of coefs . x[vars] + constant over the LP, when the solve is OPTIMAL. */
    public Outcome minimise(int[] vars, double[] coefs, double constant) {
        return optimise(0, vars, coefs, constant, false);
    }

    /** Sound upper bound of coefs . x[vars] + constant over the LP, when the solve is OPTIMAL. */
    public Outcome maximise(int[] vars, double[] coefs, double constant) {
        return optimise(0, vars, coefs, constant, true);
    }

    /**
     * Sound lower (or, with {@code maximise}, upper) bound of coefs . x[vars] + constant, solved by
     * solver instance {@code worker}; distinct workers may be used from distinct threads at once.
     */
    public Outcome optimise(int worker, int[] objVars, double[] coefs, double constant, boolean maximise) {
        if (deadline.expired()) {
            return new Outcome(false, maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, null,
                    LinearProgram.Status.TIME_LIMIT, false);
        }
        SOLVES.incrementAndGet();
        LinearProgram lp = lps[worker];
        boolean cold = caps.prepare(worker, vars, rows.size());
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
                caps.restart(worker, vars, rows.size());
                s = lp.optimise(objVars, coefs, constant, maximise, left);
                ITERATIONS.addAndGet(lp.iterations());
            }
        }
        if (!s.optimal()) {
            // a solve cut short by its time limit counts as a time-out, whatever status the solver gives
            boolean outOfTime = deadline.expired() || (limit > 0 && (System.nanoTime() - start) / 1e9 >= 0.8 * limit);
            LinearProgram.Status status = outOfTime ? LinearProgram.Status.TIME_LIMIT : s.status();
            if (status == LinearProgram.Status.INFEASIBLE && twin != null) {
                return optimiseElastic(objVars, coefs, constant, maximise);
            }
            return new Outcome(false, maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, null, status, false);
        }
        double[] y = lp.duals();
        double sign = maximise ? -1 : 1;
        double[] c = new double[vars];
        for (int i = 0; i < objVars.length; i++) {
            c[objVars[i]] += sign * coefs[i];
        }
        double[] up = upper;
        if (pinned >= 0) {
            up = Arrays.copyOf(upper, vars);
            up[pinned] = lower[pinned];
        }
        double best = Math.max(SafeLpBound.minimum(c, y, 1, rows, lower, up),
                SafeLpBound.minimum(c, y, -1, rows, lower, up));
        double bound = maximise ? Math.nextUp(constant - best) : Math.nextDown(constant + best);
        return new Outcome(Double.isFinite(bound), bound, s.values(), s.status(), false);
    }

    @Override
    public void close() {
        for (LinearProgram lp : lps) {
            lp.close();
        }
        if (twin != null) {
            twin.close();
        }
    }
}
