package org.relucert.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.cli.Main;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.TargetFunction;
import org.relucert.io.NetJson;
import org.relucert.net.Network;

/**
 * Every computing endpoint answers the document of the CLI command's --json for the same input, and the
 * describing endpoints (network, graph, lines, encode, classify, examples, table1) answer what the library says.
 */
class ServeApiAnswersWhatTheCliPrintsTest {
    private static ServerFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        fx = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static JsonNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return ServerFixture.MAPPER.readTree(out.toString());
    }

    private static Path example(String name) throws Exception {
        Path file = dir.resolve(name + ".json");
        if (!Files.exists(file)) {
            try (InputStream in = ServeApiAnswersWhatTheCliPrintsTest.class.getResourceAsStream("/examples/" + name + ".json")) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    /** The document without its "seconds" fields (timings differ between runs). */
    private static JsonNode untimed(JsonNode doc) {
        JsonNode copy = doc.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("seconds");
        }
        n.forEach(ServeApiAnswersWhatTheCliPrintsTest::strip);
    }

    @Test
    void boundsOfMax2AreTheDocumentOfBoundsJson() throws Exception {
        ServerFixture.Answer a = fx.post("/api/bounds",
                "{\"net\": \"example:max2\", \"box\": \"0:1,0:1\", \"domains\": [\"triangle\", \"multi:1\", \"ibp\"]}");
        assertEquals(200, a.status(), a.body().toString());
        JsonNode cli = cli("bounds", "--net", example("max2").toString(), "--box", "0:1,0:1",
                "--domain", "triangle,multi:1,ibp", "--json");
        assertEquals(untimed(cli), untimed(a.body()));
        assertEquals(1.5, a.body().at("/results/0/upper/0").asDouble(), 1e-6);
        assertEquals(1.0, a.body().at("/results/1/upper/0").asDouble(), 1e-6);
    }

    @Test
    void boundsOfAnInlineDocumentEqualThoseOfTheFile() throws Exception {
        String doc = Files.readString(example("f3_dp0"), StandardCharsets.UTF_8);
        ServerFixture.Answer a = fx.post("/api/bounds", "{\"net\": " + doc + ", \"box\": \"-1:2\", \"domains\": \"deeppoly0,ibp\"}");
        assertEquals(200, a.status(), a.body().toString());
        JsonNode cli = cli("bounds", "--net", example("f3_dp0").toString(), "--box=-1:2", "--domain", "deeppoly0,ibp", "--json");
        assertEquals(untimed(cli), untimed(a.body()));
    }

    @Test
    void gapIsTheDocumentOfGapJson() throws Exception {
        ServerFixture.Answer a = fx.post("/api/gap",
                "{\"net\": \"example:f3_dp0\", \"box\": \"-1:2\", \"domains\": [\"deeppoly0\", \"deeppoly1\", \"ibp\"]}");
        assertEquals(200, a.status(), a.body().toString());
        JsonNode cli = cli("gap", "--net", example("f3_dp0").toString(), "--box=-1:2", "--domain", "deeppoly0,deeppoly1,ibp", "--json");
        assertEquals(cli, a.body());
        assertTrue(a.body().at("/domains/0/exact").asBoolean(), "DP-0 is exact on its own form");
        assertFalse(a.body().at("/domains/2/exact").asBoolean(), "IBP is not");
    }

    @Test
    void gapWithoutDomainsGivesTheExactRangeOnly() throws Exception {
        ServerFixture.Answer a = fx.post("/api/gap", "{\"net\": \"example:max2\", \"box\": \"0:1,0:1\"}");
        assertEquals(200, a.status(), a.body().toString());
        assertEquals(0.0, a.body().at("/exact/min").asDouble(), 1e-9);
        assertEquals(1.0, a.body().at("/exact/max").asDouble(), 1e-9);
        assertEquals(0, a.body().get("domains").size());
    }

    @Test
    void precisionIsTheDocumentOfPrecisionJson() throws Exception {
        ServerFixture.Answer a = fx.post("/api/precision",
                "{\"net\": \"example:f3_dp0\", \"domain\": \"deeppoly1\", \"over\": \"-2:3\", \"budget\": 300}");
        assertEquals(200, a.status(), a.body().toString());
        JsonNode cli = cli("precision", "--net", example("f3_dp0").toString(), "--domain", "deeppoly1", "--over=-2:3",
                "--budget", "300", "--json");
        assertEquals(untimed(cli), untimed(a.body()));
        assertEquals("IMPRECISE", a.body().get("verdict").asText());
    }

    @Test
    void precisionOfAPreciseConstructionFindsNoGap() throws Exception {
        ServerFixture.Answer a = fx.post("/api/precision",
                "{\"net\": \"example:f3_dp0\", \"domain\": \"deeppoly0\", \"over\": \"-2:3\", \"budget\": 200}");
        assertEquals(200, a.status(), a.body().toString());
        assertEquals("NO_GAP_FOUND", a.body().get("verdict").asText());
        assertTrue(a.body().get("boxes_checked").asInt() >= 200, a.body().toString());
    }

    @Test
    void gapMapCellsAreTheGapsOfTheirIntervals() throws Exception {
        ServerFixture.Answer a = fx.post("/api/gapmap",
                "{\"net\": \"example:f3_dp0\", \"domains\": [\"deeppoly0\", \"ibp\"], \"over\": \"-2:3\", \"resolution\": 6}");
        assertEquals(200, a.status(), a.body().toString());
        JsonNode dp0 = a.body().at("/maps/0");
        JsonNode ibp = a.body().at("/maps/1");
        assertEquals(15, dp0.get("cells").size());
        assertEquals(15, dp0.get("cell_count").asInt());
        assertEquals(1.0, dp0.get("exact_fraction").asDouble(), 0, "DP-0 is exact on every interval of its own form");
        assertTrue(ibp.get("max_gap").asDouble() > 0.5, "IBP has a gap on f3");
        // cell [-2, 3] (i = 0, j = 5): IBP's gap there, as gap --json says
        JsonNode cell = ibp.get("cells").get(4);
        assertEquals(0, cell.get(0).asInt());
        assertEquals(5, cell.get(1).asInt());
        JsonNode gap = cli("gap", "--net", example("f3_dp0").toString(), "--box=-2:3", "--domain", "ibp", "--json");
        assertEquals(gap.at("/domains/0/gap").asDouble(), cell.get(2).asDouble(), 1e-9);
        assertEquals(2, dp0.get("kinks").size());
    }

    @Test
    void encodeReturnsANetworkThatComputesTheFunction() throws Exception {
        ServerFixture.Answer a = fx.post("/api/encode", "{\"function\": \"cpwl: -2:2, 0:0, 1:1, 3:7\", \"for\": \"deeppoly0\"}");
        assertEquals(200, a.status(), a.body().toString());
        assertEquals("C-CPWL", a.body().get("table1_column").asText());
        Network net = NetJson.parse(a.body().get("network").toString(), "answer");
        TargetFunction f = FunctionParser.parse("cpwl: -2:2, 0:0, 1:1, 3:7");
        Random rnd = new Random(7);
        for (int k = 0; k < 50; k++) {
            double x = -2 + 5 * rnd.nextDouble();
            assertEquals(f.evaluate(new double[] {x}), net.evaluate(new double[] {x})[0], 1e-9);
        }
        ServerFixture.Answer flipped = fx.post("/api/encode",
                "{\"function\": \"cpwl: -2:2, 0:0, 1:1, 3:7\", \"for\": \"deeppoly0\", \"transform\": \"flip\"}");
        assertEquals(200, flipped.status(), flipped.body().toString());
        assertTrue(flipped.body().get("relu_neurons").asInt() >= a.body().get("relu_neurons").asInt());
    }

    @Test
    void classifyGivesTheTableOneVerdictOfEveryTarget() throws Exception {
        ServerFixture.Answer a = fx.post("/api/classify", "{\"function\": \"max(x1, x2)\"}");
        assertEquals(200, a.status(), a.body().toString());
        assertEquals(2, a.body().get("inputs").asInt());
        JsonNode targets = a.body().get("targets");
        assertEquals(5, targets.size());
        assertEquals("triangle", targets.get(3).get("target").asText());
        assertEquals("✗", targets.get(3).get("mark").asText());
        assertEquals("multi", targets.get(4).get("target").asText());
        assertEquals("✓", targets.get(4).get("mark").asText());
    }

    @Test
    void examplesAndTableOneAreListed() throws Exception {
        ServerFixture.Answer ex = fx.get("/api/examples");
        assertEquals(200, ex.status());
        assertTrue(ex.body().get("examples").toString().contains("\"max2\""));
        ServerFixture.Answer t = fx.get("/api/table1");
        assertEquals(200, t.status());
        assertEquals(24, t.body().get("cells").size());
        JsonNode rd = t.body().get("cells").get(20);
        assertEquals("R^d", rd.get("space").asText());
        assertEquals("✗", rd.get("mark").asText());
        assertTrue(rd.get("construction").isNull());
        assertFalse(rd.get("refusal").asText().isEmpty());
    }

    @Test
    void networkGraphAndLinesDescribeTheNetwork() throws Exception {
        ServerFixture.Answer n = fx.post("/api/network", "{\"net\": {\"function\": \"max(x1, x2)\", \"for\": \"multi\"}}");
        assertEquals(200, n.status(), n.body().toString());
        assertEquals(2, n.body().get("inputs").asInt());
        assertEquals("relu", n.body().at("/layers/1/op").asText());
        ServerFixture.Answer g = fx.post("/api/graph", "{\"net\": \"example:f3_dp0\", \"over\": \"-2:3\"}");
        assertEquals(200, g.status(), g.body().toString());
        assertEquals("[[-2.0,2.0],[0.0,0.0],[1.0,1.0],[3.0,7.0]]", g.body().get("points").toString());
        ServerFixture.Answer g2 = fx.post("/api/graph", "{\"net\": \"example:max2\", \"over\": \"0:1,0:1\", \"resolution\": 3}");
        assertEquals("[[0.0,0.5,1.0],[0.5,0.5,1.0],[1.0,1.0,1.0]]", g2.body().get("z").toString());
        // DeepPoly's lines are sound: below and above h on the box
        ServerFixture.Answer l = fx.post("/api/lines", "{\"net\": \"example:f3_dp0\", \"box\": \"-1:2\", \"domains\": [\"deeppoly1\", \"triangle\"]}");
        assertEquals(200, l.status(), l.body().toString());
        assertEquals(1, l.body().get("lines").size(), "only DeepPoly-family domains have lines");
        JsonNode lo = l.body().at("/lines/0/lower");
        JsonNode hi = l.body().at("/lines/0/upper");
        Network net = NetJson.readResource("/examples/f3_dp0.json");
        for (int k = 0; k <= 30; k++) {
            double x = -1 + 3.0 * k / 30;
            double h = net.evaluate(new double[] {x})[0];
            assertTrue(lo.get("const").asDouble() + lo.at("/coef/0").asDouble() * x <= h + 1e-9);
            assertTrue(hi.get("const").asDouble() + hi.at("/coef/0").asDouble() * x >= h - 1e-9);
        }
    }

    @Test
    void theServerServesThePageAndEcharts() throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        String page = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.server.url())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("relucert explorer"));
        int status = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.server.url()
                + "webjars/echarts/5.3.1/dist/echarts.min.js")).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(200, status);
    }
}
