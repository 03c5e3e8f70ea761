package org.relucert.spec;

import java.util.List;
import org.relucert.net.Box;

/**
 * A verification property in VNN-LIB semantics: the network is <em>unsafe</em> (result "sat") when,
 * for some case, some input in the case's box produces an output y with C·y &lt;= d (every row).
 * The property holds ("unsat") when no case can be satisfied.
 *
 * <p>A VNN-LIB file with disjunctions is brought into this form: one case per (input box, output
 * conjunction) pair of its disjunctive normal form.
 */
public record Property(int inputs, int outputs, List<Case> cases) {

    public Property {
        cases = List.copyOf(cases);
    }

    /**
     * One case: input box and the unsafe output polytope {y : c·y &lt;= d}, with c given as rows
     * (each of length {@code outputs}). An empty {@code c} means every output is unsafe.
     */
    public record Case(Box input, double[][] c, double[] d) {

        /** True when y satisfies every row of C·y &lt;= d within tolerance {@code tol}. */
        public boolean unsafe(double[] y, double tol) {
            return margin(y) <= tol;
        }

        /**
         * The largest row violation max_i (c_i·y - d_i): positive means y is safe for this case,
         * &lt;= 0 means y lies in the unsafe set.
         */
        public double margin(double[] y) {
            double worst = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < c.length; i++) {
                double s = -d[i];
                for (int j = 0; j < y.length; j++) {
                    s += c[i][j] * y[j];
                }
                worst = Math.max(worst, s);
            }
            return worst;
        }
    }
}
