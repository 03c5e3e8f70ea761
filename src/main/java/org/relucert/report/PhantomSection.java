package org.relucert.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.bounds.Analysis;
import org.relucert.construct.InputCopies;
import org.relucert.construct.PhantomNetwork;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The phantom-point network of THEORY.md §7.8 and its scaled versions T·f, under the single-neuron domains and
 * the layer-wise hull with both hull sets, with and without the input-copy augmentation (P2-v3 Thm 5.1).
 */
final class PhantomSection {
    static final double[] SCALES = {1, 2, 5, 10};
    static final List<String> DOMAINS = List.of("ibp", "deeppoly0", "deeppoly1", "triangle", "layer", "layer:exact",
            "multi:2:exact", "exact");
    static final List<String> COPY_DOMAINS = List.of("triangle", "layer", "layer:exact", "multi:2:exact", "exact");
    private static final double TOL = 1e-6;

    private PhantomSection() {
    }

    static Section run(PaperSettings settings, Path dir) {
        Box x = Box.cube(2, -1, 1);
        List<Claim> claims = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        double[][] layerError = new double[4][SCALES.length];
        String[] errorSeries = {"layer (box hull set)", "layer:exact", "layer + input copies", "layer:exact + input copies"};
        for (int t = 0; t < SCALES.length; t++) {
            double scale = SCALES[t];
            Network net = PhantomNetwork.of(scale);
            Network copies = InputCopies.apply(net, x);
            double sampleDiff = maxDifference(net, copies, settings.seed());
            for (String dom : DOMAINS) {
                Analysis a = Evidence.analyse(Domains.parse(dom), net, x);
                rows.add(row(scale, dom, "no", a, scale));
                if (scale == 1) {
                    singleNeuronClaim(dom, a, claims);
                }
                if (dom.equals("layer")) {
                    layerError[0][t] = scale - a.lower()[0];
                } else if (dom.equals("layer:exact")) {
                    layerError[1][t] = scale - a.lower()[0];
                } else if (dom.equals("exact")) {
                    claims.add(Claim.computed("exact range of " + Markdown.num(scale) + "·f (§7.8)",
                            Markdown.interval(scale, 2 * scale), Markdown.interval(a.lower()[0], a.upper()[0]),
                            close(a.lower()[0], scale) && close(a.upper()[0], 2 * scale)));
                }
            }
            for (String dom : COPY_DOMAINS) {
                Analysis a = Evidence.analyse(Domains.parse(dom), copies, x);
                rows.add(row(scale, dom, "yes (max |difference| on 500 samples " + Markdown.num(sampleDiff) + ")", a, scale));
                if (dom.equals("layer")) {
                    layerError[2][t] = scale - a.lower()[0];
                } else if (dom.equals("layer:exact")) {
                    layerError[3][t] = scale - a.lower()[0];
                }
            }
        }
        for (int s = 0; s < 4; s++) {
            boolean grows = true;
            StringBuilder obs = new StringBuilder();
            for (int t = 0; t < SCALES.length; t++) {
                grows &= close(layerError[s][t], SCALES[t]);
                obs.append(t > 0 ? ", " : "").append(Markdown.num(layerError[s][t]));
            }
            String what = errorSeries[s] + ": lower-bound error equals T for T = 1, 2, 5, 10 (§7.8 relaxed-set reading,"
                    + " P2-v3 Thm 3.3: unbounded error)";
            if (s >= 2) {
                what = errorSeries[s] + ": input copies leave the phantom point, error T (THEORY.md §7.8, relaxed-set reading)";
            }
            claims.add(Claim.computed(what, "errors 1, 2, 5, 10", obs.toString(), grows));
            if (s >= 2) {
                boolean exact = true;
                for (int t = 0; t < SCALES.length; t++) {
                    exact &= Math.abs(layerError[s][t]) <= TOL * SCALES[t];
                }
                // the paper's hull definition may differ from the ones implemented (§8 item 3): not a refutation
                claims.add(new Claim(errorSeries[s] + ": P2-v3 Thm 5.1, input copies make the layer-wise bound exact",
                        "errors 0, 0, 0, 0", obs.toString(), exact ? Claim.Status.REPRODUCED : Claim.Status.NOT_REPRODUCED));
            }
        }
        List<Charts.Series> series = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            series.add(new Charts.Series(errorSeries[s], SCALES, layerError[s]));
        }
        Charts.lines(dir.resolve("phantom_error.png"), "Phantom network T·f: error of the layer-wise lower bound",
                "T", "exact minimum - lower bound", series, false);
        StringBuilder md = new StringBuilder();
        md.append("Network (§7.8) on [-1, 1]^2: u = (R(x1 - x2), R(x2 - x1)), then R(u1 - 1), R(1 - u1), R(u2 - 1), "
                + "R(1 - u2), output T times their sum; exact range [T, 2T]. The hull of the reachable (u1, u2) contains "
                + "the phantom point (1, 1), where the second part is 0. `layer` is the hull of each ReLU node jointly "
                + "with its layer inputs over the box of their bounds; `layer:exact` takes it over the whole LP polytope "
                + "built before the node (the relaxed-set reading of §7.8). Input copies: `InputCopies` (P2-v3 Thm 5.1, "
                + "zero output weight), checked to compute the same function on random samples.\n\n");
        md.append(Markdown.table(List.of("T", "domain", "input copies", "bounds", "lower-bound error"), rows)).append('\n');
        md.append("What happens: every layer-wise hull here, with either hull set and with or without the input copies, "
                + "reaches the phantom point, so its lower bound is 0 and the error is exactly T: it grows without "
                + "bound with the scale, as P2-v3 Thm 3.3 states. The copies do not remove the phantom point under the "
                + "hull sets relucert implements, which is what THEORY.md §7.8 predicts for the relaxed-set reading; "
                + "P2-v3 Thm 5.1 (exact bounds after augmentation) is therefore not reproduced with these definitions, "
                + "and which hull definition makes it hold stays open (§8 item 3). The exact-reachable-set reading "
                + "(`layer:reach`) is measured in the next section.\n\n");
        md.append("![phantom error](phantom_error.png)\n");
        return new Section("Phantom point and layer-wise hulls (THEORY.md §7.8, P2-v3 Thm 3.3 and 5.1)", md.toString(), claims);
    }

    private static List<String> row(double scale, String dom, String copies, Analysis a, double exactMin) {
        return List.of(Markdown.num(scale), dom, copies, Markdown.interval(a.lower()[0], a.upper()[0]),
                Markdown.num(exactMin - a.lower()[0]));
    }

    private static void singleNeuronClaim(String dom, Analysis a, List<Claim> claims) {
        double[] expected = switch (dom) {
            case "ibp", "deeppoly1" -> new double[] {0, 4};
            case "deeppoly0", "triangle" -> new double[] {0, 2};
            default -> null;
        };
        if (expected != null) {
            claims.add(Claim.computed(dom + " bounds of the phantom network, T = 1 (§7.8, §9 item 9)",
                    Markdown.interval(expected[0], expected[1]), Markdown.interval(a.lower()[0], a.upper()[0]),
                    close(a.lower()[0], expected[0]) && close(a.upper()[0], expected[1])));
        }
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));
    }

    /** The largest |f(x) - g(x)| over random points of [-1, 1]^2. */
    static double maxDifference(Network f, Network g, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double worst = 0;
        for (int k = 0; k < 500; k++) {
            double[] p = {rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1)};
            worst = Math.max(worst, Math.abs(f.evaluate(p)[0] - g.evaluate(p)[0]));
        }
        return worst;
    }
}
