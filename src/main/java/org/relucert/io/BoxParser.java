package org.relucert.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.relucert.InputFiles;
import org.relucert.InvalidInputException;
import org.relucert.net.Box;

/** Parses boxes from "l1:u1,l2:u2,..." text and from JSON files {"lower": [...], "upper": [...]}. */
public final class BoxParser {

    private BoxParser() {
    }

    /**
     * Parses "l1:u1,l2:u2,...". {@code expectedDim} (or -1 for any) is checked.
     *
     * @throws InvalidInputException naming the dimension that is wrong
     */
    public static Box parse(String text, int expectedDim) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("--box: empty box");
        }
        String[] parts = entries(text, "--box");
        double[] lo = new double[parts.length];
        double[] hi = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            int colon = p.indexOf(':', p.startsWith("-") ? 1 : 0);
            if (colon < 0) {
                throw new InvalidInputException("--box: dimension " + (i + 1) + ": expected 'lower:upper', got '" + p + "'");
            }
            lo[i] = number(p.substring(0, colon), "--box: dimension " + (i + 1) + " lower");
            hi[i] = number(p.substring(colon + 1), "--box: dimension " + (i + 1) + " upper");
        }
        return make(lo, hi, expectedDim, "--box");
    }

    /** Parses a point "x1,x2,...". */
    public static double[] parsePoint(String text, int expectedDim, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(what + ": empty point");
        }
        String[] parts = entries(text, what);
        double[] x = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            x[i] = number(parts[i], what + ": entry " + (i + 1));
            if (!Double.isFinite(x[i])) {
                throw new InvalidInputException(what + ": entry " + (i + 1) + " is not finite: " + parts[i].trim());
            }
        }
        if (expectedDim >= 0 && x.length != expectedDim) {
            throw new InvalidInputException(what + ": point has " + x.length + " entries, the network has "
                    + expectedDim + " inputs");
        }
        return x;
    }

    /** The comma-separated entries; an empty one (e.g. a trailing or doubled comma) is an error. */
    private static String[] entries(String text, String what) {
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new InvalidInputException(what + ": entry " + (i + 1) + " of " + parts.length
                        + " is empty (a trailing or doubled comma?)");
            }
        }
        return parts;
    }

    /** Reads a box file. */
    public static Box read(Path file, int expectedDim) {
        return parseJson(InputFiles.readString(file), file.toString(), expectedDim);
    }

    /** Parses the JSON text of a box file; {@code source} names it in error messages. */
    public static Box parseJson(String text, String source, int expectedDim) {
        JsonNode root = StrictJson.parse(text, source);
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source + ": expected a JSON object with 'lower' and 'upper'");
        }
        double[] lo = array(root.get("lower"), source + ": field 'lower'");
        double[] hi = array(root.get("upper"), source + ": field 'upper'");
        return make(lo, hi, expectedDim, source);
    }

    private static double[] array(JsonNode a, String where) {
        if (a == null || !a.isArray()) {
            throw new InvalidInputException(where + ": " + (a == null ? "missing" : "must be an array of numbers"));
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = a.get(i);
            if (!x.isNumber()) {
                throw new InvalidInputException(where + ": entry " + (i + 1) + " is not a number: " + x);
            }
            out[i] = x.asDouble();
        }
        return out;
    }

    private static double number(String s, String where) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": not a number: '" + s.trim() + "'");
        }
    }

    private static Box make(double[] lo, double[] hi, int expectedDim, String where) {
        if (lo.length != hi.length) {
            throw new InvalidInputException(where + ": 'lower' has " + lo.length + " entries but 'upper' has " + hi.length);
        }
        if (expectedDim >= 0 && lo.length != expectedDim) {
            throw new InvalidInputException(where + ": box has " + lo.length + " dimensions, the network has "
                    + expectedDim + " inputs");
        }
        try {
            return new Box(lo, hi);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
    }
}
