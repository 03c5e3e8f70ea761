package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.io.NetJson;
import org.relucert.net.Network;

/** {@code relucert encode} and {@code relucert transform} through {@link Main#run}. */
class EncodeAndTransformCommandsTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpwl: -1:1, 0:0, 1:1 | ibp | T0a",
            "cpwl: 0:0, 1:1, 2:0, 3:1 | ibp | IBP ✗ on CPWL",
            "max(x1, x2) | triangle | T6",
            "max(x1, x2) | deeppoly0 | T6",
            "max(x1, x2) | deeppoly1 | T6",
            "max(x1, x2, 0.5*x1+x2-1) | ibp | T6",
            "cpwl: 0:0, 1:1, 2:0, 3:1 | deeppoly0 | open",
            "cpwl: 0:0, 1:1, 2:0, 3:1 | deeppoly1 | open",
            "cpwl: 0:0, 1:1, 2:0, 3:1 | triangle | open",
            "cpwl: 0:0, 1:1 | deeppoly | area heuristic"})
    void impossibleOrOpenRequestsAreRefusedWithTheReason(String function, String target, String reason,
                                                          @TempDir Path dir) {
        Path out = dir.resolve("net.json");
        Result r = run("encode", "--function", function, "--for", target, "-o", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(reason), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out), "no network is written");
    }

    @Test
    void openCellCanBeForcedWithAWarning(@TempDir Path dir) {
        Path out = dir.resolve("net.json");
        Result r = run("encode", "--function", "cpwl: 0:0, 1:1, 2:0, 3:1", "--for", "deeppoly0", "--allow-open",
                "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("WARNING"), r.out());
        Network net = NetJson.read(out);
        assertEquals(0.5, net.evaluate(new double[] {2.5})[0], 1e-12);
    }

    @Test
    void encodeWritesTheNetworkOfTheFunction(@TempDir Path dir) {
        Path out = dir.resolve("f3.json");
        Result r = run("encode", "--function", "cpwl: -2:2, 0:0, 1:1, 3:7", "--for", "deeppoly0", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("§5.2"), r.out());
        Network net = NetJson.read(out);
        assertEquals(3, net.reluCount());
        assertEquals(4.0, net.evaluate(new double[] {2})[0], 1e-12);
    }

    @Test
    void enumerateWritesOneFilePerOrientation(@TempDir Path dir) throws Exception {
        Result r = run("encode", "--function", "cpwl: -2:2, 0:0, 1:1, 3:7", "--for", "triangle", "--enumerate",
                "-o", dir.resolve("all").toString());
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> files = Files.list(dir.resolve("all"))) {
            assertEquals(4, files.count());
        }
        Network mm = NetJson.read(dir.resolve("all").resolve("orientation_mm.json"));
        assertEquals(7.0, mm.evaluate(new double[] {3})[0], 1e-12);
    }

    @Test
    void wrongOrientationLengthIsAUserError(@TempDir Path dir) {
        Result r = run("encode", "--function", "cpwl: -2:2, 0:0, 1:1, 3:7", "--for", "triangle", "--orientation", "+-+",
                "-o", dir.resolve("x.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("one sign (+ or -) per kink"), r.err());
    }

    @Test
    void badFunctionTextIsAOneLineError(@TempDir Path dir) {
        Result r = run("encode", "--function", "max(x1, x2", "--for", "multi", "-o", dir.resolve("x.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("position 11"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void transformFlipAndIdentityLayerWriteEquivalentNetworks(@TempDir Path dir) {
        Path f3 = dir.resolve("f3.json");
        assertEquals(0, run("encode", "--function", "cpwl: -2:2, 0:0, 1:1, 3:7", "--for", "deeppoly0",
                "-o", f3.toString()).code());
        for (String kind : new String[] {"flip", "identity-layer", "copy-inputs"}) {
            Path out = dir.resolve(kind + ".json");
            Result r = run("transform", "--net", f3.toString(), "--kind", kind, "--box=-2:3", "-o", out.toString());
            assertEquals(0, r.code(), r.err());
            Network g = NetJson.read(out);
            for (double x = -2; x <= 3; x += 0.25) {
                assertEquals(NetJson.read(f3).evaluate(new double[] {x})[0], g.evaluate(new double[] {x})[0], 1e-12);
            }
        }
        Result bad = run("transform", "--net", f3.toString(), "--kind", "rotate", "-o", dir.resolve("r.json").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("expected flip, copy-inputs or identity-layer"), bad.err());
        Result noBox = run("transform", "--net", f3.toString(), "--kind", "copy-inputs", "-o", dir.resolve("c.json").toString());
        assertEquals(2, noBox.code());
    }
}
