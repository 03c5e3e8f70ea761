package org.relucert.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * {@link BoundsResult} says which rows' bounds are proven: on max(x1, x2) over [0, 1]^2 the MILP's upper
 * bound 1 comes from SCIP (the triangle LP gives 1.5) and is not proven, its lower bound 0 is the triangle
 * LP's; folded margin rows carry their own flags; every other domain proves all its bounds.
 */
class BoundsResultCarriesTheProvenFlagsTest {
    private static final Network MAX2 = Relucert.network(Path.of("src/main/resources/examples/max2.json"));
    private static final Box UNIT = Box.cube(2, 0, 1);

    @Test
    void exactFlagsItsScipUpperBoundAsNotProven() {
        BoundsResult r = Relucert.bounds(BoundsRequest.of(MAX2, UNIT, "exact"));
        assertArrayEquals(new boolean[] {true}, r.lowerProven());
        assertArrayEquals(new boolean[] {false}, r.upperProven());
        assertFalse(r.allProven());
    }

    @Test
    void marginRowsCarryTheirOwnFlags() {
        // row 1: y, as above; row 2: 0.5 - y, whose lower bound is the MILP's maximum and its upper the minimum
        OutputRows rows = new OutputRows(new double[][] {{1}, {-1}}, new double[] {0, -0.5});
        BoundsResult r = Relucert.bounds(BoundsRequest.of(MAX2, UNIT, "exact").withRows(rows));
        assertEquals(2, r.size());
        assertEquals(-0.5, r.lower()[1], 1e-6);
        assertArrayEquals(new boolean[] {true, false}, r.lowerProven());
        assertArrayEquals(new boolean[] {false, true}, r.upperProven());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ibp", "deeppoly", "crown", "alpha-crown:2", "triangle", "multi:1"})
    void everyOtherDomainProvesAllItsBounds(String domain) {
        OutputRows rows = new OutputRows(new double[][] {{1}, {-1}}, new double[] {0, -0.5});
        BoundsRequest outputs = BoundsRequest.of(MAX2, UNIT, domain);
        for (BoundsRequest q : List.of(outputs, outputs.withRows(rows))) {
            BoundsResult r = Relucert.bounds(q);
            assertTrue(r.allProven(), domain);
            assertEquals(r.size(), r.lowerProven().length);
            for (int i = 0; i < r.size(); i++) {
                assertTrue(r.lowerProven()[i] && r.upperProven()[i], domain + " row " + i);
            }
        }
    }

    @Test
    void aResultBuiltWithoutFlagsHasEveryBoundProven() {
        BoundsResult r = new BoundsResult("d", new double[] {0, 1}, new double[] {1, 2}, List.of(), null, List.of(), 0);
        assertArrayEquals(new boolean[] {true, true}, r.lowerProven());
        assertArrayEquals(new boolean[] {true, true}, r.upperProven());
        assertTrue(r.allProven());
    }
}
