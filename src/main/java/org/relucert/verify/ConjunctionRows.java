package org.relucert.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Extra rows for refuting a conjunction C·y &lt;= d: nonnegative combinations sum_i mu_i (c_i·y - d_i).
 * If every row held, every such combination would be &lt;= 0, so a combination whose lower bound is
 * positive refutes the conjunction just as a single row does; near the surfaces where two rows cross,
 * a combination is often positive where neither row alone is.
 *
 * <p>Rows added: for every pair (i, j), weights (w, 1-w) with w in {1/4, 1/2, 3/4} (only 1/2 when there
 * are more than five rows), and the average of all rows when there are three or more; a combination that is
 * a constant &lt;= 0 ({@link #neverRefutes}) is left out. Such a row cost slope steps, and where it was the
 * best row its zero plane clipped nothing and its zero input coefficients steered no split.
 */
public final class ConjunctionRows {
    private ConjunctionRows() {
    }

    /** Rows c·y &lt;= d. */
    public record Rows(double[][] c, double[] d) {
    }

    /** The rows of C·y - d followed by the combination rows (the originals first, in order). */
    public static Rows augment(double[][] c, double[] d) {
        int rows = c.length;
        List<double[]> cs = new ArrayList<>(List.of(c));
        List<Double> ds = new ArrayList<>();
        for (double v : d) {
            ds.add(v);
        }
        double[] weights = rows > 5 ? new double[] {0.5} : new double[] {0.25, 0.5, 0.75};
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < rows; j++) {
                for (double w : weights) {
                    addUnlessConstant(cs, ds, combine(c[i], w, c[j], 1 - w), w * d[i] + (1 - w) * d[j]);
                }
            }
        }
        if (rows >= 3) {
            double[] avg = new double[c[0].length];
            double avgD = 0;
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < avg.length; k++) {
                    avg[k] += c[i][k] / rows;
                }
                avgD += d[i] / rows;
            }
            addUnlessConstant(cs, ds, avg, avgD);
        }
        double[] dOut = new double[ds.size()];
        for (int k = 0; k < dOut.length; k++) {
            dOut[k] = ds.get(k);
        }
        return new Rows(cs.toArray(new double[0][]), dOut);
    }

    /** Adds the combination row c·y - d unless it {@link #neverRefutes}. */
    private static void addUnlessConstant(List<double[]> cs, List<Double> ds, double[] row, double d) {
        if (!neverRefutes(row, d)) {
            cs.add(row);
            ds.add(d);
        }
    }

    /**
     * Whether a row is the constant -d &lt;= 0, which no bound can lift above 0: e.g. the half-half
     * combination of y_k &lt;= r and -y_k &lt;= r (reach_prob_density's output boxes) is the constant -r.
     */
    static boolean neverRefutes(double[] row, double d) {
        for (double v : row) {
            if (v != 0) {
                return false;
            }
        }
        return d >= 0;
    }

    private static double[] combine(double[] a, double wa, double[] b, double wb) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = wa * a[k] + wb * b[k];
        }
        return out;
    }
}
