package org.relucert.verify;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The outcome of verifying a property: {@code UNSAT} (the property holds: no input reaches the unsafe
 * set), {@code SAT} with a checked counterexample, {@code UNKNOWN} (the procedure gave up without a time
 * limit being hit) or {@code TIMEOUT}.
 *
 * @param x counterexample input (SAT only, else null)
 * @param y network output at x, recomputed by the forward pass (SAT only, else null)
 * @param subproblems number of branch-and-bound subproblems bounded
 * @param note a one-line explanation (which stage decided, or why it is unknown)
 */
public record Verdict(Kind kind, double[] x, double[] y, long subproblems, String note) {

    /** The four VNN-COMP results. */
    public enum Kind {
        UNSAT, SAT, UNKNOWN, TIMEOUT;

        /** The VNN-COMP spelling: "unsat", "sat", "unknown", "timeout". */
        public String vnnName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The VNN-COMP result text: the result word, and for sat the counterexample "((X_0 v) ... (Y_0 v))". */
    public String vnnText() {
        if (kind != Kind.SAT) {
            return kind.vnnName() + "\n";
        }
        StringBuilder sb = new StringBuilder("sat\n(");
        for (int i = 0; i < x.length; i++) {
            sb.append(i == 0 ? "" : "\n ").append("(X_").append(i).append(' ').append(format(x[i])).append(')');
        }
        for (int j = 0; j < y.length; j++) {
            sb.append("\n ").append("(Y_").append(j).append(' ').append(format(y[j])).append(')');
        }
        return sb.append(")\n").toString();
    }

    /**
     * Decimal notation without an exponent, which SMT-LIB and the VNN-COMP checkers parse: the shortest
     * decimal that reads back as the same double (e.g. 1.0E-5 becomes 0.00001).
     */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = BigDecimal.valueOf(v).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
