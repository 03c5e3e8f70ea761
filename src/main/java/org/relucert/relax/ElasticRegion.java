package org.relucert.relax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;

/**
 * The one way relucert decides that a region (boxed variables cut by rows) is empty, so that it may be
 * dropped: the region in elastic form, one variable t in [0, {@value #MAX_VIOLATION}] relaxing every row
 * side (each also relaxed by a fixed slack), with t minimised. The region is <em>provably empty</em> only
 * when the sound lower bound of that minimum ({@link LpModel}'s Neumaier-Shcherbina bound from the duals,
 * in outward-rounded arithmetic, taken with t's box [0, 0], so a Farkas certificate of the region itself)
 * is above 0; never on the solver's "infeasible" status, which is decided to its tolerances. The elastic
 * form is always feasible (up to t's bound), so its solve ends optimal; one that fails anyway is tried once
 * more with presolve.
 *
 * <p>Used by {@link LpModel} for every region the solver calls infeasible (pattern enumeration's regions, the
 * hulls' patterns and regions, any LP) and by the verifier's stable-leaf LP. For a region that the solver
 * calls infeasible but that is not provably empty, {@link #optimiseRelaxed} bounds an objective over the
 * region relaxed to the violation found (a superset, so the bound holds for the region). An instance can
 * follow changes of its region (variables, rows and their sides added or changed), so that an LP checked
 * many times keeps one elastic twin that warm-starts; a row is kept as two elastic rows, one per side.
 */
public final class ElasticRegion implements AutoCloseable {
    /** Upper bound of the elastic variable (every LP variable is boxed, which the sound bound needs). */
    public static final double MAX_VIOLATION = 1e9;
    /** Least relaxation of the rows for {@link #optimiseRelaxed}, beyond the violation found. */
    static final double MIN_RELAXATION = 1e-6;

    /**
     * Outcome: {@code empty} is proved; otherwise {@code point} holds the values of the region's variables
     * at the least violation found (null when the solve gave none).
     */
    public record Verdict(boolean empty, double[] point) {
    }

    private final LpModel lp;
    private final double slack;
    /** The elastic variable; the region's variable v is the elastic model's v + 1. */
    private final int t;
    private int vars;
    /** The region's rows, and per row the elastic rows of its lower and upper side (-1: not added yet). */
    private final List<LpModel.Row> regionRows = new ArrayList<>();
    private final List<Integer> lowRow = new ArrayList<>();
    private final List<Integer> highRow = new ArrayList<>();
    private double violation = Double.NaN;

    /**
     * The elastic form of the region {lower &lt;= x &lt;= upper, lb - slack &lt;= row . x &lt;= ub + slack} over the first
     * {@code vars} entries of {@code lower} and {@code upper}. Relaxed sides are rounded to nearest, which
     * rounds monotonically: a relaxed side is never tighter than the side itself.
     */
    ElasticRegion(int vars, double[] lower, double[] upper, List<LpModel.Row> rows, double slack, Deadline deadline,
                  double timeLimitSeconds) {
        this.slack = slack;
        this.lp = LpModel.plain();
        lp.setDeadline(deadline);
        lp.setTimeLimit(timeLimitSeconds);
        t = lp.addVariable(0, MAX_VIOLATION);
        lp.boundAtLower(t);
        for (int v = 0; v < vars; v++) {
            addVariable(lower[v], upper[v]);
        }
        for (LpModel.Row r : rows) {
            addRow(r);
        }
    }

    /** The deadline and per-solve limit of the next solves. */
    void setLimits(Deadline deadline, double timeLimitSeconds) {
        lp.setDeadline(deadline);
        lp.setTimeLimit(timeLimitSeconds);
    }

    /** Adds the region's next variable. */
    void addVariable(double lb, double ub) {
        lp.addVariable(lb, ub);
        vars++;
    }

    /** Changes the bounds of the region's variable v. */
    void setBounds(int v, double lb, double ub) {
        lp.setBounds(v + 1, lb, ub);
    }

    /**
     * Adds the region's next row: up to two elastic rows, one per finite side, each added when its side first
     * becomes finite (GLOP without presolve was seen cycling for over a million iterations on an elastic
     * model with free rows that it solves in 5 without them).
     */
    void addRow(LpModel.Row r) {
        regionRows.add(r);
        lowRow.add(-1);
        highRow.add(-1);
        setRowBounds(regionRows.size() - 1, r.lb(), r.ub());
    }

    /** Changes the sides of the region's row {@code row}. */
    void setRowBounds(int row, double lb, double ub) {
        double inf = Double.POSITIVE_INFINITY;
        side(row, lowRow, 1, Double.isFinite(lb) ? lb - slack : -inf, inf);
        side(row, highRow, -1, -inf, Double.isFinite(ub) ? ub + slack : inf);
    }

