package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * Builds, for a function and a relaxation, a network that the relaxation analyses precisely, following
 * Table 1 of P1 (THEORY.md §4.1) and the constructions of §5; refuses with an explanation where Table 1
 * has ✗ (the result says no such network exists) or "?" (open).
 *
 * <p>Targets: {@code ibp} (§5.1, T1), {@code deeppoly0} (§5.2, T2), {@code deeppoly1} (§5.3, T3),
 * {@code triangle} (§5.4, T4), {@code multi} (§3.5 T5; §5.5 and §7.5 for max in R^d, with the input copies
 * of P2-v3 Thm 5.1 as an option).
 */
public final class Encoders {
    /** The target domains that have constructions. */
    public static final List<String> TARGETS = List.of("ibp", "deeppoly0", "deeppoly1", "triangle", "multi");

    /**
     * Options of {@link #encode}: Triangle orientation ("+-+", one sign per kink; null for all '+'),
     * input-copy augmentation for {@code multi} (needs {@code box} for a max/min function; a CPWL uses its
     * interval), whether to build a network for an open ("?") cell anyway, and, for {@code multi} with a flat
     * max/min, a strictly layered chain with shifted identities on {@code box} instead of skip connections.
     */
    public record Options(String orientation, boolean augment, Box box, boolean allowOpen, boolean layered) {
        public static Options defaults() {
            return new Options(null, false, null, false, false);
        }
    }

    private Encoders() {
    }

    /** Encodes f for the target domain with default options. */
    public static Encoding encode(TargetFunction f, String target) {
        return encode(f, target, Options.defaults());
    }

    /**
     * Encodes f for the target domain.
     *
     * @throws ImpossibleEncodingException for a ✗ or open cell of Table 1, with the explanation
     * @throws InvalidInputException       for an unknown target or a bad option
     */
    public static Encoding encode(TargetFunction f, String target, Options o) {
        if (!TARGETS.contains(target)) {
            if (target.equals("deeppoly")) {
                throw new ImpossibleEncodingException("?", "no construction for 'deeppoly' (the area heuristic):"
                        + " P1's results concern DP-0 and DP-1 only, and the area heuristic is not precise on any of"
                        + " P1's constructions (THEORY.md §3.3); use --for deeppoly0 or deeppoly1");
            }
            throw new InvalidInputException("unknown --for '" + target + "'; constructions exist for "
                    + String.join(", ", TARGETS));
        }
        if (o.orientation() != null && !target.equals("triangle")) {
            throw new InvalidInputException("--orientation applies to --for triangle only");
        }
        if (o.box() != null && !o.augment() && !o.layered()) {
            throw new InvalidInputException("--box applies to --augment and --layered only");
        }
        if (o.layered() && (!target.equals("multi") || !(f instanceof MaxMinFunction m && m.flat() && o.box() != null))) {
            throw new InvalidInputException("--layered applies to --for multi with a flat max(...) or min(...) of affine"
                    + " functions and needs --box (the carries R(x - l) are exact on the box only)");
        }
        if (o.augment() && !target.equals("multi")) {
            throw new InvalidInputException("--augment applies to --for multi only (input copies, P2-v3 Thm 5.1)");
        }
        if (f instanceof MaxMinFunction m) {
            return encodeMaxMin(m, target, o);
        }
        return encodeCpwl((Cpwl) f, target, o);
    }

    private static Encoding encodeCpwl(Cpwl f, String target, Options o) {
        Shape s = f.shape();
        return switch (target) {
            case "ibp" -> ibp(f, s);
            case "deeppoly0" -> singleNeuron(f, s, target, o,
                    g -> UnivariateForms.deepPoly0(g).toNetwork(), "DP-0 minimal form: every ReLU points away from the minimiser",
                    "THEORY.md §5.2 (T2, P1)");
            case "deeppoly1" -> singleNeuron(f, s, target, o,
                    g -> UnivariateForms.deepPoly1(g).toNetwork(), "DP-1 form: the DP-0 form with every neuron flipped",
                    "THEORY.md §5.3 (T3 applied to T2, P1)");
            case "triangle" -> singleNeuron(f, s, target, o,
                    g -> UnivariateForms.oriented(g, orientation(g, o.orientation())).toNetwork(),
                    "Triangle form, orientation " + triangleSigns(f, o.orientation()), "THEORY.md §5.4 (T4, P1)");
            default -> multiCpwl(f, o);
        };
    }

