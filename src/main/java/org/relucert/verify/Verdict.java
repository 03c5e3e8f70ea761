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
 * @param provedBound a sound lower bound, over every case's whole input box, of the property margin:
 *        min over the cases of the case margin max_i (c_i·y - d_i) (the quantity {@link
 *        org.relucert.spec.Property.Case#margin} computes; positive means the case's unsafe set is not
 *        reached). Branch and bound proves it as the smallest lower bound over a cover of every case's box:
 *        its closed leaves (a subproblem's bound is the best of its rows, combination rows of {@link
 *        ConjunctionRows} included: each is a convex combination of the case's rows, hence at most their
 *        maximum), the subproblems still open or in progress, and those dropped (queue full, undecidable,
 *        the search stopped), or the smallest root bound of the cases when that is larger (so never below the
 *        incomplete check's bound; see {@link ProvedCover}). Parts of a box decided by {@link InputClipping} or by an infeasible leaf LP
 *        count as 0 (the margin is positive there but no larger bound is known), so an unsat verdict has
 *        {@code provedBound > 0} when neither occurred and {@code >= 0} always. For timeout and unknown it
 *        may be negative. For sat it is still a lower bound (at most the margin at x, which is &lt;= 0), not
 *        the margin at the counterexample. {@code -Infinity} when no case was bounded (the verdict came
 *        from falsification or a time-out before every case had its root bound).
 * @param searchSeconds wall-clock seconds of branch and bound after every case's root was bounded (the
 *        work queue, where all subproblems but the roots are bounded); 0 when the roots decided
 */
public record Verdict(Kind kind, double[] x, double[] y, long subproblems, String note, double provedBound,
                      double searchSeconds) {

    /** A verdict without a proved bound ({@code provedBound = -Infinity}). */
    public Verdict(Kind kind, double[] x, double[] y, long subproblems, String note) {
        this(kind, x, y, subproblems, note, Double.NEGATIVE_INFINITY);
    }

    /** A verdict reached without a branch-and-bound search ({@code searchSeconds = 0}). */
    public Verdict(Kind kind, double[] x, double[] y, long subproblems, String note, double provedBound) {
        this(kind, x, y, subproblems, note, provedBound, 0);
    }

    /** This verdict with another proved bound. */
    Verdict withProvedBound(double bound) {
        return new Verdict(kind, x, y, subproblems, note, bound, searchSeconds);
    }

    /** This verdict with the seconds of the search after the roots. */
    Verdict withSearchSeconds(double seconds) {
        return new Verdict(kind, x, y, subproblems, note, provedBound, seconds);
    }

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
     * Plain decimal notation without exponent (SMT-LIB and the VNN-COMP scripts parse it): the shortest
     * decimal that reads back as exactly this double ({@link Double#toString}), written out in full.
     */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
