package org.relucert.report;

import java.util.ArrayList;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The [checked] numbers of THEORY.md §6.3 for max(x, y): encoding A = y + R(x - y) and encoding B =
 * (x + y)/2 + R(x - y)/2 + R(y - x)/2 on several boxes, under IBP, DP-0, DP-1 and Triangle.
 */
final class MaxBoxTable {
    /** One expected value: encoding, domain, box, which bound ("lower", "upper" or "both"), and the values. */
    record Expected(String encoding, String domain, Box box, String which, double lower, double upper) {
    }

    private MaxBoxTable() {
    }

    private static Box box(double xl, double xu, double yl, double yu) {
        return new Box(new double[] {xl, yl}, new double[] {xu, yu});
    }

    /** The rows of §6.3 (x = x1, y = x2). */
    static List<Expected> expected() {
        List<Expected> e = new ArrayList<>();
        Box unit = box(0, 1, 0, 1);
        Box sym = box(-1, 1, -1, 1);
        Box half = box(0, 1, 0.5, 1);
        Box small = box(0.9, 1.1, 0.9, 1.1);
        for (String enc : List.of("A", "B")) {
            e.add(new Expected(enc, "ibp", unit, "both", 0, 2));
            e.add(new Expected(enc, "ibp", sym, "both", -1, 3));
            e.add(new Expected(enc, "ibp", small, "both", 0.9, 1.3));
        }
        for (String dom : List.of("deeppoly0", "deeppoly1", "triangle")) {
            e.add(new Expected("A", dom, unit, "both", 0, 1.5));
            e.add(new Expected("A", dom, sym, "both", -1, 2));
            e.add(new Expected("A", dom, half, "upper", Double.NaN, 4.0 / 3));
            e.add(new Expected("A", dom, small, "both", 0.9, 1.2));
        }
        e.add(new Expected("A", "deeppoly1", half, "lower", 0, Double.NaN));
        e.add(new Expected("A", "ibp", half, "both", 0.5, 1.5));
        e.add(new Expected("B", "ibp", half, "both", 0.25, 1.75));
        e.add(new Expected("B", "triangle", unit, "both", 0, 1.5));
        e.add(new Expected("B", "triangle", sym, "both", -1, 2));
        e.add(new Expected("B", "triangle", half, "both", 0.5, 4.0 / 3));
        e.add(new Expected("B", "triangle", small, "both", 0.9, 1.2));
        e.add(new Expected("A", "triangle", box(0.5, 1, 0.5, 1), "both", 0.5, 1.25));
        e.add(new Expected("A", "ibp", box(0, 2, 0, 1), "both", 0, 3));
        e.add(new Expected("A", "triangle", box(0, 2, 0, 1), "upper", Double.NaN, 7.0 / 3));
        return e;
    }

    /** Checks every row on the given networks for A and B; returns the claims and a Markdown table. */
    static List<Claim> check(Network a, Network b, List<List<String>> rows) {
        List<Claim> claims = new ArrayList<>();
        for (Expected x : expected()) {
            Analysis an = Evidence.analyse(Domains.parse(x.domain()), x.encoding().equals("A") ? a : b, x.box());
            double lo = an.lower()[0];
            double hi = an.upper()[0];
            boolean ok = (x.which().equals("upper") || Math.abs(lo - x.lower()) <= 1e-6)
                    && (x.which().equals("lower") || Math.abs(hi - x.upper()) <= 1e-6);
            String expected = switch (x.which()) {
                case "upper" -> "upper " + Markdown.num(x.upper());
                case "lower" -> "lower " + Markdown.num(x.lower());
                default -> Markdown.interval(x.lower(), x.upper());
            };
            rows.add(List.of(x.encoding(), x.domain(), x.box().toString(), expected, Markdown.interval(lo, hi),
                    ok ? "reproduced" : "contradicted"));
            claims.add(Claim.computed("§6.3: encoding " + x.encoding() + " under " + x.domain() + " on " + x.box(), expected,
                    Markdown.interval(lo, hi), ok));
        }
        return claims;
    }
}
