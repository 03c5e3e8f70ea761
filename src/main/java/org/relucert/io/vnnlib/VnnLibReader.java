package org.relucert.io.vnnlib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.relucert.InputFiles;
import org.relucert.InvalidInputException;
import org.relucert.io.vnnlib.Linear.Var;
import org.relucert.spec.Property;

/**
 * Reads VNN-LIB property files into a {@link Property}.
 *
 * <p>Supported: {@code (declare-const X_i Real)} and {@code (declare-const Y_j Real)} for the inputs
 * X_0..X_{n-1} and outputs Y_0..Y_{m-1}; {@code (assert F)} where F nests {@code and}, {@code or} and
 * the comparisons {@code <=, >=, <, >, =} (chains allowed) between linear terms: numbers, variables,
 * {@code (+ ...)}, {@code (- ...)}, {@code (* c t)} and {@code (/ t c)} with constant c. Strict
 * comparisons are read as non-strict (the unsafe set is taken as its closure, which can only make a
 * property harder to prove). The conjunction of all assertions is expanded to disjunctive normal form;
 * each disjunct becomes one case: its constraints on single inputs form the input box (every X_i needs
 * a lower and an upper bound), its constraints on outputs the unsafe polytope C·y &lt;= d. Constraints that
 * mix inputs and outputs, or relate several inputs, are rejected. Disjuncts whose input box or output
 * constraints are contradictory by constants alone are dropped (they cannot be satisfied).
 *
 * <p>Errors name the file, line and column: {@code file:line:column: what is wrong}.
 */
public final class VnnLibReader {
    /** Largest number of disjunctive-normal-form cases a file may expand to. */
    public static final int MAX_CASES = 10_000;

    /**
     * A decimal number. Possessive quantifiers: the former {@code \d+\.?\d*} backtracked over every split of
     * a digit run, so an atom of 40,000 digits followed by another character took tens of seconds to refuse.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");
    private static final Pattern VARIABLE = Pattern.compile("([XY])_(\\d+)");

    private final String source;
    private final SexpParser parser;
    private final Map<String, Var> declared = new TreeMap<>();

    private VnnLibReader(String text, String source) {
        this.source = source;
        this.parser = new SexpParser(text, source);
    }

    /** Reads a VNN-LIB file, gzipped or not ({@link InputFiles}). @throws InvalidInputException naming the file, line and column */
    public static Property read(Path file) {
        return parse(InputFiles.readString(file), file.toString());
    }

    /** Parses VNN-LIB text; {@code source} names it in error messages. */
    public static Property parse(String text, String source) {
        return new VnnLibReader(text, source).property();
    }

    private VnnLibException error(Sexp at, String what) {
        return parser.error(at.line(), at.column(), what);
    }

    private Property property() {
        List<Sexp> commands = parser.parse();
        List<List<Constraint>> dnf = new ArrayList<>();
        dnf.add(new ArrayList<>());
        for (Sexp cmd : commands) {
            String head = cmd.head();
            if ("declare-const".equals(head)) {
                declare(cmd);
            } else if ("assert".equals(head)) {
                if (cmd.list().size() != 2) {
                    throw error(cmd, "assert takes exactly one formula");
                }
                dnf = Dnf.and(dnf, formula(cmd.list().get(1)), cmd, this::error);
            } else {
                throw error(cmd, head == null ? "expected a command such as (assert ...)"
                        : "unknown command '" + head + "' (expected declare-const or assert)");
            }
        }
        int inputs = count(true);
        int outputs = count(false);
        return new CaseBuilder(source, inputs, outputs).property(dnf);
    }

    private void declare(Sexp cmd) {
        List<Sexp> items = cmd.list();
        if (items.size() != 3 || !items.get(1).isAtom() || !items.get(2).isAtom()) {
            throw error(cmd, "expected (declare-const NAME Real)");
        }
        Sexp name = items.get(1);
        var m = VARIABLE.matcher(name.atom());
        if (!m.matches()) {
            throw error(name, "variable '" + name.atom() + "' must be named X_i (input) or Y_j (output)");
        }
        if (!"Real".equals(items.get(2).atom())) {
            throw error(items.get(2), "variable '" + name.atom() + "' has type '" + items.get(2).atom()
                    + "'; only Real is supported");
        }
        if (declared.containsKey(name.atom())) {
            throw error(name, "variable '" + name.atom() + "' is declared twice");
        }
        int index;
        try {
            index = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw error(name, "variable index of '" + name.atom() + "' is too large");
        }
        declared.put(name.atom(), new Var(m.group(1).equals("X"), index));
    }

    private int count(boolean input) {
        int n = 0;
        for (Var v : declared.values()) {
            if (v.input() == input) {
                n++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!declared.containsKey((input ? "X_" : "Y_") + i)) {
                throw new VnnLibException(source + ": the " + (input ? "inputs" : "outputs") + " declared are not "
                        + (input ? "X_0" : "Y_0") + ".." + (input ? "X_" : "Y_") + (n - 1) + ": "
                        + (input ? "X_" : "Y_") + i + " is missing");
            }
        }
        if (n == 0) {
            throw new VnnLibException(source + ": no " + (input ? "input (X_i)" : "output (Y_j)")
                    + " variables declared");
        }
        return n;
    }