    private static Encoding ibp(Cpwl f, Shape s) {
        if (!s.monotone()) {
            String why = s.convex()
                    ? "Table 1 marks IBP ✗ on convex CPWL (T0a, Mirman, Baader, Vechev 2022): some convex univariate"
                    + " function, e.g. |x|, has no network whose IBP analysis is exact on every box"
                    : "Table 1 marks IBP ✗ on CPWL (prior: it follows from T0a, Mirman, Baader, Vechev 2022)";
            throw new ImpossibleEncodingException("✗", why + "; IBP-precise constructions exist for monotone functions"
                    + " only (T1, THEORY.md §4.2, §5.1), and " + f.text() + " is not monotone ("
                    + s.label() + "). Use --for deeppoly0, deeppoly1, triangle or multi instead.");
        }
        return new Encoding(ClippedRamps.network(f), "ibp", f.text(),
                "clipped ramps, two hidden layers", "THEORY.md §5.1 (T1, P1)", List.of());
    }

    private interface Builder {
        Network build(Cpwl g);
    }

    /** DP-0 / DP-1 / Triangle: convex -> the form; concave -> negated form of -f; monotone -> clipped ramps. */
    private static Encoding singleNeuron(Cpwl f, Shape s, String target, Options o, Builder convexBuilder,
                                         String construction, String reference) {
        if (s.convex()) {
            return new Encoding(convexBuilder.build(f), target, f.text(), construction, reference, List.of());
        }
        if (s.concave()) {
            Network net = NetworkOps.negateOutput(convexBuilder.build(f.negate()));
            return new Encoding(net, target, f.text(), "negated " + construction + " of -f", reference,
                    List.of("[derived] f is concave: the network is -(construction for the convex -f); negating the"
                            + " output swaps the exact lower and upper bounds, so precision carries over"));
        }
        if (o.orientation() != null) {
            throw new InvalidInputException("--orientation applies to convex (or concave) functions (THEORY.md §5.4); "
                    + f.text() + " is " + s.label());
        }
        if (s.monotone()) {
            Network ramps = ClippedRamps.network(f);
            List<String> notes = List.of("Table 1 marks " + target + " ✓ on M-CPWL (P1); THEORY.md gives the clipped-ramp"
                    + " network as the IBP construction (§5.1)",
                    "[derived] DP-0 is exact on the clipped ramps (each block's DP-0 lines are monotone and tight at the"
                    + " box ends), and Triangle, with LP pre-activation bounds, is at least as tight as DP-0; DP-1 is not"
                    + " exact on the ramps (§3.3 example), so for DP-1 they are flipped (T3). DP-0 and flipped DP-1 are"
                    + " checked on random boxes by the tests; Triangle rests on the argument until a triangle domain"
                    + " is registered");
            if (target.equals("deeppoly1")) {
                return new Encoding(FlipTransform.apply(ramps), target, f.text(),
                        "clipped ramps with every ReLU flipped (T3)", "THEORY.md §5.1 + §4.2 T3", notes);
            }
            return new Encoding(ramps, target, f.text(), "clipped ramps, two hidden layers", "THEORY.md §5.1", notes);
        }
        String open = "Table 1 marks " + target + " on CPWL '?' (open, THEORY.md §4.1, §8 item 1): " + f.text()
                + " is neither monotone nor convex nor concave, and no construction is known that " + target
                + " analyses exactly";
        if (!o.allowOpen()) {
            throw new ImpossibleEncodingException("?", open + ". Use --for multi (T5), or --allow-open to get the"
                    + " one-hidden-layer network without a precision guarantee.");
        }
        return new Encoding(UnivariateForms.base(f).toNetwork(), target, f.text(), "one hidden layer (no guarantee)",
                "THEORY.md §4.1 '?' cell", List.of("WARNING: " + open + "; this network encodes f but its " + target
                + " analysis may be imprecise; check it with the precision search"));
    }

    /** The orientation used for f (or for -f when f is concave), "-" when f is neither convex nor concave. */
    private static String triangleSigns(Cpwl f, String requested) {
        Shape s = f.shape();
        if (s.convex()) {
            return orientation(f, requested);
        }
        return s.concave() ? orientation(f.negate(), requested) : "-";
    }

    private static String orientation(Cpwl f, String requested) {
        int n = f.kinks().length;
        if (requested == null) {
            return "+".repeat(n);
        }
        if (requested.length() != n || !requested.matches("[+-]*")) {
            throw new InvalidInputException("--orientation '" + requested + "' must have one sign (+ or -) per kink of "
                    + f.text() + ": " + n + " kinks at " + java.util.Arrays.toString(f.kinks()));
        }
        return requested;
    }

