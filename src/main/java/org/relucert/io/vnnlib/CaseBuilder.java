package org.relucert.io.vnnlib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.relucert.io.vnnlib.Linear.Var;
import org.relucert.net.Box;
import org.relucert.spec.Property;

/** Turns each disjunct (a conjunction of constraints) into a {@link Property.Case}. */
final class CaseBuilder {
    private final String source;
    private final int inputs;
    private final int outputs;
    /** The first empty input interval met, as words, or null. */
    private String emptyInput;

    CaseBuilder(String source, int inputs, int outputs) {
        this.source = source;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    Property property(List<List<Constraint>> dnf) {
        List<Property.Case> cases = new ArrayList<>();
        emptyInput = null;
        for (int k = 0; k < dnf.size(); k++) {
            Property.Case c = build(dnf.get(k), k + 1, dnf.size());
            if (c != null) {
                cases.add(c);
            }
        }
        if (cases.isEmpty() && emptyInput != null) {
            // a property whose every case has an empty input box holds vacuously: almost surely a mistake
            throw new VnnLibException(source + ": the input set is empty: " + emptyInput);
        }
        return new Property(inputs, outputs, cases);
    }

    /** The case, or null when its constraints are contradictory (empty box or false constant constraint). */
    private Property.Case build(List<Constraint> conjunction, int number, int total) {
        double[] lower = new double[inputs];
        double[] upper = new double[inputs];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        List<double[]> rows = new ArrayList<>();
        List<Double> rhs = new ArrayList<>();
        boolean contradictory = false;
        for (Constraint con : conjunction) {
            Linear e = con.expression();
            if (e.isConstant()) {
                contradictory |= e.constant() > 0;
            } else if (e.hasInputs()) {
                bound(e, lower, upper, con.at());
            } else {
                double[] row = new double[outputs];
                for (Map.Entry<Var, Double> t : e.coefficients().entrySet()) {
                    Var v = t.getKey();
                    if (v.index() >= outputs) {
                        throw new VnnLibException(source + ":" + con.at().line() + ":" + con.at().column()
                                + ": " + v + " is not an output");
                    }
                    row[v.index()] = t.getValue();
                }
                rows.add(row);
                rhs.add(0.0 - e.constant());
            }
        }
        for (int i = 0; i < inputs; i++) {
            if (lower[i] == Double.NEGATIVE_INFINITY || upper[i] == Double.POSITIVE_INFINITY) {
                String missing = lower[i] == Double.NEGATIVE_INFINITY ? "lower" : "upper";
                throw new VnnLibException(source + ": X_" + i + " has no " + missing + " bound"
                        + (total > 1 ? " in case " + number + " of " + total + " (disjunctive normal form)" : "")
                        + "; every input needs both bounds");
            }
            if (lower[i] > upper[i]) {
                contradictory = true;
                if (emptyInput == null) {
                    emptyInput = "X_" + i + " has lower bound " + (lower[i] + 0.0) + " above its upper bound " + (upper[i] + 0.0)
                            + (total > 1 ? " in case " + number + " of " + total : "");
                }
            }
        }
        if (contradictory) {
            return null;
        }
        double[] d = new double[rhs.size()];
        for (int r = 0; r < d.length; r++) {
            d[r] = rhs.get(r);
        }
        return new Property.Case(new Box(lower, upper), rows.toArray(new double[0][]), d);
    }

    /** a * X_i + c <= 0 tightens the upper (a > 0) or lower (a < 0) bound of X_i. */
    private static void bound(Linear e, double[] lower, double[] upper, Sexp at) {
        Map.Entry<Var, Double> t = e.coefficients().entrySet().iterator().next();
        int i = t.getKey().index();
        double a = t.getValue();
        double value = a == 1.0 ? -e.constant() : a == -1.0 ? e.constant() : -e.constant() / a;
        if (a > 0) {
            upper[i] = Math.min(upper[i], value);
        } else {
            lower[i] = Math.max(lower[i], value);
        }
    }
}
