package org.relucert.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.construct.InputCopies;
import org.relucert.construct.PhantomNetwork;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/**
 * P2-v1's completeness claims as explicit claims with their counterexamples: M_k exact for every network
 * of width at most k, M_k^o exact for at most k unstable neurons per layer (THEORY.md §7.2, §7.7); and
 * random networks of several depths and widths on which the exact-reachable-set hull {@code layer:reach}
 * is exact as the argument of docs/lp-relaxations.md predicts, while {@code layer} is not always.
 */
final class CompletenessClaimSection {
    private static final double TOL = 1e-6;
    static final int[][] SHAPES = {{4, 4}, {3, 3, 3}, {5, 5}, {6}};

    private CompletenessClaimSection() {
    }

    static Section run(PaperSettings settings) {
        Box x = Box.cube(2, -1, 1);
        List<Claim> claims = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append("P2-v1 claims that layer-wise multi-neuron hulls are complete under a structural limit: M_k is exact on "
                + "every network whose layers have width at most k, and M_k^o on every network with at most k unstable "
                + "neurons per layer. relucert's reading: M_k = `multi:k` (hulls of groups of at most k neurons of a "
                + "layer jointly with the layer's inputs), M_k^o = the same with only the unstable neurons grouped, "
                + "which is what `multi:k` does (stable neurons are exact already); each is run with the box hull set "
                + "and (full report only: it takes seconds per run on the copy network) the relaxed-polytope hull set `:exact`. The counterexamples are the phantom network of §7.8 "
                + "(T = 1) and its input-copy augmentation on [-1, 1]^2.\n\n");
        List<List<String>> rows = new ArrayList<>();
        Network plain = PhantomNetwork.of(1);
        for (Network net : List.of(plain, InputCopies.apply(plain, x))) {
            String name = net == plain ? "phantom network" : "phantom network + input copies";
            Analysis exact = Evidence.analyse(Domains.parse("exact"), net, x);
            Analysis tri = Evidence.analyse(Domains.parse("triangle"), net, x);
            int[] widths = widths(net);
            int[] unstable = unstable(net, tri.nodes());
            int kWidth = Arrays.stream(widths).max().orElse(0);
            int kUnstable = Arrays.stream(unstable).max().orElse(0);
            List<String> doms = settings.quick() ? List.of("multi:" + kWidth, "multi:" + kUnstable)
                    : List.of("multi:" + kWidth, "multi:" + kWidth + ":exact", "multi:" + kUnstable, "multi:" + kUnstable + ":exact");
            String hullSet = settings.quick() ? "" : ":exact";
            for (String dom : doms) {
                Analysis a = Evidence.analyse(Domains.parse(dom), net, x);
                rows.add(List.of(name, Arrays.toString(widths), Arrays.toString(unstable), dom,
                        Markdown.interval(a.lower()[0], a.upper()[0]), Markdown.interval(exact.lower()[0], exact.upper()[0])));
            }
            claims.add(mkClaim("M_k", "width", kWidth, hullSet, widths, name, net, x, exact));
            claims.add(mkClaim("M_k^o", "unstable neurons", kUnstable, hullSet, unstable, name, net, x, exact));
        }
        md.append(Markdown.table(List.of("network", "width per ReLU layer", "unstable neurons per layer (triangle LP bounds)",
                "domain", "bounds", "exact range"), rows)).append('\n');
        randomNetworks(settings, md, claims);
        return new Section("P2-v1's completeness claims and the exact-reachable-set hull (THEORY.md §7.2, §7.7)",
                md.toString(), claims);
    }

    private static Claim mkClaim(String relaxation, String limit, int k, String hullSet, int[] perLayer, String name,
                                 Network net, Box x, Analysis exact) {
        Analysis a = Evidence.analyse(Domains.parse("multi:" + k + hullSet), net, x);
        boolean holds = Math.abs(a.lower()[0] - exact.lower()[0]) <= TOL && Math.abs(a.upper()[0] - exact.upper()[0]) <= TOL;
        String what = "P2-v1: " + relaxation + " is exact when every layer has at most k " + limit + "; on the " + name
                + " (" + limit + " per layer " + Arrays.toString(perLayer) + ", k = " + k + ") `multi:" + k + hullSet + "` "
                + (holds ? "is exact" : "is not exact (contradicted, with the computation)");
        // a sound bound that misses the exact range refutes the claim for this implementation of M_k
        return Claim.computed(what, "exact range " + Markdown.interval(exact.lower()[0], exact.upper()[0]),
                Markdown.interval(a.lower()[0], a.upper()[0]), holds);
    }

