package org.relucert.construct;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;

/**
 * Reads a {@link TargetFunction} from text or a JSON file.
 *
 * <p>Text syntax:
 * <ul>
 *   <li>{@code cpwl: x0:y0, x1:y1, ..., xn:yn} — univariate CPWL on [x0, xn] through the points;</li>
 *   <li>{@code max(e1, e2, ...)}, {@code min(e1, ...)} — each argument an affine function such as
 *       {@code x1}, {@code 0.5*x1+x2-1}, {@code -2x3}, or another max/min.</li>
 * </ul>
 * JSON file: {@code {"cpwl": [[x0, y0], [x1, y1], ...]}} or {@code {"function": "max(x1, x2)"}}.
 */
public final class FunctionParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FunctionParser() {
    }

    /**
     * A function from text ({@code cpwl: ...}, {@code max(...)}, {@code min(...)}, an affine expression) or,
     * when the text names an existing file or ends in ".json", the JSON file it names.
     */
    public static TargetFunction parseOrRead(String spec) {
        String s = spec.trim();
        if (s.startsWith("cpwl:") || s.contains("(")) {
            return parse(s);
        }
        if (s.endsWith(".json") || Files.exists(Path.of(s))) {
            return read(Path.of(s));
        }
        return parse(s);
    }

    /** Parses the text syntax. */
    public static TargetFunction parse(String text) {
        String s = text.trim();
        if (s.startsWith("cpwl:")) {
            return parseCpwl(s.substring(5));
        }
        Expr e = new ExprParser(s).parseAll();
        return MaxMinFunction.of(e);
    }

    private static Cpwl parseCpwl(String body) {
        String[] parts = body.split(",");
        double[] xs = new double[parts.length];
        double[] ys = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            String[] xy = p.split(":");
            if (xy.length != 2) {
                throw new InvalidInputException("cpwl: point " + (i + 1) + " '" + p + "' must be x:y");
            }
            xs[i] = number(xy[0], "cpwl: point " + (i + 1) + " x");
            ys[i] = number(xy[1], "cpwl: point " + (i + 1) + " y");
        }
        return Cpwl.of(xs, ys);
    }

    private static double number(String s, String what) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " '" + s.trim() + "' is not a number");
        }
    }

    /** Reads a JSON function file. */
    public static TargetFunction read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file (and not a function: expected 'cpwl: x:y, ...',"
                    + " 'max(...)' or 'min(...)')");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file + ": expected a JSON object {\"cpwl\": [[x, y], ...]} or {\"function\": \"...\"}");
        }
        if (root.has("cpwl")) {
            return cpwlFromJson(root.get("cpwl"), file);
        }
        if (root.has("function") && root.get("function").isTextual()) {
            try {
                return parse(root.get("function").asText());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(file + ": field 'function': " + e.getMessage());
            }
        }
        throw new InvalidInputException(file + ": needs a field 'cpwl' (array of [x, y]) or 'function' (text)");
    }

    private static Cpwl cpwlFromJson(JsonNode points, Path file) {
        if (!points.isArray()) {
            throw new InvalidInputException(file + ": field 'cpwl' must be an array of [x, y] pairs");
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new InvalidInputException(file + ": cpwl[" + i + "] must be a pair of numbers [x, y]");
            }
            xs[i] = p.get(0).asDouble();
            ys[i] = p.get(1).asDouble();
        }
        try {
            return Cpwl.of(xs, ys);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    /** Recursive-descent parser of max/min/affine expressions; errors give the position (1-based). */
    private static final class ExprParser {
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
}
