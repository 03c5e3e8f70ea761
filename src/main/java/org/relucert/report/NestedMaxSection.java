package org.relucert.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.MaxMinFunction;
import org.relucert.construct.MaxMinNetworks;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The nested-max table (THEORY.md §6.3, §7.5, §9 item 7): upper bounds of max(x1..xd) on [0,1]^d, chain
 * encoding, under every domain, d = 2..D. Cells with the exact hull set beyond a d limit are skipped (their
 * LP grows with the activation patterns of every earlier layer), and cells a hull refuses are marked refused.
 */
final class NestedMaxSection {
    /** The domains of the table, in column order. */
    static final List<String> DOMAINS = List.of("ibp", "deeppoly0", "deeppoly1", "deeppoly", "triangle", "triangle-dp",
            "krelu:2", "multi:1", "multi:2", "layer", "multi:1:exact", "layer:exact", "exact");
    /** Domains also run on the layered encoding ({@link LayeredNestedMax}); rows named "domain (layered)". */
    static final List<String> LAYERED_DOMAINS = List.of("triangle", "multi:1", "layer", "multi:1:exact");
    static final String LAYERED = " (layered)";
    /** THEORY.md §6.3 / §9 item 7: DP-0 = DP-1 = Triangle upper bounds for d = 2..5. */
    static final double[] SINGLE_NEURON_UPPER = {1.5, 1.9, 2.245, 2.553};
    private static final double TABLE_ROUNDING = 5e-4;

    private NestedMaxSection() {
    }

    /** The chain network of max(x1, ..., xd). */
    static Network nestedMax(int d) {
        StringBuilder s = new StringBuilder("max(");
        for (int i = 1; i <= d; i++) {
            s.append(i > 1 ? ", " : "").append('x').append(i);
        }
        return MaxMinNetworks.network((MaxMinFunction) FunctionParser.parse(s.append(')').toString()));
    }

    /** One cell: the bounds, or why there are none, and the time taken. */
    record Cell(double lower, double upper, String missing, double seconds) {
        boolean present() {
            return missing == null;
        }
    }

