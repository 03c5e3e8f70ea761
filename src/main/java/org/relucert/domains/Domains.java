package org.relucert.domains;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.relucert.InvalidInputException;
import org.relucert.NearestName;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.bounds.Relaxation;
import org.relucert.exact.MilpExact;
import org.relucert.relax.Hulls;
import org.relucert.relax.Triangle;
import org.relucert.verify.AlphaCrown;

/**
 * The registry of relaxations by domain name, as accepted by {@code --domain}. A domain is
 * "name" or "name:argument" (e.g. "multi:2"). Adding a relaxation adds one {@link #register} line.
 *
 * <p>This package sits above everything it registers ({@code bounds}, {@code relax}, {@code exact}), so
 * none of those depends on it; its users are the CLI, the precision lab's callers and the report.
 */
public final class Domains {

    /**
     * One registered domain: its name, the name of its argument ({@code null} when it takes none), a
     * one-line description, the spec the demo runs (e.g. "multi:2"), and a factory from the argument.
     */
    public record Entry(String name, String argument, String description, String example,
                        Function<String, Relaxation> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(new Entry("ibp", null, "interval bound propagation (Box)", "ibp", a -> new Ibp()));
        register(new Entry("deeppoly0", null, "DeepPoly, back-substitution, unstable lower slope 0 (DP-0)", "deeppoly0",
                a -> new DeepPoly(DeepPoly.SlopeRule.ZERO)));
        register(new Entry("deeppoly1", null, "DeepPoly, back-substitution, unstable lower slope 1 (DP-1)", "deeppoly1",
                a -> new DeepPoly(DeepPoly.SlopeRule.ONE)));
        register(new Entry("deeppoly", null, "DeepPoly with the area heuristic (slope 1 if u > -l, else 0)", "deeppoly",
                a -> new DeepPoly(DeepPoly.SlopeRule.AREA)));
        register(new Entry("crown", null, "CROWN as auto_LiRPA names it: the same as deeppoly (area heuristic)", "crown",
                a -> new DeepPoly(DeepPoly.SlopeRule.AREA, "crown")));
        register(new Entry("alpha-crown", "[STEPS]", "alpha-CROWN: crown with optimised lower slopes, STEPS Adam iterations"
                + " per bound (default " + AlphaCrown.DEFAULT_STEPS + ")", "alpha-crown",
                a -> new AlphaCrown(steps(a))));
        register(new Entry("triangle", null, "triangle LP (Delta), pre-activation bounds by LP node by node", "triangle",
                a -> Triangle.lpBounds()));
        register(new Entry("triangle-dp", null, "triangle LP with DeepPoly intermediate bounds (faster, looser)", "triangle-dp",
                a -> Triangle.deepPolyBounds()));
        register(new Entry("multi", "K[:exact|:reach][:overlap]", "M_K: hulls of K outputs jointly with the layer inputs (box of their bounds; exact: LP polytope; reach: exact reachable set)", "multi:2",
                a -> Hulls.domain("multi", a)));
        register(new Entry("layer", "[exact|reach][:overlap]", "P_1: hull of a whole layer's outputs with its inputs; 'layer' alone = box, layer:reach = over the exact reachable set", "layer",
                a -> Hulls.domain("layer", a)));
        register(new Entry("krelu", "K[:exact|:reach][:overlap]", "k-ReLU: hulls of K outputs with their own pre-activations", "krelu:2",
                a -> Hulls.domain("krelu", a)));
        register(new Entry("exact", null, "exact bounds by MILP (SCIP, big-M on triangle bounds), witness checked", "exact",
                a -> new MilpExact()));
    }

    private Domains() {
    }

    private static int steps(String arg) {
        if (arg == null || arg.isBlank()) {
            return AlphaCrown.DEFAULT_STEPS;
        }
        try {
            int k = Integer.parseInt(arg.trim());
            if (k >= 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("alpha-crown: steps must be a whole number 0 or more, got '" + arg + "'");
    }

    /** Adds a domain; later registrations of the same name replace earlier ones. */
    public static synchronized void register(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    /** All registered domains, in registration order. */
    public static synchronized List<Entry> all() {
        return new ArrayList<>(ENTRIES.values());
    }

    /** The names of the domains that need no argument plus "name:ARG" for the others. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Entry e : all()) {
            out.add(e.argument() == null ? e.name() : e.name() + ":" + e.argument());
        }
        return out;
    }

    /**
     * The relaxation for a domain spec such as "deeppoly0" or "multi:2".
     *
     * @throws InvalidInputException for an unknown name or a bad argument
     */
    public static Relaxation parse(String spec) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? null : s.substring(colon + 1);
        Entry e;
        synchronized (Domains.class) {
            e = ENTRIES.get(name);
        }
        if (e == null) {
            String near = suggestion(name, arg);
            throw new InvalidInputException("unknown domain '" + spec + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                    + " known domains: " + String.join(", ", names()));
        }
        if (e.argument() == null && arg != null) {
            throw new InvalidInputException("domain '" + name + "' takes no argument, got '" + spec + "'");
        }
        return e.factory().apply(arg);
    }

    /**
     * The registered spec nearest to a mistyped {@code name} (see {@link NearestName}), with the typed
     * argument kept when the suggested domain takes one ("mutli:2": "multi:2"), or null.
     */
    static String suggestion(String name, String arg) {
        List<String> names = new ArrayList<>();
        for (Entry e : all()) {
            names.add(e.name());
        }
        String near = NearestName.of(name, names);
        if (near == null || arg == null) {
            return near;
        }
        synchronized (Domains.class) {
            return ENTRIES.get(near).argument() == null ? near : near + ":" + arg;
        }
    }

    /** Parses a comma-separated list of domain specs. */
    public static List<Relaxation> parseList(String specs) {
        List<Relaxation> out = new ArrayList<>();
        for (String s : specs.split(",")) {
            if (!s.isBlank()) {
                out.add(parse(s));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("no domain given");
        }
        return out;
    }
}
