package org.relucert.io.vnnlib;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits VNN-LIB text into top-level S-expressions. Comments run from ';' to the end of the line.
 * Unbalanced parentheses are reported with their line and column.
 */
final class SexpParser {
    /** Deepest nesting of parentheses accepted; deeper input is refused before it can exhaust the stack. */
    static final int MAX_DEPTH = 500;

    private final String text;
    private final String source;

    SexpParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    VnnLibException error(int line, int column, String what) {
        return new VnnLibException(source + ":" + line + ":" + column + ": " + what);
    }

    List<Sexp> parse() {
        List<Sexp> top = new ArrayList<>();
        Deque<List<Sexp>> open = new ArrayDeque<>();
        Deque<int[]> openAt = new ArrayDeque<>();
        int line = 1;
        int col = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                line++;
                col = 1;
                i++;
                continue;
            }
            if (Character.isWhitespace(ch)) {
                i++;
                col++;
                continue;
            }
            if (ch == ';') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (ch == '(') {
                if (open.size() >= MAX_DEPTH) {
                    throw error(line, col, "parentheses nested deeper than " + MAX_DEPTH + " levels");
                }
                open.push(new ArrayList<>());
                openAt.push(new int[] {line, col});
                i++;
                col++;
                continue;
            }
            if (ch == ')') {
                if (open.isEmpty()) {
                    throw error(line, col, "unbalanced parentheses: ')' without a matching '('");
                }
                int[] at = openAt.pop();
                Sexp done = Sexp.list(open.pop(), at[0], at[1]);
                add(done, open, top);
                i++;
                col++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && "();".indexOf(text.charAt(i)) < 0) {
                i++;
            }
            Sexp atom = Sexp.atom(text.substring(start, i), line, col);
            col += i - start;
            if (open.isEmpty()) {
                throw error(atom.line(), atom.column(), "expected '(' but found '" + atom.atom() + "'");
            }
            add(atom, open, top);
        }
        if (!open.isEmpty()) {
            int[] at = openAt.peekLast();
            throw error(at[0], at[1], "unbalanced parentheses: '(' is never closed");
        }
        return top;
    }

    private static void add(Sexp e, Deque<List<Sexp>> open, List<Sexp> top) {
        if (open.isEmpty()) {
            top.add(e);
        } else {
            open.peek().add(e);
        }
    }
}