    private static Encoding multiCpwl(Cpwl f, Options o) {
        Network net = UnivariateForms.base(f).toNetwork();
        List<String> notes = new ArrayList<>();
        String construction = "one hidden layer, one neuron R(x - x_i) per kink, linear term by skip connection";
        if (o.augment()) {
            Box interval = o.box() != null ? o.box() : new Box(new double[] {f.start()}, new double[] {f.end()});
            net = InputCopies.apply(net, interval);
            construction += ", input copies";
            notes.add(COPY_CAUTION);
        }
        return new Encoding(net, "multi", f.text(), construction, "THEORY.md §3.5 (T5, P1)", notes);
    }

    private static final String COPY_CAUTION = "input copies (P2-v3 Thm 5.1): THEORY.md §7.8 shows that whether they"
            + " make a layer-wise hull exact depends on the hull's definition (open, §8 item 3)";

    private static Encoding encodeMaxMin(MaxMinFunction f, String target, Options o) {
        if (f.root() instanceof Expr.Affine) {
            if (o.augment()) {
                throw new InvalidInputException("--augment: " + f.text() + " is affine; the network has no ReLU to augment");
            }
            return new Encoding(MaxMinNetworks.network(f), target, f.text(), "affine (no ReLU)",
                    "THEORY.md §2.1", List.of("an affine function is analysed exactly by every relaxation"));
        }
        if (!target.equals("multi")) {
            if (f.dim() == 1) {
                throw new InvalidInputException("univariate functions for --for " + target + " are given on an interval"
                        + " as 'cpwl: x0:y0, x1:y1, ...' (THEORY.md §2.1), not as " + f.text());
            }
            String row = target.equals("triangle") ? "Table 1 row R^d marks triangle ✗ (T6, P1)"
                    : "Table 1 row R^d marks Triangle ✗ (T6, P1), hence " + target + " too (THEORY.md §4.1)";
            throw new ImpossibleEncodingException("✗", row + ": no ReLU network"
                    + " encoding max(x1, x2) on [0,1]^2 has an exact Triangle analysis on every box, and Triangle is the"
                    + " tightest single-neuron relaxation, so IBP, DP-0 and DP-1 fail too (THEORY.md §4.1, §6);"
                    + " relucert has no single-neuron construction for " + f.text() + " (" + f.shape().label() + ", "
                    + f.dim() + " inputs). Use --for multi (§5.5, §7.5).");
        }
        Network net = o.layered() ? MaxMinNetworks.layered(f, o.box()) : MaxMinNetworks.network(f);
        List<String> notes = new ArrayList<>();
        String construction = o.layered()
                ? "layered nested max/min chain, inputs carried as R(x - l) on " + o.box() + " (encodes f on the box)"
                : "nested max/min chain m_k = a_k + R(m_{k-1} - a_k), inputs by skip connections";
        if (o.augment()) {
            if (o.box() == null) {
                throw new InvalidInputException("--augment needs --box for a function of several variables: the input"
                        + " copies are shifted identities R(x - a) on the box (THEORY.md §2.1)");
            }
            net = InputCopies.apply(net, o.box());
            construction += ", input copies on " + o.box();
            notes.add(COPY_CAUTION);
        }
        notes.add("THEORY.md §7.5: M_1 is exact for max on [0,1]^d with this chain [paper]");
        return new Encoding(net, "multi", f.text(), construction, "THEORY.md §5.5, §7.5 (P2-v3)", notes);
    }

    /**
     * All 2^n Triangle-precise networks of a convex f with n kinks (§5.4, T4), in the order of
     * {@link UnivariateForms#orientations(int)}; the construction names hold the orientation.
     *
     * @throws InvalidInputException when f is not convex
     */
    public static List<Encoding> triangleOrientations(Cpwl f) {
        if (!f.shape().convex()) {
            throw new InvalidInputException("--enumerate needs a convex function (THEORY.md §5.4); " + f.text()
                    + " is " + f.shape().label());
        }
        List<Encoding> out = new ArrayList<>();
        for (String signs : UnivariateForms.orientations(f.kinks().length)) {
            out.add(new Encoding(UnivariateForms.oriented(f, signs).toNetwork(), "triangle", f.text(),
                    "Triangle form, orientation " + signs, "THEORY.md §5.4 (T4, P1)", List.of()));
        }
        return out;
    }

    /** What {@link #encode} says for one target: ✓ with the construction's reference, or the refused cell's mark and reason. */
    public record Verdict(String target, String mark, String text) {
    }

    /** The verdict of every target of {@link #TARGETS} for f, in that order (what {@code classify} prints). */
    public static List<Verdict> verdicts(TargetFunction f) {
        List<Verdict> out = new ArrayList<>();
        for (String target : TARGETS) {
            try {
                out.add(new Verdict(target, "✓", encode(f, target).reference()));
            } catch (ImpossibleEncodingException e) {
                out.add(new Verdict(target, e.cell(), e.getMessage()));
            }
        }
        return out;
    }
}