    /** Sets one elastic row of region row {@code row} (t's coefficient {@code sign}), adding it if finite and new. */
    private void side(int row, List<Integer> index, double sign, double lb, double ub) {
        int e = index.get(row);
        if (e >= 0) {
            lp.setRowBounds(e, lb, ub);
        } else if (Double.isFinite(lb) || Double.isFinite(ub)) {
            LpModel.Row r = regionRows.get(row);
            int n = r.vars().length;
            int[] v = new int[n + 1];
            for (int i = 0; i < n; i++) {
                v[i] = r.vars()[i] + 1;
            }
            v[n] = t;
            double[] a = Arrays.copyOf(r.coefs(), n + 1);
            a[n] = sign;
            index.set(row, lp.addRow(v, a, lb, ub));
        }
    }

    /**
     * Decides the region {lower &lt;= x &lt;= upper, lb - slack &lt;= row . x &lt;= ub + slack}: empty when proved so.
     * {@code deadline} and {@code timeLimitSeconds} bound the solve (a solve cut short proves nothing).
     */
    public static Verdict decide(double[] lower, double[] upper, List<LpModel.Row> rows, double slack,
                                 Deadline deadline, double timeLimitSeconds) {
        try (ElasticRegion e = new ElasticRegion(lower.length, lower, upper, rows, slack, deadline, timeLimitSeconds)) {
            return e.minimiseViolation();
        }
    }

    /** Minimises the violation t: the region is empty when its sound lower bound is above 0. */
    Verdict minimiseViolation() {
        lp.setBounds(t, 0, MAX_VIOLATION);
        violation = Double.NaN;
        LpModel.Outcome s = solve(new int[] {t}, new double[] {1}, 0, false);
        if (s.ok() && s.bound() > 0) {
            return new Verdict(true, null);
        }
        if (s.values() == null) {
            return new Verdict(false, null);
        }
        violation = Math.max(0, s.values()[t]);
        return new Verdict(false, Arrays.copyOfRange(s.values(), 1, vars + 1));
    }

    /**
     * After {@link #minimiseViolation} found the region not provably empty: a sound bound of the objective
     * over the region (rows relaxed by the slack only), from a solve over the region with every row also
     * relaxed by t in [0, cap], which GLOP can solve where it calls the region itself infeasible; the safe bound
     * takes t = 0 (the Lagrangian bound holds for any box of t). {@code relaxed} is set on the outcome. The cap
     * starts at max(2·violation found, {@value #MIN_RELAXATION}) and grows a thousandfold, up to
     * {@value #MAX_VIOLATION}, while the solve fails too (GLOP, which found a least violation of 2e-9 on a
     * sliver that holds a point exactly, called the sliver relaxed by 4e-9 infeasible). Not {@code ok} when
     * every solve fails or time runs out.
     */
    LpModel.Outcome optimiseRelaxed(int[] objVars, double[] coefs, double constant, boolean maximise) {
        double cap = violation == violation ? Math.min(MAX_VIOLATION, Math.max(2 * violation, MIN_RELAXATION))
                : MAX_VIOLATION;
        int[] v = new int[objVars.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = objVars[i] + 1;
        }
        while (true) {
            lp.setBounds(t, 0, cap);
            LpModel.Outcome s = solve(v, coefs, constant, maximise);
            if (s.ok() || s.status() == LinearProgram.Status.TIME_LIMIT || cap == MAX_VIOLATION) {
                LinearProgram.Status status = s.status() == LinearProgram.Status.INFEASIBLE
                        ? LinearProgram.Status.FAILED : s.status();
                double[] values = s.values() == null ? null : Arrays.copyOfRange(s.values(), 1, vars + 1);
                return new LpModel.Outcome(s.ok(), s.bound(), values, status, true);
            }
            cap = Math.min(MAX_VIOLATION, cap * 1000);
        }
    }

    /**
     * One solve of the elastic model; one that fails is tried once more with presolve (GLOP without it can
     * stall on these degenerate models; it is off otherwise because only then GLOP warm-starts).
     */
    private LpModel.Outcome solve(int[] objVars, double[] coefs, double constant, boolean maximise) {
        LpModel.Outcome s = lp.optimise(0, objVars, coefs, constant, maximise);
        if (s.ok() || s.status() == LinearProgram.Status.TIME_LIMIT) {
            return s;
        }
        lp.setPresolve(true);
        try {
            return lp.optimise(0, objVars, coefs, constant, maximise);
        } finally {
            lp.setPresolve(false);
        }
    }

    @Override
    public void close() {
        lp.close();
    }
}
