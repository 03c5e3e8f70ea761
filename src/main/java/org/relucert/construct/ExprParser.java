package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;

/**
 * Recursive-descent parser of {@link FunctionParser}'s max/min/affine expressions; errors give the position
 * (1-based).
 */
final class ExprParser {
    private final String text;
    private int pos;

    ExprParser(String text) {
        this.text = text;
    }

    Expr parseAll() {
        Expr e = expr();
        skipSpace();
        if (pos < text.length()) {
            throw error("expected end of input");
        }
        return e;
    }

    private InvalidInputException error(String expected) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of input";
        return new InvalidInputException("function '" + text + "': at position " + (pos + 1) + ": " + expected
                + ", found " + found);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peekWord(String w) {
        skipSpace();
        if (!text.startsWith(w, pos)) {
            return false;
        }
        int after = pos + w.length();
        int k = after;
        while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        return k < text.length() && text.charAt(k) == '(';
    }

    private Expr expr() {
        if (peekWord("max")) {
            return call(true, "max");
        }
        if (peekWord("min")) {
            return call(false, "min");
        }
        return affine();
    }

    private Expr call(boolean max, String word) {
        pos += word.length();
        skipSpace();
        pos++; // '(' checked by peekWord
        List<Expr> args = new ArrayList<>();
        args.add(expr());
        skipSpace();
        while (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            args.add(expr());
            skipSpace();
        }
        if (pos >= text.length() || text.charAt(pos) != ')') {
            throw error("expected ',' or ')' in " + word + "(...)");
        }
        pos++;
        return new Expr.Call(max, args);
    }

    private Expr affine() {
        List<Double> coef = new ArrayList<>();
        double constant = 0;
        skipSpace();
        boolean first = true;
        while (true) {
            skipSpace();
            double sign = 1;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                sign = text.charAt(pos) == '-' ? -1 : 1;
                pos++;
                skipSpace();
            } else if (!first) {
                break;
            }
            first = false;
            double factor = 1;
            boolean hasNumber = false;
            if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                factor = numberToken();
                hasNumber = true;
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == '*') {
                    pos++;
                    skipSpace();
                    if (pos >= text.length() || text.charAt(pos) != 'x') {
                        throw error("expected a variable x1, x2, ... after '*'");
                    }
                }
            }
            if (pos < text.length() && text.charAt(pos) == 'x') {
                int index = variable();
                while (coef.size() < index) {
                    coef.add(0.0);
                }
                coef.set(index - 1, coef.get(index - 1) + sign * factor);
            } else if (hasNumber) {
                constant += sign * factor;
            } else {
                throw error("expected a number, a variable x1, x2, ..., max( or min(");
            }
        }
        double[] c = new double[coef.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = coef.get(i);
        }
        return new Expr.Affine(c, constant);
    }

    private double numberToken() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String token = text.substring(start, pos);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("expected a number");
        }
    }

    private int variable() {
        int start = pos;
        pos++; // 'x'
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected the index of the variable (x1, x2, ...)");
        }
        int index = pos - digits > 5 ? -1 : Integer.parseInt(text.substring(digits, pos));
        if (index < 1 || index > 10_000) {
            pos = start;
            throw error("expected a variable index between 1 and 10000");
        }
        return index;
    }
}
