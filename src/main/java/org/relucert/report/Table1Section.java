package org.relucert.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relucert.bounds.Relaxation;
import org.relucert.construct.Cpwl;
import org.relucert.construct.Encoding;
import org.relucert.construct.FlipTransform;
import org.relucert.construct.MaxMinFunction;
import org.relucert.construct.Table1;
import org.relucert.construct.TargetFunction;
import org.relucert.construct.UnivariateForms;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.precision.PrecisionSearch;
import org.relucert.precision.Tolerance;

/**
 * Table 1 of P1 with evidence (THEORY.md §4.1): per cell, the construction and its precision-search verdict
 * (✓ cells), the standard encodings and their witness boxes (✗ cells), or what the search finds on the
 * encodings of a zig-zag ("?" cells).
 */
public final class Table1Section {

    /** The search result of one network. */
    public record Searched(String network, PrecisionSearch.Result result) {
        boolean gapFound() {
            return result.verdict() == PrecisionSearch.Verdict.IMPRECISE;
        }
    }

    /**
     * One row: the cell, the relaxation the search used, the networks searched, and the mark the evidence supports
     * ("✓": the construction showed no gap; "✗": every standard encoding has a witness; "?": open, reported only).
     */
    public record Row(Table1.Cell cell, String relaxation, String example, List<Searched> searched, String observedMark) {
        /** True when the observed mark equals the THEORY mark (always true for "?" cells, which are reported only). */
        public boolean agrees() {
            return observedMark.equals(cell.mark());
        }
    }

    private Table1Section() {
    }

    /** The relaxation that checks a Table 1 row: the row's own domain; Multi-Neuron_∞ is the whole-layer hull. */
    static String relaxationOf(String row) {
        return row.equals("multi") ? "layer" : row;
    }

    /** All rows of Table 1 with their evidence. */
    public static List<Row> rows(PaperSettings settings) {
        List<Row> out = new ArrayList<>();
        Map<String, List<Searched>> cache = new HashMap<>();
        for (Table1.Cell cell : Table1.cells()) {
            Table1.Evidence ev = Table1.evidence(cell);
            String relaxation = relaxationOf(cell.domain());
            List<Encoding> networks = new ArrayList<>();
            if (ev.construction() != null) {
                networks.add(ev.construction());
            } else {
                networks.addAll(ev.standardEncodings());
                if (cell.mark().equals("?") && ev.example() instanceof Cpwl c) {
                    networks.addAll(openCellEncodings(c));
                }
            }
            String key = cell.space() + "|" + relaxation + "|" + ev.example().text() + "|" + (ev.construction() != null);
            List<Searched> searched = cache.computeIfAbsent(key, k -> search(networks, relaxation, ev.example(), settings));
            out.add(new Row(cell, relaxation, ev.example().text(), searched, observed(cell, ev.construction() != null, searched)));
        }
        return out;
    }

    /** For a non-convex, non-monotone f: every one-neuron-per-kink orientation and the flipped base form. */
    static List<Encoding> openCellEncodings(Cpwl f) {
        List<Encoding> out = new ArrayList<>();
        for (String signs : UnivariateForms.orientations(f.kinks().length)) {
            if (signs.indexOf('-') >= 0) {
                out.add(new Encoding(UnivariateForms.oriented(f, signs).toNetwork(), "?", f.text(),
                        "one hidden layer, orientation " + signs, "THEORY.md §5.4 form (no guarantee)", List.of()));
            }
        }
        out.add(new Encoding(FlipTransform.apply(UnivariateForms.base(f).toNetwork()), "?", f.text(),
                "one hidden layer, flipped (T3)", "THEORY.md T3", List.of()));
        return out;
    }

    private static List<Searched> search(List<Encoding> networks, String relaxation, TargetFunction f, PaperSettings s) {
        Relaxation r = Domains.parse(relaxation);
        Box over = domainOf(f);
        PrecisionSearch.Options o = new PrecisionSearch.Options(s.searchBudget(), s.seed(), Tolerance.DEFAULT, s.threads(),
                0, 14);
        List<Searched> out = new ArrayList<>();
        for (Encoding e : networks) {
            out.add(new Searched(e.construction(), new PrecisionSearch(e.network(), r, over, o).run()));
        }
        return out;
    }

