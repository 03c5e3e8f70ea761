package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.net.Network;
import org.relucert.net.Sampler;

/** Every Table 1 cell yields a construction exactly where it is marked ✓, and a reasoned refusal elsewhere. */
class Table1EvidenceTest {

    @Test
    void constructionsExistExactlyForTheCheckedCells() {
        assertEquals(24, Table1.cells().size());
        for (Table1.Cell cell : Table1.cells()) {
            Table1.Evidence e = Table1.evidence(cell);
            String where = cell.space() + " " + cell.domain() + " " + cell.column();
            assertTrue(e.example().shape().tableClass().equals(cell.column()) || cell.space().equals("R^d"), where);
            if (cell.mark().equals("✓")) {
                assertNotNull(e.construction(), where + ": " + e.refusal());
                assertNull(e.refusal());
            } else {
                assertNull(e.construction(), where);
                assertTrue(e.refusal().contains(cell.mark().equals("?") ? "open" : "✗"), where + ": " + e.refusal());
            }
            assertFalse(e.standardEncodings().isEmpty(), where);
            for (Encoding enc : e.standardEncodings()) {
                assertEncodes(enc.network(), e.example(), where + " / " + enc.construction());
            }
        }
    }

    private static void assertEncodes(Network net, TargetFunction f, String what) {
        org.relucert.net.Box box = f instanceof Cpwl c
                ? new org.relucert.net.Box(new double[] {c.start()}, new double[] {c.end()})
                : org.relucert.net.Box.cube(f.dim(), -2, 2);
        for (double[] x : Sampler.points(box, 300, 5, 4)) {
            double y = f.evaluate(x);
            assertEquals(y, net.evaluate(x)[0], Checks.tol(y), what);
        }
    }

    @Test
    void maxVariantsAreDifferentNetworksForTheSameFunction() {
        MaxMinFunction max = (MaxMinFunction) FunctionParser.parse("max(x1, x2)");
        assertEquals(4, MaxMinNetworks.variants(max).size());
        for (Encoding e : MaxMinNetworks.variants(max)) {
            assertEncodes(e.network(), max, e.construction());
        }
        MaxMinFunction min = (MaxMinFunction) FunctionParser.parse("min(x1 + 1, 2*x2, max(x1, -x2))");
        for (Encoding e : MaxMinNetworks.variants(min)) {
            assertEncodes(e.network(), min, e.construction());
        }
        MaxMinFunction min2 = (MaxMinFunction) FunctionParser.parse("min(x1 - 1, 0.5*x2 + 2)");
        for (Encoding e : MaxMinNetworks.variants(min2)) {
            assertEncodes(e.network(), min2, e.construction());
        }
    }
}