    static Section run(PaperSettings settings, Path dir) {
        Map<String, Cell[]> cells = new LinkedHashMap<>();
        List<Claim> claims = new ArrayList<>();
        int dMax = settings.maxNestedD();
        for (String domain : DOMAINS) {
            Cell[] row = new Cell[dMax + 1];
            for (int d = 2; d <= dMax; d++) {
                row[d] = cell(domain, nestedMax(d), d, settings);
            }
            cells.put(domain, row);
        }
        for (String domain : LAYERED_DOMAINS) {
            Cell[] row = new Cell[dMax + 1];
            for (int d = 2; d <= dMax; d++) {
                row[d] = cell(domain, LayeredNestedMax.of(d), d, settings);
            }
            cells.put(domain + LAYERED, row);
        }
        List<String> header = new ArrayList<>(List.of("domain"));
        for (int d = 2; d <= dMax; d++) {
            header.add("d = " + d);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Charts.Series> series = new ArrayList<>();
        for (Map.Entry<String, Cell[]> e : cells.entrySet()) {
            List<String> r = new ArrayList<>(List.of(e.getKey()));
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int d = 2; d <= dMax; d++) {
                Cell c = e.getValue()[d];
                if (c.present()) {
                    r.add(Markdown.num(c.upper()) + (Math.abs(c.lower()) > 1e-6 ? " (lower " + Markdown.num(c.lower()) + ")" : ""));
                    xs.add((double) d);
                    ys.add(c.upper());
                } else {
                    r.add(c.missing().startsWith("refused") ? "refused" : "skipped");
                    skipped.add(e.getKey() + ", d = " + d + ": " + c.missing());
                }
            }
            rows.add(r);
            series.add(new Charts.Series(e.getKey(), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Charts.lines(dir.resolve("nested_max.png"), "Upper bound of max(x1..xd) on [0,1]^d (exact: 1)", "d",
                "upper bound", series.stream().filter(s -> !s.name().equals("triangle-dp") && !s.name().equals("deeppoly")
                        && !s.name().equals("multi:2") && !s.name().startsWith("layer") && !s.name().startsWith("triangle (")).toList(),
                false);
        checkClaims(cells, dMax, claims);
        StringBuilder md = new StringBuilder();
        md.append("Network: the chain max(x1..xd) = x_d + R(m_{d-1} - x_d) of §5.5 (d - 1 ReLUs, inputs read by skip "
                + "connections); box [0,1]^d, exact range [0, 1]. Each cell is the upper bound (the lower bound is 0 "
                + "unless shown). One analysis per cell.\n\n");
        md.append(Markdown.table(header, rows)).append('\n');
        if (!skipped.isEmpty()) {
            md.append("Cells without a value:\n\n");
            skipped.forEach(s -> md.append("- ").append(s).append('\n'));
            md.append('\n');
        }
        md.append("Rows marked (layered) use `LayeredNestedMax`: the same function as a plain layered network in which "
                + "each running maximum m_k is its own (stable) neuron and the inputs are carried by R(x_k) = x_k, so the "
                + "hull of R(m_k - x_{k+1}) is taken jointly with exactly (m_k, x_{k+1}, ...), as in the M_1 argument of "
                + "§7.5.\n\n");
        md.append(hullProse(cells, dMax));
        md.append("![nested max](nested_max.png)\n");
        return new Section("Nested max on [0,1]^d under every domain (THEORY.md §6.3, §7.5)", md.toString(), claims);
    }

    /** Rows whose values the prose describes. */
    static final List<String> HULL_ROWS = List.of("multi:1", "layer", "multi:1" + LAYERED, "layer" + LAYERED,
            "multi:1:exact", "multi:1:exact" + LAYERED, "layer:exact");

    /**
     * The paragraph on the hull domains, generated from the computed cells so that it cannot disagree with
     * the table: for each hull row, the d where the upper bound is the exact 1 and where it is above 1.
     */
    static String hullProse(Map<String, Cell[]> cells, int dMax) {
        StringBuilder md = new StringBuilder("Observed for the hull domains: ");
        boolean anyAbove = false;
        List<String> parts = new ArrayList<>();
        for (String row : HULL_ROWS) {
            Cell[] r = cells.get(row);
            if (r == null) {
                continue;
            }
            List<Integer> exact = new ArrayList<>();
            List<String> above = new ArrayList<>();
            for (int d = 2; d <= dMax; d++) {
                if (r[d] == null || !r[d].present()) {
                    continue;
                }
                if (r[d].upper() > 1 + 1e-6) {
                    above.add("d = " + d + ": " + Markdown.num(r[d].upper()));
                } else {
                    exact.add(d);
                }
            }
            anyAbove |= !above.isEmpty();
            String text = "`" + row + "` " + (exact.isEmpty() ? "" : "gives the exact 1 for d = " + ds(exact))
                    + (exact.isEmpty() || above.isEmpty() ? "" : " and ")
                    + (above.isEmpty() ? "" : "stays above 1 for " + String.join(", ", above));
            if (exact.isEmpty() && above.isEmpty()) {
                text = "`" + row + "` has no computed cell";
            }
            parts.add(text);
        }
        md.append(String.join("; ", parts)).append(".\n\n");
        md.append("What the hull domains couple: `multi:1` and `layer` with the box hull set take the hull of R(pre) "
                + "jointly with the *sources* of its affine node over the box of their bounds. In the chain those sources "
                + "are the input and the earlier ReLU outputs, not (m_{k-1}, x_k). In the layered network they are "
                + "(m_k, x_{k+1}, ...), whose box holds m_k's DeepPoly bounds (the neuron is stable, so they are not "
                + "tightened by LP). Such a box can be larger than the square of §7.5, ");
        md.append(anyAbove ? "which is where the bounds above 1 listed above come from. "
                : "but on these networks it costs nothing: every box hull-set bound computed is the exact 1. ");
        md.append("The exact hull set takes the hull over the LP polytope of everything before the node.\n\n");
        return md.toString();
    }

    /** "2..5" for consecutive values, else "2, 4". */
    private static String ds(List<Integer> d) {
        boolean consecutive = d.get(d.size() - 1) - d.get(0) == d.size() - 1;
        if (consecutive && d.size() > 2) {
            return d.get(0) + ".." + d.get(d.size() - 1);
        }
        return String.join(", ", d.stream().map(String::valueOf).toList());
    }

    private static Cell cell(String domain, Network net, int d, PaperSettings settings) {
        if (domain.contains(":exact") && d > settings.maxExactHullD()) {
            return new Cell(Double.NaN, Double.NaN, "skipped: the exact hull set copies the LP of every earlier layer "
                    + "per activation pattern, so its size grows like 2^(d-1); the limit of these settings is d <= "
                    + settings.maxExactHullD(), 0);
        }
        long t0 = System.nanoTime();
        try {
            Analysis a = Evidence.analyse(Domains.parse(domain), net, Box.cube(d, 0, 1));
            return new Cell(a.lower()[0], a.upper()[0], null, (System.nanoTime() - t0) / 1e9);
        } catch (InvalidInputException e) {
            return new Cell(Double.NaN, Double.NaN, "refused: " + e.getMessage(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void checkClaims(Map<String, Cell[]> cells, int dMax, List<Claim> claims) {
        for (int d = 2; d <= dMax; d++) {
            Cell c = cells.get("ibp")[d];
            claims.add(Claim.computed("IBP upper bound of nested max, d = " + d + " (§6.3)", Markdown.num(d),
                    Markdown.num(c.upper()), Math.abs(c.upper() - d) <= 1e-6));
        }
        for (String dom : List.of("deeppoly0", "deeppoly1", "triangle")) {
            for (int d = 2; d <= Math.min(5, dMax); d++) {
                double expected = SINGLE_NEURON_UPPER[d - 2];
                Cell c = cells.get(dom)[d];
                claims.add(Claim.computed(dom + " upper bound of nested max, d = " + d + " (§6.3, 3 decimals)",
                        Markdown.num(expected), Markdown.num(c.upper()), Math.abs(c.upper() - expected) <= TABLE_ROUNDING));
            }
        }
        for (String dom : List.of("multi:1", "multi:1" + LAYERED, "multi:1:exact", "multi:1:exact" + LAYERED, "exact")) {
            List<String> misses = new ArrayList<>();
            int checked = 0;
            for (int d = 2; d <= dMax; d++) {
                Cell c = cells.get(dom)[d];
                if (!c.present()) {
                    continue;
                }
                checked++;
                if (Math.abs(c.upper() - 1) > 1e-6 || Math.abs(c.lower()) > 1e-6) {
                    misses.add("d = " + d + ": " + Markdown.interval(c.lower(), c.upper()));
                }
            }
            claims.add(Claim.computed(dom + " exact ([0, 1]) on nested max for every d computed (§7.5: M_1 is exact)",
                    "[0, 1] for " + checked + " values of d", misses.isEmpty() ? "[0, 1] for all" : String.join("; ", misses),
                    misses.isEmpty() && checked > 0));
        }
    }
}
