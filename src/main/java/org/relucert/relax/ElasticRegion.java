package org.relucert.relax;

import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;

/**
 * The one way relucert decides that a region (boxed variables cut by rows) is empty, so that it may be
 * dropped: the region in elastic form, one variable t in [0, {@value #MAX_VIOLATION}] relaxing every row
 * side (each also relaxed by a fixed slack), with t minimised. The region is <em>provably empty</em> only
 * when the sound lower bound of that minimum ({@link LpModel}'s Neumaier-Shcherbina bound from the duals,
 * in outward-rounded arithmetic) is above 0; never on the solver's "infeasible" status, which is decided
 * to its tolerances. The elastic form is always feasible (up to t's bound), so its solve ends optimal.
 *
 * <p>Used by {@link LpModel} for every region the solver calls infeasible (pattern enumeration's regions, the
 * hulls' patterns and regions, any LP) and by the verifier's stable-leaf LP. For a region that the solver
 * calls infeasible but that is not provably empty, {@link #optimiseRelaxed} bounds an objective over the
 * region relaxed to the violation found (a superset, so the bound holds for the region).
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
    private final int vars;
    private final int t;
    private double violation = Double.NaN;

    /**
     * The elastic form of the region {lower <= x <= upper, lb - slack <= row . x <= ub + slack} over the first
     * {@code vars} entries of {@code lower} and {@code upper}. Relaxed sides are rounded to nearest, which
     * rounds monotonically: a relaxed side is never tighter than the side itself.
     */
    ElasticRegion(int vars, double[] lower, double[] upper, List<LpModel.Row> rows, double slack, Deadline deadline,
                  double timeLimitSeconds) {
        this.vars = vars;
        this.lp = LpModel.plain();
        lp.setDeadline(deadline);
        lp.setTimeLimit(timeLimitSeconds);
        for (int v = 0; v < vars; v++) {
            lp.addVariable(lower[v], upper[v]);
        }
        t = lp.addVariable(0, MAX_VIOLATION);
        for (LpModel.Row r : rows) {
            int n = r.vars().length;
            int[] v = Arrays.copyOf(r.vars(), n + 1);
            v[n] = t;
            double[] a = Arrays.copyOf(r.coefs(), n + 1);
            if (Double.isFinite(r.lb())) {
                a[n] = 1;
                lp.addRow(v, a, r.lb() - slack, Double.POSITIVE_INFINITY);
            }
            if (Double.isFinite(r.ub())) {
                a[n] = -1;
                lp.addRow(v, a.clone(), Double.NEGATIVE_INFINITY, r.ub() + slack);
            }
        }
    }

    /**
     * Decides the region {lower <= x <= upper, lb - slack <= row . x <= ub + slack}: empty when proved so.
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
        LpModel.Outcome s = lp.minimise(new int[] {t}, new double[] {1}, 0);
        if (s.ok() && s.bound() > 0) {
            return new Verdict(true, null);
        }
        if (s.values() == null) {
            return new Verdict(false, null);
        }
        violation = Math.max(0, s.values()[t]);
        return new Verdict(false, Arrays.copyOf(s.values(), vars));
    }

    /**
     * After {@link #minimiseViolation} found the region not provably empty: a sound bound of the objective
     * over the region with every row relaxed by the slack and by t in [0, cap], which contains the region;
     * {@code relaxed} is set on the outcome. The cap starts at max(2·violation found, {@value #MIN_RELAXATION})
     * and grows a thousandfold, up to {@value #MAX_VIOLATION}, while the solve of the relaxation fails too
     * (GLOP, which found a least violation of 2e-9 on a sliver that holds a point exactly, called the sliver
     * relaxed by 4e-9 infeasible). Not {@code ok} when every solve fails or time runs out.
     */
    LpModel.Outcome optimiseRelaxed(int[] objVars, double[] coefs, double constant, boolean maximise) {
        double cap = violation == violation ? Math.min(MAX_VIOLATION, Math.max(2 * violation, MIN_RELAXATION))
                : MAX_VIOLATION;
        while (true) {
            lp.setBounds(t, 0, cap);
            LpModel.Outcome s = lp.optimise(0, objVars, coefs, constant, maximise);
            if (s.ok() || s.status() == LinearProgram.Status.TIME_LIMIT || cap == MAX_VIOLATION) {
                LinearProgram.Status status = s.status() == LinearProgram.Status.INFEASIBLE
                        ? LinearProgram.Status.FAILED : s.status();
                double[] values = s.values() == null ? null : Arrays.copyOf(s.values(), vars);
                return new LpModel.Outcome(s.ok(), s.bound(), values, status, true);
            }
            cap = Math.min(MAX_VIOLATION, cap * 1000);
        }
    }

    @Override
    public void close() {
        lp.close();
    }
}
