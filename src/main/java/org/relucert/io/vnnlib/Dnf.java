package org.relucert.io.vnnlib;

import java.util.ArrayList;
import java.util.List;

/** Conjunction of formulas in disjunctive normal form, with the case limit. */
final class Dnf {
    private Dnf() {
    }

    interface Errors {
        VnnLibException at(Sexp where, String what);
    }

    /** The DNF of (a and b): every disjunct of a joined with every disjunct of b. */
    static List<List<Constraint>> and(List<List<Constraint>> a, List<List<Constraint>> b, Sexp at, Errors errors) {
        if ((long) a.size() * b.size() > VnnLibReader.MAX_CASES) {
            throw errors.at(at, "the property expands to " + ((long) a.size() * b.size())
                    + " cases in disjunctive normal form, more than the limit of " + VnnLibReader.MAX_CASES);
        }
        if (b.size() == 1) {
            for (List<Constraint> c : a) {
                c.addAll(b.get(0));
            }
            return a;
        }
        List<List<Constraint>> out = new ArrayList<>();
        for (List<Constraint> x : a) {
            for (List<Constraint> y : b) {
                List<Constraint> c = new ArrayList<>(x.size() + y.size());
                c.addAll(x);
                c.addAll(y);
                out.add(c);
            }
        }
        return out;
    }
}
