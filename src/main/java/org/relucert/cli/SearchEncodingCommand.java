package org.relucert.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bounds.Relaxation;
import org.relucert.construct.Cpwl;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.TargetFunction;
import org.relucert.domains.Domains;
import org.relucert.precision.BoxGap;
import org.relucert.search.EncodingFiles;
import org.relucert.search.EncodingSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert search-encoding}: search a grammar of encodings of a univariate CPWL for precise ones. */
@Command(name = "search-encoding", mixinStandardHelpOptions = true,
        header = "Enumerate encodings of a univariate CPWL function and rank them by gap.",
        description = {"Enumerate encodings of a univariate CPWL function from a grammar of building blocks "
                + "(one-layer forms in every Triangle orientation, DP-0/DP-1 minimal forms, clipped ramps, flips, "
                + "identity layers, splits into pieces, convex differences, max/min of two sub-encodings; "
                + "docs/encoding-search.md), check each computes f, and rank them by the largest gap a precision "
                + "search finds for the domain. 'NO GAP FOUND in N boxes' is evidence, never a proof of precision.",
                "Deterministic for a seed; parallel over candidates."})
final class SearchEncodingCommand implements Callable<Integer> {

    @Option(names = "--function", required = true, paramLabel = "F", description = "univariate CPWL, e.g. \"cpwl: 0:1, 1:0, 2:1, 3:0, 4:1\", or a JSON file")
    String function;

    @Option(names = "--for", required = true, paramLabel = "D", description = "the domain, e.g. deeppoly0")
    String domain;

    @Option(names = "--budget", defaultValue = "200", description = "most candidates searched (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--boxes", defaultValue = "300", description = "boxes per precision search (default: ${DEFAULT-VALUE})")
    int boxes;

    @Option(names = "--depth", defaultValue = "2", description = "levels of composite rules, 0..3 (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads, 0 for all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--timeout", defaultValue = "600", description = "start no candidate after S seconds, 0 for none (default: ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--top", defaultValue = "5", description = "encodings printed and written (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--out", paramLabel = "DIR", description = "write the best encodings here as relucert-net files")
    Path out;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TargetFunction t = FunctionParser.parseOrRead(function);
        if (!(t instanceof Cpwl f)) {
            throw new InvalidInputException("--function: search-encoding needs a univariate CPWL function (cpwl: ...), got " + t.text());
        }
        if (top < 1) {
            throw new InvalidInputException("--top must be at least 1, got " + top);
        }
        Relaxation relaxation = Domains.parse(domain);
        EncodingSearch.Options o = new EncodingSearch.Options(budget, boxes, depth, seed, threads,
                Inputs.timeoutSeconds(timeout));
        EncodingSearch.Result r;
        try (ProgressDisplay bar = ProgressDisplay.open("search-encoding", quiet, spec.commandLine().getErr()).limit(timeout)) {
            r = EncodingSearch.run(f, relaxation, o, (done, all) -> bar.update((long) done, (long) all, "candidates"));
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "function: %s on [%s, %s], domain %s%n", f.text(), f.start(), f.end(), r.domain());
        w.printf(Locale.ROOT, "%d encodings enumerated, %d searched (%d boxes each), %d skipped at the time limit, "
                + "%d not computing f; %d without a gap; %.1f s%n", r.enumerated(), r.searched(), boxes, r.skipped(),
                r.wrongFunction(), r.withoutGap().size(), r.seconds());
        List<Path> files = out == null ? List.of() : EncodingFiles.write(r.ranked(), out, "rank", top);
        for (int i = 0; i < Math.min(top, r.ranked().size()); i++) {
            EncodingSearch.Ranked c = r.ranked().get(i);
            BoxGap g = c.result().witness();
            String verdict = c.noGapFound() ? "NO GAP FOUND in " + c.result().boxesChecked() + " boxes"
                    : String.format(Locale.ROOT, "gap %.6g on [%s, %s] (exact [%.6g, %.6g], %s [%.6g, %.6g])", g.gap(),
                    g.box().lower()[0], g.box().upper()[0], g.exact().min(), g.exact().max(), r.domain(),
                    g.domainLower(), g.domainUpper());
            w.printf(Locale.ROOT, "%2d. %s  (%d ReLUs): %s%s%n", i + 1, c.candidate().name(), c.relus(), verdict,
                    files.isEmpty() ? "" : "  -> " + files.get(i));
        }
        w.flush();
        return 0;
    }
}
