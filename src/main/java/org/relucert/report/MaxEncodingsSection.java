package org.relucert.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.bounds.Relaxation;
import org.relucert.construct.Encoding;
import org.relucert.construct.EquivalentNetworks;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.MaxMinFunction;
import org.relucert.construct.MaxMinNetworks;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.BoxGap;
import org.relucert.precision.PrecisionSearch;
import org.relucert.precision.Tolerance;

/**
 * The max(x1, x2) impossibility illustrated (P1 T6, THEORY.md §6.4): for several networks that encode max on
 * [0,1]^2, including random equivalent ones, the worst Triangle box a precision search finds.
 */
final class MaxEncodingsSection {
    private MaxEncodingsSection() {
    }

    static Section run(PaperSettings settings, Path dir) {
        MaxMinFunction max = (MaxMinFunction) FunctionParser.parse("max(x1, x2)");
        List<String> names = new ArrayList<>();
        List<Network> nets = new ArrayList<>();
        for (Encoding e : MaxMinNetworks.variants(max)) {
            names.add(e.construction());
            nets.add(e.network());
        }
        for (int k = 0; k < settings.randomMaxNetworks(); k++) {
            RandomMaxNetworks.Generated g = RandomMaxNetworks.generate(settings.seed(), k);
            names.add(g.description());
            nets.add(g.network());
        }
        for (int k = 0; k < settings.randomMaxNetworks(); k++) {
            names.add("EquivalentNetworks.random(chain, seed " + (settings.seed() * 1000 + k) + ")");
            nets.add(EquivalentNetworks.random(nets.get(0), settings.seed() * 1000 + k));
        }
        Relaxation triangle = Domains.parse("triangle");
        Box square = Box.cube(2, 0, 1);
        PrecisionSearch.Options o = new PrecisionSearch.Options(settings.searchBudget(), settings.seed(), Tolerance.DEFAULT,
                settings.threads(), 0, 14);
        List<List<String>> rows = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        int withGap = 0;
        for (int i = 0; i < nets.size(); i++) {
            Network net = nets.get(i);
            double diff = encodingError(net, max, settings.seed());
            PrecisionSearch.Result r = new PrecisionSearch(net, triangle, square, o).run();
            BoxGap w = r.witness();
            boolean gap = r.verdict() == PrecisionSearch.Verdict.IMPRECISE;
            withGap += gap ? 1 : 0;
            var full = Evidence.analyse(triangle, net, square);
            rows.add(List.of(Integer.toString(i + 1), names.get(i), Integer.toString(net.reluCount()), Markdown.num(diff),
                    Markdown.interval(full.lower()[0], full.upper()[0]), gap ? w.box().toString() : "none found",
                    gap ? Markdown.interval(w.domainLower(), w.domainUpper()) + " vs " + Markdown.interval(w.exact().min(),
                            w.exact().max()) : "-", Markdown.num(gap ? w.gap() : 0), Integer.toString(r.boxesChecked())));
            labels.add("#" + (i + 1));
            gaps.add(gap ? w.gap() : 0.0);
            if (diff > 1e-9) {
                claims.add(Claim.computed("network #" + (i + 1) + " encodes max(x1, x2) (1,000 samples of [-2, 2]^2)",
                        "max |h - max| <= 1e-9", Markdown.num(diff), false));
            }
        }
        claims.add(new Claim("T6 illustrated (§6.4): every network encoding max(x1, x2) has a Triangle witness box on "
                + "[0,1]^2", nets.size() + " of " + nets.size(), withGap + " of " + nets.size(), withGap == nets.size()));
        var chain = Evidence.analyse(triangle, nets.get(0), square);
        claims.add(Claim.computed("Triangle bounds of y + R(x - y) on [0,1]^2 (§6.2)", "[0, 1.5]",
                Markdown.interval(chain.lower()[0], chain.upper()[0]),
                Math.abs(chain.upper()[0] - 1.5) <= 1e-6 && Math.abs(chain.lower()[0]) <= 1e-6));
        List<List<String>> boxRows = new ArrayList<>();
        claims.addAll(MaxBoxTable.check(nets.get(0), networkNamed(max, "symmetric form (encoding B)"), boxRows));
        Charts.bars(dir.resolve("max_witness_gaps.png"), "Worst Triangle gap found, networks encoding max(x1, x2)",
                "network", "gap", "gap", labels, gaps);
        StringBuilder md = new StringBuilder();
        md.append("Networks: the variants of `MaxMinNetworks` (chain y + R(x - y), arguments reversed, symmetric form, "
                + "flipped chain), " + settings.randomMaxNetworks() + " random equivalent networks of `RandomMaxNetworks` "
                + "(seed " + settings.seed() + "): a random mixture of the two chains, each neuron split into 1-3 neurons "
                + "with random positive scales, then at random the flip transform and 1-2 identity layers; and "
                + settings.randomMaxNetworks() + " random rewrites of the chain by `EquivalentNetworks.random` (positive "
                + "rescaling, flip, an identity layer, a zero term c(R(z) - R(-z) - z)). Each is checked "
                + "to equal max on 1,000 random points, then searched under `triangle` on [0,1]^2 with "
                + settings.searchBudget() + " boxes.\n\n");
        md.append(Markdown.table(List.of("#", "network", "ReLUs", "max |h - max|", "triangle on [0,1]^2", "worst box",
                "bounds vs exact", "gap", "boxes"), rows)).append('\n');
        md.append("![max witness gaps](max_witness_gaps.png)\n\n");
        md.append("The [checked] numbers of THEORY.md §6.3 (encoding A = y + R(x - y), the chain; encoding B = the "
                + "symmetric form; x = x1, y = x2; boxes written x-range,y-range):\n\n");
        md.append(Markdown.table(List.of("encoding", "domain", "box", "THEORY.md", "relucert", "status"), boxRows));
        return new Section("The max(x1, x2) impossibility illustrated (P1 T6, THEORY.md §6.4)", md.toString(), claims);
    }

    private static Network networkNamed(MaxMinFunction f, String construction) {
        return MaxMinNetworks.variants(f).stream().filter(e -> e.construction().equals(construction)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no max variant named " + construction)).network();
    }

    /** max |h(x) - f(x)| over random points of [-2, 2]^2. */
    static double encodingError(Network net, MaxMinFunction f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double worst = 0;
        for (int k = 0; k < 1000; k++) {
            double[] p = {rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2)};
            worst = Math.max(worst, Math.abs(net.evaluate(p)[0] - f.evaluate(p)));
        }
        return worst;
    }
}
