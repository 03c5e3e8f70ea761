package org.relucert.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
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
        description = "Run every available domain on the bundled example networks and compare with the sampled range.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "20000", description = "random points per box (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--tolerance", defaultValue = "1e-7", description = "relative tolerance for 'exact' (default: ${DEFAULT-VALUE})")
    double tolerance;

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
        out.println("relucert demo: each domain's bounds against the range attained by sampled points");
        out.println("(corners plus " + samples + " random points, then a local search from the best ones).");
        out.println("A bound equal to the sampled range is exact,");
        out.println("because a sound bound can never be inside the attained range; 'gap' is the excess.");
        for (JsonNode ex : index.get("examples")) {
            Network net = NetJson.readResource("/examples/" + ex.get("file").asText());
            Box box = BoxParser.parse(ex.get("box").asText(), net.inputSize());
            Sampler.Range range = Sampler.refinedRange(net, box, samples, 1);
            out.println();
            out.println("== " + ex.get("title").asText() + "   [examples/" + ex.get("file").asText() + "]  box " + box);
            out.printf("   %-14s %s%n", "sampled", Format.intervals(range.min(), range.max()));
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

    private void runOne(PrintWriter out, Network net, Box box, Sampler.Range range, String domain) {
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
            gap += Math.max(0, a.upper()[i] - range.max()[i]) + Math.max(0, range.min()[i] - a.lower()[i]);
            double scale = Math.max(1.0, Math.max(Math.abs(range.min()[i]), Math.abs(range.max()[i])));
            if (Math.abs(a.upper()[i] - range.max()[i]) <= tolerance * scale) {
                gap -= Math.max(0, a.upper()[i] - range.max()[i]);
            }
            if (Math.abs(range.min()[i] - a.lower()[i]) <= tolerance * scale) {
                gap -= Math.max(0, range.min()[i] - a.lower()[i]);
            }
        }
        String verdict = gap <= 0 ? "exact" : "gap " + Format.num(gap);
        out.printf("   %-14s %-40s %-12s %8.2f ms%n", domain, Format.intervals(a.lower(), a.upper()), verdict, ms);
        for (String note : a.notes()) {
            out.println("       note: " + note);
        }
    }
}
