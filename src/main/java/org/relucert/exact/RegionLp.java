package org.relucert.exact;

import java.util.Arrays;
import org.relucert.lp.LinearProgram;
import org.relucert.relax.LpModel;
import org.relucert.net.Box;

/**
 * LPs over one activation region of {@link PatternEnumeration}: the input box cut by the sign constraints
 * of the neurons fixed so far. Each call builds a fresh GLOP model over the input alone.
 */
final class RegionLp {

    /** One constraint form(x) >= 0 (or <= 0), in a persistent list shared between branches. */
    record Constraint(double[] form, boolean nonNegative, Constraint next) {
    }

    /** Min and max of a form over a region, with the optimal points (null when the solve failed). */
    record LpRange(double min, double max, double[] argMin, double[] argMax) {
    }

    private RegionLp() {
    }

    /**
     * The minimum and maximum solves of the form over the region: {min, max}. Each bound is
     * Neumaier-Shcherbina safe ({@link LpModel}): below (above) the exact optimum of the form as stored
     * over the region, whatever the solver's rounding. Either is INFEASIBLE only when the region is provably
     * empty ({@link LpModel}); then the maximum is not solved and both are. A solve that fails is answered in
     * elastic form ({@link LpModel#optimiseElastic}: GLOP was seen failing on a sliver that holds a point).
     */
    static LpModel.Outcome[] optimise(Box box, double[] f, Constraint constraints) {
        try (LpModel lp = region(box, constraints)) {
            int d = box.dim();
            int[] vars = indices(d);
            double[] coef = Arrays.copyOf(f, d);
            LpModel.Outcome min = rescued(lp, lp.minimise(vars, coef, f[d]), vars, coef, f[d], false);
            if (empty(min)) {
                return new LpModel.Outcome[] {min, min};
            }
            return new LpModel.Outcome[] {min, rescued(lp, lp.maximise(vars, coef, f[d]), vars, coef, f[d], true)};
        }
    }

    private static LpModel.Outcome rescued(LpModel lp, LpModel.Outcome s, int[] vars, double[] coef, double constant,
                                           boolean maximise) {
        return s.status() == LinearProgram.Status.FAILED ? lp.optimiseElastic(vars, coef, constant, maximise) : s;
    }

    /** Whether the solve proved its region empty. */
    static boolean empty(LpModel.Outcome s) {
        return s.status() == LinearProgram.Status.INFEASIBLE;
    }

    /** The range of the form over the region, or null when the region is provably empty. */
    static LpRange range(Box box, double[] f, Constraint constraints) {
        LpModel.Outcome[] s = optimise(box, f, constraints);
        LpModel.Outcome lo = s[0];
        LpModel.Outcome hi = s[1];
        if (empty(lo) || empty(hi)) {
            return null;
        }
        // A failed solve proves nothing: keep both states possible (sound, just slower).
        double min = lo.ok() ? lo.bound() : Double.NEGATIVE_INFINITY;
        double max = hi.ok() ? hi.bound() : Double.POSITIVE_INFINITY;
        return new LpRange(min, max, lo.values() != null ? clamp(lo.values(), box) : null,
                hi.values() != null ? clamp(hi.values(), box) : null);
    }

    private static LpModel region(Box box, Constraint constraints) {
        LpModel lp = new LpModel();
        int d = box.dim();
        for (int i = 0; i < d; i++) {
            lp.addVariable(box.lower()[i], box.upper()[i]);
        }
        int[] vars = indices(d);
        for (Constraint c = constraints; c != null; c = c.next()) {
            double[] coef = Arrays.copyOf(c.form(), d);
            double k = c.form()[d];
            if (c.nonNegative()) {
                lp.addRow(vars, coef, -k, Double.POSITIVE_INFINITY);
            } else {
                lp.addRow(vars, coef, Double.NEGATIVE_INFINITY, -k);
            }
        }
        return lp;
    }

    private static int[] indices(int d) {
        int[] v = new int[d];
        for (int i = 0; i < d; i++) {
            v[i] = i;
        }
        return v;
    }

    /** The LP point's input, clamped to the box. */
    static double[] clamp(double[] values, Box box) {
        double[] x = new double[box.dim()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], values[i]));
        }
        return x;
    }
}
