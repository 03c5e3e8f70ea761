package org.relucert.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * Branch-and-bound partition counts for nested max on [0,1]^d (P2-v3 Prop. 5.6, THEORY.md §7.6): the leaves of
 * {@link InputSplitting} needed for exact bounds under single-neuron domains and under M_1, against the 2^(d-1)
 * activation patterns; and the IBP bound that never becomes exact.
 */
final class PartitionSection {
    static final List<String> DOMAINS = List.of("ibp", "deeppoly", "triangle", "multi:1", "multi:1:exact");
    static final double TOLERANCE = 1e-6;

    private PartitionSection() {
    }

    /** Exact range of max(x1..xd) on a box: [max of lower ends, max of upper ends]. */
    static double[] maxRange(Box b) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < b.dim(); i++) {
            lo = Math.max(lo, b.lower()[i]);
            hi = Math.max(hi, b.upper()[i]);
        }
        return new double[] {lo, hi};
    }

    static Section run(PaperSettings settings, Path dir) {
        List<Claim> claims = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Charts.Series> series = new ArrayList<>();
        int cap = settings.leafCap();
        for (int d = 2; d <= settings.maxSplitD(); d++) {
            Network net = NestedMaxSection.nestedMax(d);
            int patterns = 1 << (d - 1);
            List<String> row = new ArrayList<>(List.of(Integer.toString(d), Integer.toString(patterns)));
            int multiLeaves = -1;
            boolean multiExact = false;
            int singleLeaves = Integer.MAX_VALUE;
            boolean singleCapped = false;
            for (String dom : DOMAINS) {
                if (dom.contains(":exact") && d > settings.maxExactHullD()) {
                    row.add("skipped (d > " + settings.maxExactHullD() + ")");
                    continue;
                }
                InputSplitting.Result r = InputSplitting.run(net, Domains.parse(dom), Box.cube(d, 0, 1),
                        PartitionSection::maxRange, TOLERANCE, cap);
                row.add(cell(r));
                if (dom.equals("multi:1:exact")) {
                    multiLeaves = r.leafCount();
                    multiExact = r.allExact();
                }
                if (dom.equals("deeppoly") || dom.equals("triangle")) {
                    singleLeaves = Math.min(singleLeaves, r.leafCount());
                    singleCapped |= r.capHit();
                }
                if (dom.equals("ibp")) {
                    ibpClaims(d, r, claims);
                }
                if (d == 2 || d == settings.maxSplitD()) {
                    series.add(errorSeries(dom + ", d = " + d, r));
                }
            }
            rows.add(row);
            if (multiLeaves > 0) {
                boolean ok = multiExact && multiLeaves <= patterns && singleLeaves >= patterns;
                claims.add(new Claim("Prop. 5.6 for nested max, d = " + d + ": #partition(M_1) <= 2^(d-1) <= "
                        + "#partition(single-neuron), input splitting",
                        "M_1 <= " + patterns + " <= single", "M_1 (multi:1:exact) " + multiLeaves + (multiExact ? "" : " (not exact)")
                        + ", single-neuron (best of deeppoly, triangle) " + (singleCapped && singleLeaves >= cap ? ">= " : "")
                        + singleLeaves, ok));
            }
        }
        Charts.lines(dir.resolve("partition_error.png"), "Input splitting on nested max: global upper-bound error",
                "leaves", "max leaf upper bound - 1", series, false);
        List<String> header = new ArrayList<>(List.of("d", "patterns 2^(d-1)"));
        DOMAINS.forEach(dom -> header.add(dom + ": leaves (worst leaf gap, global upper)"));
        StringBuilder md = new StringBuilder();
        md.append("Loop (`InputSplitting`): analyse [0,1]^d, then split the leaf with the largest gap (bounds minus the "
                + "exact range [max l_i, max u_i] on that leaf) at the midpoint of its widest dimension, until every leaf "
                + "is exact within " + TOLERANCE + " or there are " + cap + " leaves (\"cap\" marks a run the cap "
                + "stopped). A cell gives the leaves, the worst leaf gap, and the global upper bound (max over leaves; "
                + "exact 1).\n\n");
        md.append(Markdown.table(header, rows)).append('\n');
        md.append("Reading: a box that meets the diagonal x_i = x_j keeps an unstable neuron under axis-aligned splits, "
                + "and single-neuron domains are loose on it by an amount proportional to its width (§6.2: c + 2ε "
                + "against c + ε), so they need boxes of width about the tolerance along the diagonals: the cap is hit "
                + "long before. Prop. 5.6 counts convex pieces, i.e. the 2^(d-1) activation regions, which axis-aligned "
                + "boxes cannot reproduce; the inequality #M_1 <= 2^(d-1) <= #single is what is checked. IBP never "
                + "becomes exact: the box containing the corner (1, ..., 1) keeps an upper bound above 1 (for d = 2, "
                + "2 - q with q the lower end of x2 on that box).\n\n");
        md.append("![partition error](partition_error.png)\n");
        return new Section("Branch-and-bound partition counts (P2-v3 Prop. 5.6, THEORY.md §7.6)", md.toString(), claims);
    }

    private static String cell(InputSplitting.Result r) {
        return r.leafCount() + (r.capHit() ? " cap" : "") + " (" + Markdown.num(r.worstLeafGap()) + ", "
                + Markdown.num(r.globalUpper()) + ")";
    }

    private static Charts.Series errorSeries(String name, InputSplitting.Result r) {
        List<InputSplitting.Step> h = r.history();
        double[] x = new double[h.size()];
        double[] y = new double[h.size()];
        for (int i = 0; i < h.size(); i++) {
            x[i] = h.get(i).leaves();
            y[i] = Math.max(0, h.get(i).upperError());
        }
        return new Charts.Series(name, x, y);
    }

    private static void ibpClaims(int d, InputSplitting.Result r, List<Claim> claims) {
        claims.add(Claim.computed("IBP with input splitting never exact on nested max, d = " + d + " (§7.6): global upper "
                + "bound after " + r.leafCount() + " leaves", "> 1", Markdown.num(r.globalUpper()), r.globalUpper() > 1 + TOLERANCE));
        if (d != 2) {
            return;
        }
        for (InputSplitting.Leaf leaf : r.leaves()) {
            if (leaf.box().upper()[0] == 1 && leaf.box().upper()[1] == 1) {
                double q = leaf.box().lower()[1];
                claims.add(Claim.computed("IBP upper bound of the corner box " + leaf.box() + " is 2 - q, q = " + Markdown.num(q)
                        + " (§7.6)", Markdown.num(2 - q), Markdown.num(leaf.upper()), Math.abs(leaf.upper() - (2 - q)) <= 1e-9));
            }
        }
    }
}
