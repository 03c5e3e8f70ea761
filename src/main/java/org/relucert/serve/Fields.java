package org.relucert.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.io.BoxParser;
import org.relucert.net.Box;

/** Reading the fields of a request document, with errors naming the field. */
final class Fields {
    private Fields() {
    }

    /** A required string field. */
    static String text(JsonNode o, String field, String name) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(name + ": missing");
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(name + ": expected a string, got " + v.getNodeType().toString().toLowerCase());
        }
        return v.asText();
    }

    /** An optional string field. */
    static String text(JsonNode o, String field, String name, String fallback) {
        return o.has(field) && !o.get(field).isNull() ? text(o, field, name) : fallback;
    }

    /** An optional integer field within [min, max]. */
    static int integer(JsonNode o, String field, int fallback, int min, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new InvalidInputException(field + ": expected an integer from " + min + " to " + max + ", got " + v);
        }
        return v.asInt();
    }

    /** An optional number field. */
    static double number(JsonNode o, String field, double fallback) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new InvalidInputException(field + ": expected a number, got " + v);
        }
        return v.asDouble();
    }

    /** "domains": a list of domain specs, or one comma-separated string, joined by commas. */
    static String domains(JsonNode o, boolean required) {
        JsonNode v = o.get("domains");
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidInputException("domains: missing; e.g. [\"triangle\", \"multi:1\"]");
            }
            return "";
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (!v.isArray()) {
            throw new InvalidInputException("domains: expected a list of domain names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode d : v) {
            if (!d.isTextual()) {
                throw new InvalidInputException("domains: expected strings, got " + d);
            }
            names.add(d.asText());
        }
        if (required && names.isEmpty()) {
            throw new InvalidInputException("no domain given");
        }
        return String.join(",", names);
    }

    /** A box field "l1:u1,..." of the network's dimension; errors read as the CLI's, with the field's name. */
    static Box box(JsonNode o, String field, int dim) {
        String text = text(o, field, field);
        try {
            return BoxParser.parse(text, dim);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.getMessage().replaceFirst("^--box", field));
        }
    }

    /** Refuses a box that is not inside X. */
    static void inside(Box box, Box over) {
        for (int i = 0; i < box.dim(); i++) {
            if (box.lower()[i] < over.lower()[i] || box.upper()[i] > over.upper()[i]) {
                throw new InvalidInputException("box: " + box + " is not inside X = " + over + " (dimension "
                        + (i + 1) + ")");
            }
        }
    }
}
