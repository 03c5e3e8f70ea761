package org.relucert.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
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

    @Spec
    CommandSpec spec;

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
        for (JsonNode ex : index.get("examples")) {
            Network net = NetJson.readResource("/examples/" + ex.get("file").asText());
            Box box = BoxParser.parse(ex.get("box").asText(), net.inputSize());
            Reference range = reference(net, box);
            out.println();
            out.println("== " + ex.get("title").asText() + "   [examples/" + ex.get("file").asText() + "]  box " + box);
            out.printf("   %-14s %s%s%n", range.label(), Format.intervals(range.min(), range.max()),
                    range.exact() ? "   (reference: exact range, " + range.method() + ")"
                            : "   (reference: sampled range; " + range.method() + ")");
            for (Domains.Entry e : Domains.all()) {
                runOne(out, net, box, range, e.example());
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

    /** The exact range of every output when it can be computed in time, else the sampled range. */
    Reference reference(Network net, Box box) {
        int m = net.outputSize();
        double[] lo = new double[m];
        double[] hi = new double[m];
        Deadline deadline = Deadline.after(exactTimeout);
        String why;
        try {
            java.util.Set<String> methods = new java.util.LinkedHashSet<>();
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

    private void runOne(PrintWriter out, Network net, Box box, Reference range, String domain) {
        Relaxation r = Domains.parse(domain);
        Analysis a;
        long t0 = System.nanoTime();
        try {
            a = r.analyse(net, box);
        } catch (InvalidInputException e) {
            out.printf("   %-14s skipped: %s%n", domain, e.getMessage());
            return;
        } catch (RuntimeException e) {
            out.printf("   %-14s FAILED: %s%n", domain, e);
            failures++;
            return;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        double gap = 0;
        for (int i = 0; i < range.min().length; i++) {
            double scale = Math.max(1.0, Math.max(Math.abs(range.min()[i]), Math.abs(range.max()[i])));
            gap += excess(a.upper()[i] - range.max()[i], scale) + excess(range.min()[i] - a.lower()[i], scale);
        }
        String verdict = gap <= 0 ? "exact" : "gap " + Format.num(gap);
        out.printf("   %-14s %-40s %-12s %8.2f ms%n", domain, Format.intervals(a.lower(), a.upper()), verdict, ms);
        for (String note : a.notes()) {
            out.println("       note: " + note);
        }
    }
}