    /** The formula in disjunctive normal form: a list of conjunctions of constraints. */
    private List<List<Constraint>> formula(Sexp f) {
        if (f.isAtom()) {
            throw error(f, "expected a formula such as (<= X_0 1), found '" + f.atom() + "'");
        }
        String op = f.head();
        if (op == null) {
            throw error(f, "expected an operator after '('");
        }
        List<Sexp> args = f.list().subList(1, f.list().size());
        switch (op) {
            case "and" -> {
                List<List<Constraint>> out = new ArrayList<>();
                out.add(new ArrayList<>());
                for (Sexp a : args) {
                    out = Dnf.and(out, formula(a), f, this::error);
                }
                return out;
            }
            case "or" -> {
                List<List<Constraint>> out = new ArrayList<>();
                for (Sexp a : args) {
                    out.addAll(formula(a));
                    if (out.size() > MAX_CASES) {
                        throw error(f, "the property expands to more than " + MAX_CASES + " cases");
                    }
                }
                return out;
            }
            case "<=", ">=", "<", ">", "=" -> {
                return List.of(comparison(f, op, args));
            }
            default -> throw error(f.list().get(0), "unknown operator '" + op
                    + "' (expected and, or, <=, >=, <, >, =)");
        }
    }

    private List<Constraint> comparison(Sexp f, String op, List<Sexp> args) {
        if (args.size() < 2) {
            throw error(f, "'" + op + "' needs at least two terms");
        }
        List<Constraint> out = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            Linear a = term(args.get(i));
            Linear b = term(args.get(i + 1));
            switch (op) {
                case "<=", "<" -> out.add(constraint(a.plus(b, -1), f));
                case ">=", ">" -> out.add(constraint(b.plus(a, -1), f));
                default -> {
                    out.add(constraint(a.plus(b, -1), f));
                    out.add(constraint(b.plus(a, -1), f));
                }
            }
        }
        return out;
    }

    private Constraint constraint(Linear lessOrEqualZero, Sexp at) {
        if (lessOrEqualZero.hasInputs() && lessOrEqualZero.hasOutputs()) {
            throw error(at, "constraint mixes input and output variables, which is not supported");
        }
        if (lessOrEqualZero.hasInputs() && lessOrEqualZero.coefficients().size() > 1) {
            throw error(at, "constraint relates several inputs; input constraints must bound one variable");
        }
        return new Constraint(lessOrEqualZero, at);
    }

    private Linear term(Sexp t) {
        if (t.isAtom()) {
            Var v = declared.get(t.atom());
            if (v != null) {
                return Linear.variable(v);
            }
            String s = t.atom();
            if (NUMBER.matcher(s).matches()) {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw error(t, "number '" + s + "' is out of range");
                }
                return Linear.constant(d);
            }
            if (VARIABLE.matcher(s).matches() || Character.isLetter(s.charAt(0)) || s.charAt(0) == '_') {
                throw error(t, "undeclared variable '" + s + "'");
            }
            throw error(t, "bad number '" + s + "'");
        }
        String op = t.head();
        if (op == null) {
            throw error(t, "expected a term (number, variable or arithmetic)");
        }
        List<Sexp> args = t.list().subList(1, t.list().size());
        if (args.isEmpty()) {
            throw error(t, "'" + op + "' needs arguments");
        }
        switch (op) {
            case "+" -> {
                Linear s = Linear.constant(0);
                for (Sexp a : args) {
                    s = s.plus(term(a), 1);
                }
                return s;
            }
            case "-" -> {
                if (args.size() == 1) {
                    return term(args.get(0)).times(-1);
                }
                Linear s = term(args.get(0));
                for (Sexp a : args.subList(1, args.size())) {
                    s = s.plus(term(a), -1);
                }
                return s;
            }
            case "*" -> {
                Linear p = Linear.constant(1);
                for (Sexp a : args) {
                    Linear x = term(a);
                    if (!p.isConstant() && !x.isConstant()) {
                        throw error(t, "product of two variables is not linear");
                    }
                    p = p.isConstant() ? x.times(p.constant()) : p.times(x.constant());
                }
                return p;
            }
            case "/" -> {
                if (args.size() != 2) {
                    throw error(t, "'/' takes exactly two terms");
                }
                Linear divisor = term(args.get(1));
                if (!divisor.isConstant() || divisor.constant() == 0) {
                    throw error(args.get(1), "divisor must be a non-zero constant");
                }
                return term(args.get(0)).times(1.0 / divisor.constant());
            }
            default -> throw error(t.list().get(0), "unknown operator '" + op + "' in a term (expected +, -, *, /)");
        }
    }
}
