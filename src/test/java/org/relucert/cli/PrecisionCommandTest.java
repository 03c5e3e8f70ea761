package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path example(String name) throws IOException {
        Path file = dir.resolve(name);
        try (var in = PrecisionCommandTest.class.getResourceAsStream("/examples/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void jsonOutputHasExactlyTheDocumentedKeysAndAReproducibleWitness() throws IOException {
        Path net = example("f3_dp1.json");
        Run r = run("precision", "--net", net.toString(), "--domain", "deeppoly0", "--over=-2:3", "--budget", "800", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        Set<String> keys = new TreeSet<>();
        o.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(List.of("verdict", "gap", "box", "boxes_checked", "exact_fraction")), keys.toString());
        assertEquals("IMPRECISE", o.get("verdict").asText());
        assertTrue(o.get("gap").asDouble() > 1);
        assertEquals(1, o.get("box").get("lower").size());
        assertEquals(1, o.get("box").get("upper").size());
        assertTrue(o.get("boxes_checked").asInt() >= 700);
        double fraction = o.get("exact_fraction").asDouble();
        assertTrue(fraction > 0 && fraction < 1, "exact fraction " + fraction);

        // The witness box is reproducible with `relucert bounds`.
        String box = o.get("box").get("lower").get(0).asDouble() + ":" + o.get("box").get("upper").get(0).asDouble();
        Run b = run("bounds", "--net", net.toString(), "--domain", "deeppoly0", "--box=" + box, "--json");
        JsonNode res = new ObjectMapper().readTree(b.out()).get("results").get(0);
        JsonNode exact = o.get("exact_range");
        double gap = (exact.get(0).asDouble() - res.get("lower").get(0).asDouble())
                + (res.get("upper").get(0).asDouble() - exact.get(1).asDouble());
        assertEquals(o.get("gap").asDouble(), gap, 1e-9);
    }

    @Test
    void noGapVerdictIsWordedAsEvidenceNotPrecision() throws IOException {
        Path net = example("f3_dp0.json");
        Run r = run("precision", "--net", net.toString(), "--domain", "deeppoly0", "--over=-2:3", "--budget", "500");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("NO GAP FOUND in "), r.out());
        assertTrue(r.out().contains("not a proof"), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("PRECISE")), r.out());
    }

    @Test
    void overWithTheWrongDimensionIsAOneLineUserError() throws IOException {
        Path net = example("max2.json");
        Run r = run("precision", "--net", net.toString(), "--domain", "ibp", "--over=0:1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--over") && r.err().contains("2 inputs"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void gapMapAndPlotCommandsWriteImages() throws IOException {
        Path net = example("f3_dp0.json");
        Path gap = dir.resolve("gap.png");
        Path plot = dir.resolve("plot.svg");
        Run g = run("gapmap", "--net", net.toString(), "--domain", "deeppoly0,ibp", "--over=-2:3", "--resolution", "21",
                "--plot", gap.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(Files.size(gap) > 1000);
        Run p = run("plot", "--net", net.toString(), "--domain", "deeppoly1", "--over=-2:3", "--budget", "200",
                "--out", plot.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("box from a precision search of deeppoly1 (IMPRECISE"), p.out());
        assertTrue(Files.readString(plot).contains("<svg"));
    }

    @Test
    void gapmapReportsGridRowsOnStderrOnlyAndKeepsStdoutClean() throws IOException {
        Path net = example("f3_dp0.json");
        Path gap = dir.resolve("big.png");
        Run g = run("gapmap", "--net", net.toString(), "--domain", "deeppoly0,ibp", "--over=-2:3", "--resolution", "400",
                "--plot", gap.toString());
        assertEquals(0, g.code(), g.err());
        // the display is silent for the first second, so a fast run may print nothing; what it prints is progress
        assertTrue(g.err().isEmpty() || g.err().contains("gapmap ["), g.err());
        assertTrue(!g.out().contains("gapmap [") && g.out().endsWith("wrote " + gap + System.lineSeparator()), g.out());
    }

    @Test
    void gapMapTellsItsListenerEveryFinishedGridRow() throws IOException {
        org.relucert.net.Network net = org.relucert.io.NetworkFiles.read(example("f3_dp0.json"));
        java.util.concurrent.ConcurrentLinkedQueue<Integer> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
        org.relucert.precision.GapMap.compute(net, org.relucert.domains.Domains.parse("ibp"),
                new org.relucert.net.Box(new double[] {-2}, new double[] {3}), 24, 0,
                org.relucert.precision.Tolerance.DEFAULT, 2, (rows, total) -> {
                    seen.add((int) rows);
                    assertEquals(24.0, total, "total grid rows");
                });
        java.util.List<Integer> sorted = new java.util.ArrayList<>(seen);
        java.util.Collections.sort(sorted);
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList(), sorted);
    }

    @Test
    void precisionSearchTellsItsListenerEveryBoxItHandles() throws IOException {
        org.relucert.net.Network net = org.relucert.io.NetworkFiles.read(example("f3_dp0.json"));
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger outOfRange = new java.util.concurrent.atomic.AtomicInteger();
        org.relucert.precision.PrecisionSearch.Result r = new org.relucert.precision.PrecisionSearch(net,
                org.relucert.domains.Domains.parse("ibp"), new org.relucert.net.Box(new double[] {-2}, new double[] {3}),
                org.relucert.precision.PrecisionSearch.Options.defaults().withBudget(60))
                .reporting((n, total) -> {
                    calls.incrementAndGet();
                    most.accumulateAndGet((int) n, Math::max);
                    if (!(n >= 0 && n <= total && total >= 60)) {
                        outOfRange.incrementAndGet();
                    }
                }).run();
        assertTrue(r.boxesChecked() > 0 && calls.get() == most.get() && most.get() >= r.boxesChecked(),
                calls + " calls, largest count " + most + ", " + r.boxesChecked() + " boxes checked");
        assertEquals(0, outOfRange.get(), "updates with done outside [0, total] or a total below the budget");
    }
}
