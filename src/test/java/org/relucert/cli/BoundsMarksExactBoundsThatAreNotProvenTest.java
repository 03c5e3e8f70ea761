package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code bounds} shows which bounds of the MILP domain {@code exact} are not proven in floating point: on
 * max(x1, x2) over [0, 1]^2 the upper bound comes from SCIP's widened dual bound, the lower is the triangle
 * LP's. JSON gets "proven" flags per row (only when some bound is not proven); the table marks such a bound
 * with a "*" and ends with one footnote.
 */
class BoundsMarksExactBoundsThatAreNotProvenTest {
    private static final String MAX2 = "src/main/resources/examples/max2.json";

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    private static String flags(JsonNode a) {
        return a == null ? null : a.toString();
    }

    @Test
    void jsonFlagsEachRowOfExactAndAddsNothingForOtherDomains() throws Exception {
        // rows y and 0.5 - y: the second row's lower bound is the MILP's maximum, its upper the minimum
        JsonNode res = new ObjectMapper().readTree(run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain",
                "exact,ibp", "--c-matrix", "1;-1|-0.5", "--json")).get("results");
        assertEquals(2, res.size());
        JsonNode exact = res.get(0);
        assertEquals("[true,false]", flags(exact.get("proven").get("lower")), exact.toString());
        assertEquals("[false,true]", flags(exact.get("proven").get("upper")), exact.toString());
        assertFalse(res.get(1).has("proven"), "ibp's bounds are all proven: " + res.get(1));
    }

    @Test
    void theTableStarsTheUnprovenBoundAndEndsWithOneFootnote() {
        String out = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "exact,ibp");
        String[] lines = out.split("\n");
        assertTrue(lines[0].startsWith("exact") && lines[0].matches(".*\\[-?0, 1(\\.\\d+)?\\*\\].*"), out);
        assertFalse(lines[1].contains("*"), "ibp's bounds are proven: " + out);
        assertEquals(Format.UNPROVEN_FOOTNOTE, lines[lines.length - 1], out);
        assertEquals(out.indexOf(Format.UNPROVEN_FOOTNOTE), out.lastIndexOf(Format.UNPROVEN_FOOTNOTE), out);
        String proven = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "ibp,triangle");
        assertFalse(proven.contains("*"), "no star and no footnote when every bound is proven: " + proven);
    }

    @Test
    void aStarFollowsEachUnprovenBoundOnly() {
        assertEquals("[0, 2*] [1*, 3]", Format.intervals(new double[] {0, 1}, new double[] {2, 3},
                new boolean[] {true, false}, new boolean[] {false, true}));
        assertEquals("[0, 2] [1, 3]", Format.intervals(new double[] {0, 1}, new double[] {2, 3}, null, null));
    }
}
