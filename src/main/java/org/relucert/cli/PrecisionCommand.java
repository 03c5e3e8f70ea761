package org.relucert.cli;

import org.relucert.Progress;
import org.relucert.bounds.Deadline;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.io.BoxParser;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.BoxGap;
import org.relucert.precision.PrecisionSearch;
import org.relucert.precision.Tolerance;
import org.relucert.serve.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert precision}: search the boxes of a domain for the largest gap of a relaxation. */
@Command(name = "precision", mixinStandardHelpOptions = true,
        header = "Search X for the box where a domain is least precise.",
        description = {"Search the boxes inside X for the one where a domain's bounds are furthest from the exact "
                + "range of the output. Finds witnesses of imprecision; cannot prove precision.",
                "Univariate networks: all pairs of breakpoint-aligned and grid endpoints, then local refinement. "
                + "Multivariate: random boxes at many scales, tiny boxes centred on neuron kinks, boxes snapped to "
                + "kinks, then local search. Deterministic for a seed; parallel over boxes."})
final class PrecisionCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Option(names = "--domain", required = true, paramLabel = "D", description = "the domain to test, e.g. deeppoly0")
    String domain;

    @Option(names = "--over", required = true, paramLabel = "X", description = "the input domain X \"l1:u1,l2:u2,...\"")
    String over;

    @Option(names = "--budget", defaultValue = "4000", description = "number of boxes to check (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads, 0 for all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    Inputs.ExactOptions exactOptions;

    @Option(names = "--json", description = "print one JSON object {verdict, gap, box, boxes_checked, exact_fraction, ...}")
    boolean json;

    @Mixin
    Inputs.TimeLimit timeLimit;

    @Mixin
    Inputs.Quiet quiet = new Inputs.Quiet();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads < 0) {
            throw new InvalidInputException("--threads must be 0 (all cores) or more, got " + threads);
        }
        Network network = net.load();
        Box x = parseBox(over, network.inputSize(), "--over");
        Relaxation relaxation = Domains.parse(domain);
        Tolerance tol = exactOptions.tolerance();
        PrecisionSearch.Options options = new PrecisionSearch.Options(budget, seed, tol, threads, exactOptions.outputIndex, exactOptions.maxUnstable);
        Deadline deadline = timeLimit.start();
        PrecisionSearch.Result r;
        try (ProgressDisplay bar = ProgressDisplay.open("precision", quiet.on, spec.commandLine().getErr())
                .limit(deadline.limitSeconds())) {
            r = new PrecisionSearch(network, relaxation, x, options).within(deadline)
                    .reporting((n, all) -> bar.update(Math.min((long) n, budget), budget, "boxes")).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Documents.text(Documents.precision(r)));
        } else {
            printText(out, r, relaxation.name());
        }
        out.flush();
        return 0;
    }

    /** Parses "l1:u1,..." with error messages naming {@code option}. */
    static Box parseBox(String text, int dim, String option) {
        try {
            return BoxParser.parse(text, dim);
        } catch (org.relucert.InvalidInputException e) {
            throw new org.relucert.InvalidInputException(e.getMessage().replaceFirst("^--box", option));
        }
    }

    static Tolerance tolerance(double t) {
        try {
            return new Tolerance(t);
        } catch (IllegalArgumentException e) {
            throw new org.relucert.InvalidInputException("--tolerance: " + e.getMessage());
        }
    }

    private void printText(PrintWriter out, PrecisionSearch.Result r, String domainName) {
        BoxGap w = r.witness();
        out.printf("precision of %s on %s over %s (output %d)%n", domainName, net.net, r.over(), w.output());
        if (r.verdict() == PrecisionSearch.Verdict.IMPRECISE) {
            out.printf("IMPRECISE: gap %s on box %s (lower gap %s, upper gap %s)%n", Format.num(w.gap()), w.box(),
                    Format.num(w.lowerGap()), Format.num(w.upperGap()));
        } else {
            out.printf("NO GAP FOUND in %d boxes: every checked box was exact within %s.%n", r.boxesChecked(), w.tolerance());
            out.println("  This is evidence from a search, not a proof that the analysis is precise on every box.");
            out.printf("  largest gap seen %s (within tolerance) on box %s%n", Format.num(w.gap()), w.box());
        }
        out.printf("  exact range %s (min at %s, max at %s; %s)%n", Format.interval(w.exact().min(), w.exact().max()),
                point(w.exact().argMin()), point(w.exact().argMax()), w.exact().method());
        out.printf("  %s bounds %s%n", domainName, Format.interval(w.domainLower(), w.domainUpper()));
        out.printf("  'exact' means within %s of max(1, |min|, |max|)%n", w.tolerance());
        if (r.verdict() == PrecisionSearch.Verdict.IMPRECISE) {
            out.printf("  reproduce: relucert bounds --net %s --domain %s --box \"%s\"%n", net.net, domainName, w.box());
            out.println("  witness re-checked with a fresh analysis and exact range: "
                    + (r.verified() ? "same gap" : "DIFFERENT gap from the search's cached value (fresh value shown)"));
        }
        StringBuilder effort = new StringBuilder();
        for (Map.Entry<String, Integer> e : r.boxesByStrategy().entrySet()) {
            effort.append(effort.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
        }
        out.printf(Locale.ROOT, "  search: %d boxes (%s), %.1f%% exact within tolerance, %.2f s on %d threads%n",
                r.boxesChecked(), effort, 100 * r.exactFraction(), r.seconds(), r.threads());
        if (r.timeLimited()) {
            out.printf("  time limit reached: %d boxes not checked (or with time-limited bounds, not counted)%n",
                    r.skippedForTime());
        }
        if (r.failed() > 0) {
            out.printf("  %d boxes skipped, no exact range: %s%n", r.failed(), r.firstFailure());
        }
        if (r.unsound() > 0) {
            BoxGap u = r.unsoundExample();
            out.printf("  WARNING: %d boxes where %s cut off an attained output (soundness bug), e.g. box %s: bounds %s, exact %s%n",
                    r.unsound(), domainName, u.box(), Format.interval(u.domainLower(), u.domainUpper()),
                    Format.interval(u.exact().min(), u.exact().max()));
        }
    }

    private static String point(double[] x) {
        if (x == null) {
            return "n/a";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Format.num(x[i]));
        }
        return sb.append(')').toString();
    }
}