    /** The interval of a CPWL function; [0,1]^d for a max/min function. */
    static Box domainOf(TargetFunction f) {
        if (f instanceof Cpwl c) {
            return new Box(new double[] {c.start()}, new double[] {c.end()});
        }
        return Box.cube(((MaxMinFunction) f).dim(), 0, 1);
    }

    private static String observed(Table1.Cell cell, boolean constructed, List<Searched> searched) {
        if (cell.mark().equals("?")) {
            return "?";
        }
        if (constructed) {
            return searched.get(0).gapFound() ? "✗ (gap on the construction)" : "✓";
        }
        return searched.stream().allMatch(Searched::gapFound) ? "✗" : "✓? (an encoding showed no gap)";
    }

    static Section section(List<Row> rows, PaperSettings settings) {
        List<List<String>> table = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        for (Row r : rows) {
            Table1.Cell c = r.cell();
            table.add(List.of(c.space(), c.domain(), c.column(), c.mark() + " (" + c.origin() + ")", r.relaxation(),
                    r.example(), summary(r), r.observedMark(),
                    c.mark().equals("?") ? "open (reported)" : r.agrees() ? "reproduced" : "NOT reproduced"));
            if (!c.mark().equals("?")) {
                claims.add(new Claim("Table 1 cell " + c.space() + " / " + c.domain() + " / " + c.column(), c.mark(),
                        r.observedMark(), r.agrees()));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("Each cell: the example function of its column (`Table1.example`), then either the construction "
                + "relucert builds for the cell (✓ cells; searched under the row's relaxation) or, where it refuses, every "
                + "standard encoding it knows (✗ and ? cells; for ? cells also every orientation of the one-layer form and "
                + "its flip). Multi-Neuron_∞ is checked with `layer` (hull of the whole layer with its input). Effort per "
                + "network: a precision search of " + settings.searchBudget() + " boxes (breakpoint-aligned and grid "
                + "boxes, then local refinement; multivariate: random, kink-centred and kink-snapped boxes), seed "
                + settings.seed() + ", relative tolerance 1e-7. \"No gap\" is evidence, not proof; a ✗ is backed by "
                + "witnesses on the encodings tried, not by a search over all networks (that is the theorem's job).\n\n");
        md.append(Markdown.table(List.of("X", "row", "class", "THEORY mark", "searched with", "example", "evidence",
                "observed", "status"), table)).append('\n');
        md.append("Witness boxes (worst box per network, where a gap was found):\n\n");
        for (Row r : rows) {
            for (Searched s : r.searched()) {
                if (s.gapFound()) {
                    details.append("- ").append(r.cell().space()).append(" / ").append(r.relaxation()).append(" / ")
                            .append(r.example()).append(" / ").append(s.network()).append(": box ")
                            .append(s.result().witness().box()).append(", bounds ")
                            .append(Markdown.interval(s.result().witness().domainLower(), s.result().witness().domainUpper()))
                            .append(" vs exact ").append(Markdown.interval(s.result().witness().exact().min(),
                                    s.result().witness().exact().max()))
                            .append(", gap ").append(Markdown.num(s.result().witness().gap())).append('\n');
                }
            }
        }
        List<String> seen = new ArrayList<>();
        for (String line : details.toString().split("\n")) {
            if (!line.isBlank() && !seen.contains(line)) {
                seen.add(line);
            }
        }
        seen.forEach(l -> md.append(l).append('\n'));
        md.append("\nThe \"?\" cells (open, THEORY.md §8 item 1): the zig-zag example is searched on every encoding "
                + "relucert knows; a gap on all of them does not settle the question, since a precise encoding might be "
                + "deeper or use more neurons.\n");
        return new Section("Table 1 of P1 with evidence (THEORY.md §4.1)", md.toString(), claims);
    }

    private static String summary(Row r) {
        long gaps = r.searched().stream().filter(Searched::gapFound).count();
        int boxes = r.searched().stream().mapToInt(s -> s.result().boxesChecked()).sum();
        if (r.searched().size() == 1) {
            Searched s = r.searched().get(0);
            return s.network() + ": " + (s.gapFound() ? "gap " + Markdown.num(s.result().witness().gap())
                    : "no gap") + " in " + boxes + " boxes";
        }
        double worst = r.searched().stream().filter(Searched::gapFound).mapToDouble(s -> s.result().witness().gap()).max()
                .orElse(0);
        return gaps + " of " + r.searched().size() + " encodings with a gap (largest " + Markdown.num(worst) + "), "
                + boxes + " boxes in all";
    }
}
