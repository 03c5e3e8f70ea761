package org.relucert.certify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.relucert.InvalidInputException;
import org.relucert.NearestName;

/**
 * One certification method: {@code ibp}, {@code deeppoly} (= {@code crown}), {@code alpha-crown} or
 * {@code verify[:seconds]} (plain {@code verify}: an instance's own time limit, for images
 * {@value #DEFAULT_VERIFY_SECONDS} s).
 *
 * @param name    the name as written in results (e.g. {@code verify:10})
 * @param kind    what runs
 * @param seconds time limit of {@code verify} (0 for the bounding methods)
 */
public record Method(String name, Kind kind, double seconds) implements java.io.Serializable {

    /** Default time limit of {@code verify} without {@code :seconds}. */
    public static final double DEFAULT_VERIFY_SECONDS = 30;

    /** What a method runs. */
    public enum Kind { IBP, DEEPPOLY, ALPHA_CROWN, VERIFY }

    /** Parses one method name; throws InvalidInputException naming the option. */
    public static Method parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "ibp":
                return new Method("ibp", Kind.IBP, 0);
            case "deeppoly":
                return new Method("deeppoly", Kind.DEEPPOLY, 0);
            case "crown":
                return new Method("crown", Kind.DEEPPOLY, 0);
            case "alpha-crown":
                return new Method("alpha-crown", Kind.ALPHA_CROWN, 0);
            case "verify":
                return new Method("verify", Kind.VERIFY, DEFAULT_VERIFY_SECONDS);
            default:
                break;
        }
        if (s.startsWith("verify:")) {
            double sec;
            try {
                sec = Double.parseDouble(s.substring(7));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--method " + text + ": the time limit after verify: is not a number");
            }
            if (!(sec > 0) || Double.isInfinite(sec)) {
                throw new InvalidInputException("--method " + text + ": the time limit must be positive and finite");
            }
            return new Method("verify:" + format(sec), Kind.VERIFY, sec);
        }
        String near = NearestName.of(s, List.of("ibp", "deeppoly", "crown", "alpha-crown", "verify"));
        throw new InvalidInputException("--method: unknown method '" + text + "'"
                + (near == null ? "" : "; did you mean '" + near + "'?")
                + " (ibp, deeppoly, crown, alpha-crown, verify[:seconds])");
    }

    /** Parses a comma-separated list, dropping repeats. */
    public static List<Method> parseList(String text) {
        LinkedHashSet<Method> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                throw new InvalidInputException("--method: empty name in '" + text + "'");
            }
            out.add(parse(part));
        }
        return new ArrayList<>(out);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A rough relative cost, to start long jobs first. */
    public double cost() {
        return switch (kind) {
            case IBP -> 1;
            case DEEPPOLY -> 10;
            case ALPHA_CROWN -> 100;
            case VERIFY -> 1000 * seconds;
        };
    }
}
