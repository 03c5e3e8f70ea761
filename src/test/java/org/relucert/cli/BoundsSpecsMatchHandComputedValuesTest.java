package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bounds --c-matrix}, {@code --center/--eps/--valid}, {@code --spec}, {@code --show} and gzipped
 * inputs against values computed by hand on y1 = y2 = relu(x), where folding a row into the
 * back-substitution is visible: y1 - y2 is exactly 0, while the difference of the output bounds is not.
 */
class BoundsSpecsMatchHandComputedValuesTest {
    private static final double TOL = 1e-12;
    /** y = (relu(x), relu(x)). */
    private static final String TWIN = "{\"format\": \"relucert-net/1\", \"inputs\": 1, \"nodes\": ["
            + "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], \"weight\": [[1]], \"bias\": [0]},"
            + "{\"name\": \"r\", \"op\": \"relu\", \"from\": [\"h\"]},"
            + "{\"name\": \"y\", \"op\": \"affine\", \"from\": [\"r\"], \"weight\": [[1], [1]], \"bias\": [0, 0]}],"
            + " \"output\": \"y\"}";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode json(Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out()).get("results");
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static Path twin(Path dir) throws Exception {
        Path f = dir.resolve("twin.json");
        Files.writeString(f, TWIN);
        return f;
    }

    @Test
    void marginRowsAreFoldedIntoTheBackSubstitution(@TempDir Path dir) throws Exception {
        // on x in [-1, 1]: r in [0, 1], unstable, crown's lines 0 <= r <= (x + 1)/2 (slope 0 as u = -l).
        // y1 - y2 = r - r = 0 exactly; 2y1 + y2 - 1 = 3r - 1 in [-1, 3 * 1 - 1]; IBP: the difference of boxes
        JsonNode res = json(run("bounds", "--net", twin(dir).toString(), "--box=-1:1", "--domain", "crown,ibp",
                "--c-matrix", "1,-1;2,1|1", "--json"));
        assertArrayEquals(new double[] {0, -1}, doubles(res.get(0).get("lower")), TOL);
        assertArrayEquals(new double[] {0, 2}, doubles(res.get(0).get("upper")), TOL);
        assertArrayEquals(new double[] {-1, -1}, doubles(res.get(1).get("lower")), TOL);
        assertArrayEquals(new double[] {1, 2}, doubles(res.get(1).get("upper")), TOL);
        // the same rows from a file
        Path rows = dir.resolve("c.txt");
        Files.writeString(rows, "# margins\n1 -1\n2 1 | 1\n");
        JsonNode fromFile = json(run("bounds", "--net", twin(dir).toString(), "--box=-1:1", "--domain", "crown",
                "--c-matrix", rows.toString(), "--json"));
        assertArrayEquals(new double[] {0, -1}, doubles(fromFile.get(0).get("lower")), TOL);
    }

