package org.relucert.relax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
 * own previous basis. The instances, their limits and the solves are {@link LpWorkers}'; the sound value of
 * an optimum is {@link SafeLpBound}'s, the emptiness checks are {@link ElasticTwin}'s.
 */
public final class LpModel implements AutoCloseable {

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

    private final LpWorkers workers;
    private double[] lower = new double[256];
    private double[] upper = new double[256];
    private int vars;
    private final List<Row> rows = new ArrayList<>();
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
        this.workers = new LpWorkers(workers);
        twin = proveEmptiness ? new ElasticTwin() : null;
    }

    /** Number of solver instances that may be used in parallel. */
    public int workers() {
        return workers.count();
    }

    /** Total number of LP solves by all models since start (for benchmarks). */
    public static long solveCount() {
        return LpWorkers.solveCount();
    }

    /** Total number of simplex iterations of all LP solves since start (for benchmarks). */
    public static long iterationCount() {
        return LpWorkers.iterationCount();
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
        workers.setPresolve(on);
    }

    /** Per-solve time limit in seconds (&lt;= 0: none). */
    public void setTimeLimit(double seconds) {
        workers.setTimeLimit(seconds);
    }

    /**
     * The deadline of the whole run: each solve gets at most the time left, and once it has passed no
     * solve starts (the outcome is {@link LinearProgram.Status#TIME_LIMIT}).
     */
    public void setDeadline(Deadline d) {
        workers.setDeadline(d);
    }

    /** The deadline of the whole run. */
    public Deadline deadline() {
        return workers.deadline();
    }

    /**
     * Caps simplex iterations per solve (used to force solver failures in tests); without an explicit
     * cap each solve gets {@link IterationCaps#warm} or, from scratch, {@link IterationCaps#cold}.
     */
    public void setIterationLimit(long iterations) {
        workers.setIterationLimit(iterations);
    }

    /**
     * Overrides the cap of warm-started solves (tests use a tiny one to force the retry from scratch that a
     * strayed warm start gets); unlike {@link #setIterationLimit} it leaves that retry in place.
     */
    void setWarmIterationCap(long iterations) {
        workers.setWarmIterationCap(iterations);
    }

    /** Warm solves retried from scratch so far (all models). */
    public static long retryCount() {
        return LpWorkers.retryCount();
    }

    /** Adds a variable with finite bounds [lb, ub]; returns its index. */
    public int addVariable(double lb, double ub) {
        if (!(lb <= ub) || Double.isInfinite(lb) || Double.isInfinite(ub)) {
            throw new IllegalArgumentException("LP variable needs finite bounds lb <= ub, got [" + lb + ", " + ub + "]");
        }
        int v = workers.addVariable(lb, ub);
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
        workers.setBounds(v, lb, ub);
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
        int r = workers.addRow(vars, coefs, lb, ub);
        if (twin != null) {
            twin.addRow(rows.get(r));
        }
        return r;
    }

    /** Changes the sides of row {@code row}. */
    public void setRowBounds(int row, double lb, double ub) {
        Row r = rows.get(row);
        rows.set(row, new Row(r.vars(), r.coefs(), lb, ub));
        workers.setRowBounds(row, lb, ub);
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
        LinearProgram.Status s = workers.feasibility(vars, rows.size());
        return s != LinearProgram.Status.INFEASIBLE || twin == null ? s
                : twin.feasibility(vars, lower, upper, rows, workers.deadline(), workers.timeLimit());
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
        return twin.optimise(vars, lower, upper, rows, workers.deadline(), workers.timeLimit(),
                objVars, coefs, constant, maximise);
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
        LpWorkers.Solved s = workers.optimise(worker, vars, rows.size(), objVars, coefs, constant, maximise);
        if (s.duals() == null) {
            if (s.status() == LinearProgram.Status.INFEASIBLE && twin != null) {
                return optimiseElastic(objVars, coefs, constant, maximise);
            }
            return new Outcome(false, maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, null, s.status(),
                    false);
        }
        double bound = SafeLpBound.of(objVars, coefs, constant, maximise, s.duals(), rows, vars, lower, upper, pinned);
        return new Outcome(Double.isFinite(bound), bound, s.solution().values(), s.status(), false);
    }

    @Override
    public void close() {
        workers.close();
        if (twin != null) {
            twin.close();
        }
    }
}
