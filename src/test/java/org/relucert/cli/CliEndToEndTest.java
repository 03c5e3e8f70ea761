package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import picocli.CommandLine;

/** Runs the command line in-process, as a user would, and checks outputs and exit codes. */
class CliEndToEndTest {

    /** Exit code and both streams of one run. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path bundled(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = CliEndToEndTest.class.getResourceAsStream("/examples/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void boundsJsonOnMaxExampleGivesEveryRequestedDomain(@TempDir Path dir) throws Exception {
        Path net = bundled(dir, "max2.json");
        Run r = run("bounds", "--net", net.toString(), "--box", "0:1,0:1", "--domain", "ibp,deeppoly0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode results = new ObjectMapper().readTree(r.out()).get("results");
        assertEquals(2, results.size());
        assertEquals("ibp", results.get(0).get("domain").asText());
        assertEquals(0.0, results.get(0).get("lower").get(0).asDouble());
        assertEquals(2.0, results.get(0).get("upper").get(0).asDouble());
        assertEquals("deeppoly0", results.get(1).get("domain").asText());
        assertEquals(1.5, results.get(1).get("upper").get(0).asDouble(), 1e-12);
        assertTrue(results.get(1).get("seconds").asDouble() >= 0);
    }

    @Test
    void boundsReadsABoxFile(@TempDir Path dir) throws Exception {
        Path net = bundled(dir, "abs_dp0.json");
        Path box = dir.resolve("box.json");
        Files.writeString(box, "{\"lower\": [-1], \"upper\": [2]}");
        Run r = run("bounds", "--net", net.toString(), "--box-file", box.toString(), "--domain", "deeppoly", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out()).get("results").get(0);
        assertEquals(-1.0, res.get("lower").get(0).asDouble(), 1e-12);
        assertEquals(2.0, res.get("upper").get(0).asDouble(), 1e-12);
    }

    @Test
    void badNetworkFileExitsTwoWithOneLineAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("bad.json");
        Files.writeString(net, "{\"format\": \"relucert-net/1\", \"inputs\": 1, \"nodes\": [{\"name\": \"h\", "
                + "\"op\": \"sigmoid\", \"from\": [\"input\"]}], \"output\": \"h\"}");
        Run r = run("bounds", "--net", net.toString(), "--box", "0:1", "--domain", "ibp");
        assertEquals(2, r.code());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.contains("bad.json") && err.contains("node 'h'") && err.contains("field 'op'"), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    @Test
    void missingFileAndBadBoxAndUnknownDomainExitTwo(@TempDir Path dir) throws Exception {
        Path net = bundled(dir, "max2.json");
        assertEquals(2, run("bounds", "--net", dir.resolve("nope.json").toString(), "--box", "0:1", "--domain", "ibp").code());
        assertEquals(2, run("bounds", "--net", net.toString(), "--box", "1:0,0:1", "--domain", "ibp").code());
        assertEquals(2, run("bounds", "--net", net.toString(), "--box", "0:1", "--domain", "ibp").code());
        Run unknown = run("bounds", "--net", net.toString(), "--box", "0:1,0:1", "--domain", "octagon");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown domain 'octagon'"), unknown.err());
        assertEquals(2, run("eval", "--net", net.toString(), "--point", "1,x").code());
    }

    @Test
    void evalPrintsTheNetworkOutput(@TempDir Path dir) throws Exception {
        Path net = bundled(dir, "max2.json");
        Run r = run("eval", "--net", net.toString(), "--point", "0.3,0.7");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.7, Double.parseDouble(r.out().strip()), 1e-15);
        Run r2 = run("eval", "--net", net.toString(), "--point", "2.5,-1");
        assertEquals(2.5, Double.parseDouble(r2.out().strip()), 1e-15);
    }

    @Test
    void helpWorksOnEveryCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 5, "commands found: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), "help of " + path + ": " + r.err());
            assertTrue(r.out().contains("Usage:"), "help of " + path + " prints usage");
        }
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> out) {
        out.add(prefix);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                List<String> p = new ArrayList<>(prefix);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }

    @Test
    void demoRunsEveryRegisteredDomainOnEveryExampleAndQuietLeavesStderrEmpty() {
        System.setProperty(ProgressDisplay.AFTER_PROPERTY, "0");
        Run r;
        try {
            r = run("demo", "--samples", "200", "--quiet");
        } finally {
            System.clearProperty(ProgressDisplay.AFTER_PROPERTY);
        }
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "--quiet: no progress on stderr even with no start silence");
        for (org.relucert.domains.Domains.Entry e : org.relucert.domains.Domains.all()) {
            assertTrue(r.out().contains("   " + e.example() + " "), "demo runs " + e.example());
        }
        assertTrue(r.out().contains("max(x1, x2)"), r.out());
        // |x| = R(x) + R(-x) on [-1, 2]: DP-0 is exact ([0, 2]); IBP is not ([0, 3]).
        String abs = r.out().substring(r.out().indexOf("DP-0 form"), r.out().indexOf("2R(x) - x"));
        assertTrue(abs.matches("(?s).*deeppoly0 +\\[-?0, 2\\] +exact.*"), abs);
        assertTrue(abs.matches("(?s).*ibp +\\[0, 3\\] +gap 1.*"), abs);
    }

    @Test
    void demoComparesWithTheExactRangeAndTheMilpRowIsExact() {
        // 200 samples miss the true minimum of the random net; the exact reference does not
        // a generous reference budget: the MILP reference of random3 takes ~5 s idle and several times that under load
        Run r = run("demo", "--samples", "200", "--exact-timeout", "180");
        assertEquals(0, r.code(), r.err());
        String random = r.out().substring(r.out().indexOf("random 3-layer"));
        assertTrue(random.contains("(reference: exact range, milp)"), random);
        assertTrue(random.matches("(?s).*\\n   exact +\\[[^\\n]*\\] +exact +[0-9.]+ ms.*"), random);
        assertTrue(r.out().contains("(reference: exact range, breakpoints)"), r.out());
        assertFalse(r.out().contains("gap 3.15544e-30"), "gaps within the tolerance read exact");
    }

    @Test
    void demoWithoutTheExactRangeInTimeTakesTheMilpRowAsReferenceAndSaysSo() {
        // no exact range within 1e-9 s: the sample would be the reference, but the MILP row ran without a note
        System.setProperty(ProgressDisplay.AFTER_PROPERTY, "0");
        Run r;
        try {
            r = run("demo", "--samples", "200", "--exact-timeout", "1e-9");
        } finally {
            System.clearProperty(ProgressDisplay.AFTER_PROPERTY);
        }
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("demo ["), "without --quiet the progress shows on stderr: " + r.err());
        assertFalse(r.out().contains("demo ["), "and never on stdout");
        assertTrue(r.out().contains("(reference: exact range, from the MILP row 'exact' below; the exact range took over"),
                r.out());
        String random = r.out().substring(r.out().indexOf("random 3-layer"));
        // 200 samples miss the true minimum; against the MILP's range the MILP row is exact, not a gap
        assertTrue(random.matches("(?s).*\\n   exact +\\[[^\\n]*\\] +exact +[0-9.]+ ms.*"), random);
    }

    @Test
    void aSampledReferenceStaysWhereTheMilpRowHasANote() {
        DemoCommand.Reference sampled = new DemoCommand.Reference(new double[] {0}, new double[] {1}, false, "why");
        Analysis noted = new Analysis("exact", new Bounds(new double[] {-1}, new double[] {2}), new Bounds[0],
                List.of("MILP max of output[0] stopped early"));
        List<DemoCommand.Row> rows = List.of(new DemoCommand.Row("exact", noted, 1, null, null));
        assertSame(sampled, DemoCommand.milpReference(sampled, rows));
        Analysis clean = new Analysis("exact", new Bounds(new double[] {-1}, new double[] {2}), new Bounds[0], List.of());
        DemoCommand.Reference milp = DemoCommand.milpReference(sampled,
                List.of(new DemoCommand.Row("exact", clean, 1, null, null)));
        assertTrue(milp.exact());
        assertEquals(-1, milp.min()[0]);
        assertEquals(2, milp.max()[0]);
    }

    @Test
    void unknownOptionExitsTwo() {
        assertEquals(2, run("bounds", "--frobnicate").code());
    }
}