    @Test
    void anEpsBallIsClippedToTheValidRange(@TempDir Path dir) throws Exception {
        // x in [0.2 - 0.5, 0.2 + 0.5] = [-0.3, 0.7]: u > -l, slope 1: r >= x, so y >= -0.3; chord 0.7(x + 0.3) <= 0.7
        JsonNode ball = json(run("bounds", "--net", twin(dir).toString(), "--center", "0.2", "--eps", "0.5",
                "--domain", "crown", "--json"));
        assertArrayEquals(new double[] {-0.3, -0.3}, doubles(ball.get(0).get("lower")), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.7}, doubles(ball.get(0).get("upper")), 1e-12);
        // clipped to [0, 1]: x in [0, 0.7], the ReLU is stable and the bounds exact
        JsonNode clipped = json(run("bounds", "--net", twin(dir).toString(), "--center", "0.2", "--eps", "0.5",
                "--valid", "0:1", "--domain", "crown", "--json"));
        assertArrayEquals(new double[] {0, 0}, doubles(clipped.get(0).get("lower")), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.7}, doubles(clipped.get(0).get("upper")), 1e-12);
    }

    private static final String SPEC = "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
            + "(assert (>= X_0 -1))\n(assert (<= X_0 1))\n"
            + "(assert (<= Y_0 Y_1))\n(assert (>= Y_0 0.5))\n";

    @Test
    void aPropertysRowsAreBoundedOverItsBoxAndGzipIsReadTransparently(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("p.vnnlib");
        Files.writeString(spec, SPEC);
        // rows: y0 - y1 <= 0 folded: exactly 0; -y0 + 0.5 <= 0: -r + 0.5 in [-1 + 0.5, 0 + 0.5]
        JsonNode res = json(run("bounds", "--net", twin(dir).toString(), "--spec", spec.toString(), "--domain",
                "crown", "--json"));
        assertEquals(1, res.size());
        assertEquals(1, res.get(0).get("case").asInt());
        double[] lower = doubles(res.get(0).get("lower"));
        double[] upper = doubles(res.get(0).get("upper"));
        assertEquals(2, lower.length);
        int diff = Math.abs(lower[0]) < TOL && Math.abs(upper[0]) < TOL ? 0 : 1;
        assertEquals(0, lower[diff], TOL);
        assertEquals(0, upper[diff], TOL);
        assertEquals(-0.5, lower[1 - diff], TOL);
        assertEquals(0.5, upper[1 - diff], TOL);

        Path netGz = gzip(twin(dir), dir.resolve("twin.json.gz"));
        Path specGz = gzip(spec, dir.resolve("p.vnnlib.gz"));
        Run gz = run("bounds", "--net", netGz.toString(), "--spec", specGz.toString(), "--domain", "crown", "--json");
        JsonNode unzipped = json(gz);
        assertArrayEquals(lower, doubles(unzipped.get(0).get("lower")), 0);
        assertArrayEquals(upper, doubles(unzipped.get(0).get("upper")), 0);
    }

    @Test
    void intermediateBoundsAndLinearBoundsAreShownAndInTheJson(@TempDir Path dir) throws Exception {
        JsonNode res = json(run("bounds", "--net", twin(dir).toString(), "--box=-1:1", "--domain", "crown,ibp",
                "--show", "intermediate,linear", "--json"));
        JsonNode nodes = res.get(0).get("nodes");
        assertEquals(3, nodes.size());
        assertEquals("h", nodes.get(0).get("name").asText());
        assertArrayEquals(new double[] {-1}, doubles(nodes.get(0).get("lower")), TOL);
        assertArrayEquals(new double[] {1}, doubles(nodes.get(0).get("upper")), TOL);
        assertEquals("r", nodes.get(1).get("name").asText());
        assertArrayEquals(new double[] {0}, doubles(nodes.get(1).get("lower")), TOL);
        // y1 >= 0*x + 0 and y1 <= x/2 + 1/2
        JsonNode linear = res.get(0).get("linear");
        assertArrayEquals(new double[] {0.5}, doubles(linear.get("upper_coef").get(0)), TOL);
        assertArrayEquals(new double[] {0.5, 0.5}, doubles(linear.get("upper_const")), TOL);
        assertArrayEquals(new double[] {0}, doubles(linear.get("lower_coef").get(0)), TOL);
        assertTrue(res.get(1).get("linear") == null, "IBP has no linear bounds");

        Run text = run("bounds", "--net", twin(dir).toString(), "--box=-1:1", "--domain", "crown",
                "--show", "intermediate,linear");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("    node h: [-1, 1]"), text.out());
        // the lower line's constant 0 moves outward by its rounding-error bound (about 1e-15)
        assertTrue(text.out().matches("(?s).*    row 1: (-?0|-[0-9.]+e-1[0-9]) <= y <= 0.5\\*x1 \\+ 0.5\\R.*"), text.out());
    }

    @Test
    void badSpecOptionsExitTwoWithAMessage(@TempDir Path dir) throws Exception {
        String net = twin(dir).toString();
        assertMessage(run("bounds", "--net", net, "--center", "0.2", "--eps=-1", "--domain", "crown"),
                "--eps must be a finite number 0 or more");
        assertMessage(run("bounds", "--net", net, "--center", "0.2", "--domain", "crown"), "--center needs --eps");
        assertMessage(run("bounds", "--net", net, "--center", "2", "--eps", "0.1", "--valid", "0:1", "--domain",
                "crown"), "--center: entry 1 = 2.0 lies outside the valid range [0.0, 1.0]");
        assertMessage(run("bounds", "--net", net, "--box=-1:1", "--c-matrix", "1,2,3", "--domain", "crown"),
                "--c-matrix, row 1: 3 entries, the network has 2 outputs");
        assertMessage(run("bounds", "--net", net, "--box=-1:1", "--c-matrix", "1,x", "--domain", "crown"),
                "--c-matrix, row 1: not a finite number: 'x'");
        assertMessage(run("bounds", "--net", net, "--box=-1:1", "--steps", "5", "--domain", "crown"),
                "--steps applies to alpha-crown only");
        assertMessage(run("bounds", "--net", net, "--box=-1:1", "--domain", "alpha-crown:many"),
                "alpha-crown: steps must be a whole number 0 or more, got 'many'");
        Path spec = dir.resolve("p.vnnlib");
        Files.writeString(spec, SPEC);
        assertMessage(run("bounds", "--net", net, "--box=-1:1", "--spec", spec.toString(), "--domain", "crown"),
                "--spec gives the input boxes and rows");
        Path broken = dir.resolve("broken.json.gz");
        Files.write(broken, new byte[] {(byte) 0x1f, (byte) 0x8b, 1, 2, 3});
        assertMessage(run("bounds", "--net", broken.toString(), "--box=-1:1", "--domain", "crown"),
                broken + ": not a valid gzip file");
    }

    private static void assertMessage(Run r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private static Path gzip(Path from, Path to) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(Files.readAllBytes(from));
        }
        return to;
    }
}
