package org.relucert.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.Progress;
import org.relucert.construct.Cpwl;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.Table1;
import org.relucert.domains.Domains;
import org.relucert.precision.BoxGap;
import org.relucert.search.EncodingFiles;
import org.relucert.search.EncodingSearch;

/**
 * The "?" cells of Table 1 (THEORY.md §8 item 1), searched: the encoding search over the grammar of
 * {@code construct.EncodingGrammar} on the zig-zag of Table 1's CPWL column and on a "W", under DP-0, DP-1
 * and Triangle, with the best gap per domain and every candidate without a gap written as a file.
 */
final class EncodingSearchSection {
    static final List<String> DOMAINS = List.of("deeppoly0", "deeppoly1", "triangle");

    private EncodingSearchSection() {
    }

    static Section run(PaperSettings settings, Path dir) {
        List<Cpwl> functions = List.of((Cpwl) Table1.example("R", "CPWL"),
                (Cpwl) FunctionParser.parse("cpwl: 0:1, 1:0, 2:1, 3:0, 4:1"));
        List<String> labels = List.of("zig-zag (Table 1 CPWL example)", "W");
        List<List<String>> rows = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        int wrong = 0;
        for (int i = 0; i < functions.size(); i++) {
            Cpwl f = functions.get(i);
            for (String dom : DOMAINS) {
                boolean lp = dom.equals("triangle");
                int budget = settings.quick() ? (lp ? 4 : 16) : (lp ? 60 : 200);
                int boxes = settings.quick() ? (lp ? 24 : 60) : (lp ? 150 : 300);
                EncodingSearch.Options o = new EncodingSearch.Options(budget, boxes, 2, settings.seed(), settings.threads(),
                        settings.quick() ? 30 : 600);
                EncodingSearch.Result r = EncodingSearch.run(f, Domains.parse(dom), o, Progress.NONE);
                wrong += r.wrongFunction();
                List<EncodingSearch.Ranked> none = r.withoutGap();
                List<Path> files = EncodingFiles.write(none, dir.resolve("encodings"), "f" + (i + 1) + "_" + dom + "_", none.size());
                String best;
                if (r.ranked().isEmpty()) {
                    best = "none searched";
                } else {
                    EncodingSearch.Ranked b = r.ranked().get(0);
                    BoxGap g = b.result().witness();
                    best = b.noGapFound() ? "NO GAP FOUND in " + b.result().boxesChecked() + " boxes: " + b.candidate().name()
                            : Markdown.num(g.gap()) + " (" + b.candidate().name() + ", box "
                            + Markdown.interval(g.box().lower()[0], g.box().upper()[0]) + ")";
                }
                rows.add(List.of(labels.get(i), f.text(), dom, Integer.toString(r.enumerated()),
                        r.searched() + " (" + boxes + " boxes each" + (r.skipped() > 0 ? ", " + r.skipped() + " skipped at the time limit" : "") + ")",
                        best, Integer.toString(none.size())));
                for (int k = 0; k < none.size(); k++) {
                    notes.append("- ").append(labels.get(i)).append(", ").append(dom).append(": `")
                            .append(none.get(k).candidate().name()).append("` NO GAP FOUND in ")
                            .append(none.get(k).result().boxesChecked()).append(" boxes, file `encodings/")
                            .append(files.get(k).getFileName()).append("`\n");
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("P1 leaves open whether DP-0, DP-1 or Triangle can precisely express every univariate CPWL function "
                + "(THEORY.md §8 item 1). `relucert search-encoding` enumerates encodings from a grammar of building "
                + "blocks (docs/encoding-search.md: one-layer forms in every Triangle orientation, the DP-0/DP-1 minimal "
                + "forms, clipped ramps, flips, identity layers, splits into clamped pieces, differences of convex parts, "
                + "max/min of two sub-encodings through b + R(a - b)), checks that each computes f, and ranks them by the "
                + "largest gap a precision search finds. A candidate without a gap is evidence, not a proof.\n\n");
        md.append(Markdown.table(List.of("function", "points", "domain", "encodings enumerated", "searched", "best gap (encoding, box)",
                "without a gap"), rows)).append('\n');
        md.append(notes.length() == 0 ? "No searched candidate is without a gap: the search found no precise encoding of these "
                + "functions, which is evidence about this grammar only, not an impossibility result.\n" : "Candidates without a gap:\n\n" + notes);
        claims.add(new Claim("every searched encoding computes its function (breakpoints and " + EncodingSearch.CHECK_POINTS
                + " random points)", "0 wrong", wrong + " wrong", wrong == 0));
        return new Section("The \"?\" cells searched: encodings of a zig-zag and a W (THEORY.md §8 item 1)", md.toString(), claims);
    }
}
