package org.relucert.construct;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
}
