package org.relucert.relax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;
import org.relucert.net.RoundingError;

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
 * the reduced costs, products rounded down, see {@link #safeMinimum}), so it holds in exact arithmetic
 * for the rows and bounds as stored, whatever the solver's accuracy; no fixed padding. A solve that is not
 * OPTIMAL yields no bound at all.
 *
 * <p>A model may keep several identical solver instances ("workers"): every change is applied to all of
 * them, and {@link #optimise(int, int[], double[], double, boolean)} with distinct worker indices may run
 * on distinct threads at once (only while no thread changes the model). Each worker warm-starts from its
 * own previous basis.
 */
public final class LpModel implements AutoCloseable {

    private static final AtomicLong SOLVES = new AtomicLong();
    private static final AtomicLong ITERATIONS = new AtomicLong();

    /** One recorded row: lb &lt;= coefs . x[vars] &lt;= ub. */
    public record Row(int[] vars, double[] coefs, double lb, double ub) {
    }

    /** Result of one optimisation: {@code bound} is sound when {@code ok}; {@code values} is the LP point. */
    public record Outcome(boolean ok, double bound, double[] values, LinearProgram.Status status) {
    }

    private final LinearProgram[] lps;
    private double[] lower = new double[256];
    private double[] upper = new double[256];
    private int vars;
    private final List<Row> rows = new ArrayList<>();
    private double timeLimitSeconds;
    private Deadline deadline = Deadline.NONE;
    private boolean explicitCap;
    /** Model size (variables + rows) at which the default iteration cap was last set. */
    private int cappedSize;

    /** A model with one solver instance. */
    public LpModel() {
        this(1);
    }

    /** A model with {@code workers} identical solver instances, for parallel re-solves. */
    public LpModel(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("an LP model needs at least one worker, got " + workers);
        }
        lps = new LinearProgram[workers];
        for (int w = 0; w < workers; w++) {
            lps[w] = LinearProgram.lp();
            // GLOP warm-starts from the previous basis only without presolve (measured 1.6x faster here).
            lps[w].setPresolve(false);
        }
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
     * cap each solve gets {@link #defaultIterationCap}.
     */
    public void setIterationLimit(long iterations) {
        explicitCap = true;
        for (LinearProgram lp : lps) {
            lp.setIterationLimit(iterations);
        }
    }

    /**
     * The iteration cap of a solve when none is set: far above what a sound simplex run on a model of
     * this size needs (a few times rows + variables), so that only a stalled, cycling solve on an
     * ill-conditioned model (e.g. weights spanning 1e6 on tiny boxes) reaches it and falls back.
     */
    static long defaultIterationCap(int vars, int rows) {
        return 2_000 + 10L * (vars + rows);
    }

    /**
     * Applies the default cap when the model has grown to twice the size it was last set at; called
     * where the model changes (never while workers solve).
     */
    private void updateDefaultCap() {
        if (!explicitCap && (long) vars + rows.size() > 2L * cappedSize) {
            cappedSize = vars + rows.size();
            long cap = defaultIterationCap(vars, rows.size()) * 2;
            for (LinearProgram lp : lps) {
                lp.setIterationLimit(cap);
            }
        }
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
        updateDefaultCap();
        return v;
    }

    /** Tightens or sets a variable's bounds. */
    public void setBounds(int v, double lb, double ub) {
        lower[v] = lb;
        upper[v] = ub;
        for (LinearProgram lp : lps) {
            lp.setBounds(v, lb, ub);
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
        updateDefaultCap();
        return r;
    }

    /** Changes the sides of row {@code row}. */
    public void setRowBounds(int row, double lb, double ub) {
        Row r = rows.get(row);
        rows.set(row, new Row(r.vars(), r.coefs(), lb, ub));
        for (LinearProgram lp : lps) {
            lp.setConstraintBounds(row, lb, ub);
        }
    }

    /** Number of rows. */
    public int rowCount() {
        return rows.size();
    }

    /** Solves with a zero objective: OPTIMAL (feasible), INFEASIBLE or FAILED (unknown). */
    public LinearProgram.Status feasibility() {
        if (deadline.expired()) {
            return LinearProgram.Status.TIME_LIMIT;
        }
        SOLVES.incrementAndGet();
        return lps[0].optimise(new int[0], new double[0], 0, false, solveLimit()).status();
    }

    /** The rows added so far (unmodifiable view). */
    public List<Row> rows() {
        return java.util.Collections.unmodifiableList(rows);
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
                    LinearProgram.Status.TIME_LIMIT);
        }
        SOLVES.incrementAndGet();
        LinearProgram lp = lps[worker];
        double limit = solveLimit();
        long start = System.nanoTime();
        LinearProgram.Solution s = lp.optimise(objVars, coefs, constant, maximise, limit);
        ITERATIONS.addAndGet(lp.iterations());
        if (!s.optimal()) {
            // a solve cut short by its time limit counts as a time-out, whatever status the solver gives
            boolean outOfTime = deadline.expired() || (limit > 0 && (System.nanoTime() - start) / 1e9 >= 0.8 * limit);
            LinearProgram.Status status = outOfTime ? LinearProgram.Status.TIME_LIMIT : s.status();
            return new Outcome(false, maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, null, status);
        }
        double[] y = lp.duals();
        double sign = maximise ? -1 : 1;
        double[] c = new double[vars];
        for (int i = 0; i < objVars.length; i++) {
            c[objVars[i]] += sign * coefs[i];
        }
        double best = Math.max(safeMinimum(c, y, 1), safeMinimum(c, y, -1));
        double bound = maximise ? Math.nextUp(constant - best) : Math.nextDown(constant + best);
        return new Outcome(Double.isFinite(bound), bound, s.values(), s.status());
    }

    /**
     * Rigorous Lagrangian lower bound of c . x with multipliers scale*y (see class doc), evaluated so that
     * rounding can only lower it: each reduced cost r_j = c_j - sum_k m_k a_kj is enclosed in
     * [r_j - e_j, r_j + e_j] with e_j the rigorous bound of its rounding error ({@link RoundingError#sum}),
     * min over x_j in [L_j, U_j] of r_j x_j is taken over the four corners of the enclosure with every
     * product rounded down, each m_k side_k is rounded down, and the final sum is lowered by its own error
     * bound. Any multipliers give a valid bound, so neither the solver's accuracy nor its sign convention
     * matters for soundness.
     */
    private double safeMinimum(double[] c, double[] y, double scale) {
        double[] r = c.clone();
        double[] rMag = new double[vars];
        int[] rTerms = new int[vars];
        for (int j = 0; j < vars; j++) {
            rMag[j] = Math.abs(c[j]);
        }
        double sum = 0;
        double magnitude = 0;
        long terms = 0;
        for (int k = 0; k < y.length; k++) {
            double m = scale * y[k];
            if (m == 0 || m != m) {
                continue;
            }
            Row row = rows.get(k);
            double side = m > 0 ? row.lb() : row.ub();
            if (Double.isInfinite(side)) {
                continue;
            }
            double term = Math.nextDown(m * side);
            sum += term;
            magnitude += Math.abs(term);
            terms++;
            int[] v = row.vars();
            double[] a = row.coefs();
            for (int i = 0; i < v.length; i++) {
                double p = m * a[i];
                r[v[i]] -= p;
                rMag[v[i]] += Math.abs(p);
                rTerms[v[i]]++;
            }
        }
        for (int j = 0; j < vars; j++) {
            if (r[j] == 0 && rMag[j] == 0) {
                continue;
            }
            double e = RoundingError.sum(rTerms[j] + 1, rMag[j]);
            double rlo = Math.nextDown(r[j] - e);
            double rhi = Math.nextUp(r[j] + e);
            double term = Math.min(Math.min(Math.nextDown(rlo * lower[j]), Math.nextDown(rlo * upper[j])),
                    Math.min(Math.nextDown(rhi * lower[j]), Math.nextDown(rhi * upper[j])));
            sum += term;
            magnitude += Math.abs(term);
            terms++;
        }
        double bound = Math.nextDown(sum - RoundingError.sum(terms, magnitude));
        return bound == bound ? bound : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void close() {
        for (LinearProgram lp : lps) {
            lp.close();
        }
    }
}
