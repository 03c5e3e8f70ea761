package org.relucert.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.bounds.Deadline;
import org.relucert.domains.Domains;
import org.relucert.exact.ExactRange;
import org.relucert.exact.ExactRangeException;
import org.relucert.exact.PatternEnumeration;
import org.relucert.exact.Range;
import org.relucert.io.BoxParser;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert demo}: every domain side by side on the bundled example networks. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run every domain on the bundled example networks against a reference range.",
        description = {"Run every available domain on the bundled example networks and compare with a reference range:",
                "the exact range where relucert can compute it within --exact-timeout (breakpoints, activation"
                        + " patterns or the MILP), else the range attained by sampled points (the header says which)."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "20000", description = "random points per box (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "relative tolerance for 'exact', above LP/MILP solver tolerances (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--exact-timeout", defaultValue = "20", paramLabel = "S",
            description = "seconds per example for the exact reference range; past it the sampled range is used (default: ${DEFAULT-VALUE})")
    double exactTimeout;

    @Mixin
    Inputs.Quiet quiet = new Inputs.Quiet();

    @Spec
    CommandSpec spec;

    /** The MILP domain, whose row becomes the reference where the exact range was not found in time. */
    static final String MILP = "exact";

    /** Domains that threw an internal error; the demo then exits with code 1. */
    private int failures;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode index;
        try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/demo.json")) {
            index = new ObjectMapper().readTree(in);
        }
        out.println("relucert demo: each domain's bounds against a reference range: the exact range when relucert");
        out.println("can compute it, else the range attained by sampled points (corners plus " + samples + " random");
        out.println("points, then a local search from the best ones). A bound equal to the reference is exact;");
        out.println("'gap' is the excess over it (against a sampled range, a gap may partly be the sampling's miss).");
        List<Domains.Entry> domains = Domains.all();
        Inputs.preloadSolver(domains.stream().map(e -> Domains.parse(e.example())).toList());
        int total = index.get("examples").size() * (domains.size() + 1);
        int done = 0;
        try (ProgressDisplay bar = ProgressDisplay.open("demo", quiet.on, spec.commandLine().getErr())) {
            PrintWriter shown = bar.guard(out);
            for (JsonNode ex : index.get("examples")) {
                Network net = NetJson.readResource("/examples/" + ex.get("file").asText());
                Box box = BoxParser.parse(ex.get("box").asText(), net.inputSize());
                bar.update(done, total, "example " + ex.get("file").asText());
                Reference range = reference(net, box);
                bar.update(++done, total, "example " + ex.get("file").asText());
                List<Row> rows = new ArrayList<>();
                for (Domains.Entry e : domains) {
                    rows.add(runOne(net, box, e.example()));
                    bar.update(++done, total, "example " + ex.get("file").asText());
                }
                range = milpReference(range, rows);
                shown.println();
                shown.println("== " + ex.get("title").asText() + "   [examples/" + ex.get("file").asText() + "]  box " + box);
                shown.printf("   %-14s %s%s%n", range.label(), Format.intervals(range.min(), range.max()),
                        range.exact() ? "   (reference: exact range, " + range.method() + ")"
                                : "   (reference: sampled range; " + range.method() + ")");
                for (Row row : rows) {
                    print(shown, row, range);
                }
                shown.flush();
            }
        }
        if (failures > 0) {
            out.println();
            out.println(failures + " domain run(s) failed with an internal error (see FAILED above).");
        }
        out.flush();
        return failures == 0 ? 0 : Main.INTERNAL;
    }

    /** The range the domains are compared with: its bounds, whether exact, and how it was obtained. */
    record Reference(double[] min, double[] max, boolean exact, String method) {
        String label() {
            return exact ? "exact range" : "sampled";
        }
    }

    /** One domain's run: its analysis and time, or why it was skipped or failed. */
    record Row(String domain, Analysis analysis, double ms, String skipped, String failed) {
    }

    /**
     * The reference, or, where it is only sampled, the range of the MILP domain's row when that row ran without
     * any note (no fallback, time limit or unconfirmed bound): the exact range up to the MILP's widening, which a
     * sample may miss.
     */
    static Reference milpReference(Reference range, List<Row> rows) {
        if (range.exact()) {
            return range;
        }
        for (Row row : rows) {
            Analysis a = row.analysis();
            if (row.domain().equals(MILP) && a != null && a.notes().isEmpty()) {
                return new Reference(a.lower(), a.upper(), true, "from the MILP row '" + MILP + "' below; "
                        + range.method());
            }
        }
        return range;
    }

    /** The exact range of every output when it can be computed in time, else the sampled range. */
    Reference reference(Network net, Box box) {
        int m = net.outputSize();
        double[] lo = new double[m];
        double[] hi = new double[m];
        Deadline deadline = Deadline.after(exactTimeout);
        String why;
        try {
            Set<String> methods = new LinkedHashSet<>();
            for (int i = 0; i < m; i++) {
                Range r = ExactRange.of(net, box, i, PatternEnumeration.DEFAULT_MAX_UNSTABLE, deadline);
                lo[i] = r.min();
                hi[i] = r.max();
                methods.add(r.method());
            }
            return new Reference(lo, hi, true, String.join(", ", methods));
        } catch (Deadline.Expired e) {
            why = "the exact range took over " + Format.num(exactTimeout) + " s";
        } catch (InvalidInputException | ExactRangeException e) {
            why = "no exact range: " + e.getMessage();
        }
        Sampler.Range s = Sampler.refinedRange(net, box, samples, 1);
        return new Reference(s.min(), s.max(), false, why);
    }

    /** How far a bound lies outside the reference, 0 within the relative tolerance. */
    private double excess(double outside, double scale) {
        return outside <= tolerance * scale ? 0 : outside;
    }

    private Row runOne(Network net, Box box, String domain) {
        Relaxation r = Domains.parse(domain);
        long t0 = System.nanoTime();
        try {
            Analysis a = r.analyse(net, box);
            return new Row(domain, a, (System.nanoTime() - t0) / 1e6, null, null);
        } catch (InvalidInputException e) {
            return new Row(domain, null, 0, e.getMessage(), null);
        } catch (RuntimeException e) {
            failures++;
            return new Row(domain, null, 0, null, e.toString());
        }
    }

    private void print(PrintWriter out, Row row, Reference range) {
        String domain = row.domain();
        if (row.skipped() != null) {
            out.printf("   %-14s skipped: %s%n", domain, row.skipped());
            return;
        }
        if (row.failed() != null) {
            out.printf("   %-14s FAILED: %s%n", domain, row.failed());
            return;
        }
        Analysis a = row.analysis();
        double gap = 0;
        for (int i = 0; i < range.min().length; i++) {
            double scale = Math.max(1.0, Math.max(Math.abs(range.min()[i]), Math.abs(range.max()[i])));
            gap += excess(a.upper()[i] - range.max()[i], scale) + excess(range.min()[i] - a.lower()[i], scale);
        }
        String verdict = gap <= 0 ? "exact" : "gap " + Format.num(gap);
        out.printf("   %-14s %-40s %-12s %8.2f ms%n", domain, Format.intervals(a.lower(), a.upper()), verdict, row.ms());
        for (String note : a.notes()) {
            out.println("       note: " + note);
        }
    }
}