    private static void randomNetworks(PaperSettings settings, StringBuilder md, List<Claim> claims) {
        int perShape = settings.quick() ? 2 : 5;
        List<List<String>> rows = new ArrayList<>();
        int total = 0;
        int reachExact = 0;
        int layerLoose = 0;
        for (int[] hidden : SHAPES) {
            for (int s = 0; s < perShape; s++) {
                long seed = settings.seed() * 1000 + 17L * total + 1;
                Network net = RandomNetworks.fullyConnected(seed, 2, hidden, 1);
                Box box = RandomNetworks.box(seed, 2, 1);
                Analysis exact = Evidence.analyse(Domains.parse("exact"), net, box);
                Analysis layer = Evidence.analyse(Domains.parse("layer"), net, box);
                Analysis reach = Evidence.analyse(Domains.parse("layer:reach"), net, box);
                double scale = 1 + Math.abs(exact.lower()[0]) + Math.abs(exact.upper()[0]);
                double reachGap = gap(reach, exact);
                double layerGap = gap(layer, exact);
                total++;
                if (reachGap <= TOL * scale) {
                    reachExact++;
                }
                if (layerGap > TOL * scale) {
                    layerLoose++;
                }
                rows.add(List.of("2-" + joined(hidden) + "-1", Long.toString(seed),
                        Markdown.interval(exact.lower()[0], exact.upper()[0]), Markdown.interval(layer.lower()[0], layer.upper()[0]),
                        Markdown.interval(reach.lower()[0], reach.upper()[0])));
            }
        }
        md.append("Random networks (`RandomNetworks.fullyConnected`, random box in [-1, 1]^2), one output:\n\n");
        md.append(Markdown.table(List.of("shape", "seed", "exact", "layer", "layer:reach"), rows)).append('\n');
        md.append("`layer:reach` equals the exact range on ").append(reachExact).append(" of ").append(total)
                .append(" networks; `layer` is looser than exact on ").append(layerLoose).append(" of them")
                .append(layerLoose == 0 ? "." : " (there the relaxed hull reaches phantom points that the exact-reachable-set hull excludes).")
                .append(" The one-hidden-layer shape is exact under `layer` too: its only hull is over the input box, which is the exact reachable set.\n");
        claims.add(new Claim("docs/lp-relaxations.md argument: the last hidden layer's hull over the exact reachable set makes "
                + "the output exact (`layer:reach` = `exact` on random networks)", total + " of " + total,
                reachExact + " of " + total, reachExact == total));
        claims.add(new Claim("some random multi-layer networks separate the readings (`layer` not exact where `layer:reach` is)",
                "at least 1 of " + total, layerLoose + " of " + total, layerLoose >= 1));
    }

    private static double gap(Analysis a, Analysis exact) {
        return Math.max(exact.lower()[0] - a.lower()[0], a.upper()[0] - exact.upper()[0]);
    }

    private static int[] widths(Network net) {
        List<Integer> w = new ArrayList<>();
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.relu(j) != null) {
                w.add(net.sizeOf(j));
            }
        }
        return w.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] unstable(Network net, Bounds[] bounds) {
        List<Integer> u = new ArrayList<>();
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.relu(j) != null) {
                int src = net.relu(j).source();
                Bounds b = src == Network.INPUT ? null : bounds[src];
                int n = 0;
                for (int i = 0; b != null && i < b.size(); i++) {
                    // beyond the 1e-9 padding of LP bounds (a copy neuron R(x - a) has lower bound 0)
                    double slack = 1e-7 * (1 + Math.abs(b.lower()[i]) + Math.abs(b.upper()[i]));
                    if (b.lower()[i] < -slack && b.upper()[i] > slack) {
                        n++;
                    }
                }
                u.add(n);
            }
        }
        return u.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String joined(int[] h) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < h.length; i++) {
            s.append(i > 0 ? "-" : "").append(h[i]);
        }
        return s.toString();
    }
}
