package org.relucert.relax;

import java.util.Arrays;
import java.util.List;
import org.relucert.net.RoundingError;

/**
 * The sound value of an LP optimum (Neumaier and Shcherbina's safe bound): from any row multipliers, the
 * Lagrangian bound over boxed variables, evaluated in outward-rounded arithmetic (see {@link LpModel}).
 */
final class SafeLpBound {

    private SafeLpBound() {
    }

    /**
     * The sound lower (with {@code maximise}, upper) bound of coefs . x[objVars] + constant over the model of
     * {@code vars} variables with boxes [lower, upper] and the given rows, from the solver's row duals
     * {@code y}: the larger of the Lagrangian bounds with y and -y (any sign convention), the constant added
     * and the result rounded one ulp outward. {@code pinned} (-1: none) is a variable whose box is taken as
     * [lower, lower].
     */
    static double of(int[] objVars, double[] coefs, double constant, boolean maximise, double[] y,
                     List<LpModel.Row> rows, int vars, double[] lower, double[] upper, int pinned) {
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
        double best = Math.max(minimum(c, y, 1, rows, lower, up),
                minimum(c, y, -1, rows, lower, up));
        return maximise ? Math.nextUp(constant - best) : Math.nextDown(constant + best);
    }

    /**
     * Rigorous Lagrangian lower bound of c . x with multipliers scale*y over the rows and
     * the variable boxes [lower, upper] of {@code c.length} variables, evaluated so that
     * rounding can only lower it: each reduced cost r_j = c_j - sum_k m_k a_kj is enclosed in
     * [r_j - e_j, r_j + e_j] with e_j the rigorous bound of its rounding error ({@link RoundingError#sum}),
     * min over x_j in [L_j, U_j] of r_j x_j is taken over the four corners of the enclosure with every
     * product rounded down, each m_k side_k is rounded down, and the final sum is lowered by its own error
     * bound. Any multipliers give a valid bound, so neither the solver's accuracy nor its sign convention
     * matters for soundness.
     */
    static double minimum(double[] c, double[] y, double scale, List<LpModel.Row> rows, double[] lower,
                          double[] upper) {
        int vars = c.length;
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
            LpModel.Row row = rows.get(k);
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

}
