package org.relucert.io.vnnlib;

import java.util.List;

/**
 * One S-expression of a VNN-LIB file with the position where it starts: an atom (symbol or number
 * text) or a parenthesised list.
 */
record Sexp(String atom, List<Sexp> list, int line, int column) {

    static Sexp atom(String text, int line, int column) {
        return new Sexp(text, null, line, column);
    }

    static Sexp list(List<Sexp> items, int line, int column) {
        return new Sexp(null, List.copyOf(items), line, column);
    }

    boolean isAtom() {
        return atom != null;
    }

    /** The operator symbol of a list (its first atom), or null. */
    String head() {
        return list != null && !list.isEmpty() && list.get(0).isAtom() ? list.get(0).atom : null;
    }

    /** "line L, column C". */
    String where() {
        return "line " + line + ", column " + column;
    }

    @Override
    public String toString() {
        if (isAtom()) {
            return atom;
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(list.get(i));
        }
        return sb.append(')').toString();
    }
}
