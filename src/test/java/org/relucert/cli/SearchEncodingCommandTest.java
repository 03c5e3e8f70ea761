package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.construct.Cpwl;
import org.relucert.construct.FunctionParser;
import org.relucert.io.NetJson;
import org.relucert.net.Network;
import org.relucert.search.EncodingSearch;

class SearchEncodingCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void convexFunctionUnderDeepPolyZeroPrintsNoGapFoundAndWritesFilesThatComputeF(@TempDir Path dir) throws Exception {
        String f = "cpwl: -2:2, 0:0, 1:1, 3:7";
        String[] r = run("search-encoding", "--function", f, "--for", "deeppoly0", "--budget", "20", "--boxes", "60",
                "--depth", "1", "--top", "3", "--out", dir.toString(), "--quiet");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains(" 1. ") && r[1].contains("NO GAP FOUND in "), r[1]);
        assertTrue(!r[1].toLowerCase().contains("precise"), "never 'precise': " + r[1]);
        try (var files = Files.list(dir)) {
            var list = files.sorted().toList();
            assertEquals(3, list.size(), list.toString());
            for (Path p : list) {
                Network net = NetJson.read(p);
                assertTrue(EncodingSearch.maxError(net, (Cpwl) FunctionParser.parse(f), 1) <= 1e-9, p.toString());
            }
        }
    }

    @Test
    void multivariateFunctionIsRefusedWithExitCodeTwo() {
        String[] r = run("search-encoding", "--function", "max(x1, x2)", "--for", "ibp", "--quiet");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("univariate CPWL"), r[2]);
    }
}
