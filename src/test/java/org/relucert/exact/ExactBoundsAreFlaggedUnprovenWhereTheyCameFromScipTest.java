package org.relucert.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.relax.LpSettings;
import org.relucert.relax.TheoryNetworks;
import org.relucert.relax.Triangle;

/**
 * Issue #15: a MILP dual bound is not a proof in floating point, so {@code exact} flags each output side:
 * proven where it reports the rigorous triangle bound, not proven where SCIP's widened bound is tighter.
 */
class ExactBoundsAreFlaggedUnprovenWhereTheyCameFromScipTest {

    private static Analysis triangle(Network net, Box box) {
        return new Triangle(LpSettings.DEFAULT).analyse(net, box);
    }

    @Test
    void maxOfTwoHasAProvenTriangleLowerBoundAndAnUnprovenScipUpperBound() {
        // max(x1, x2) = x2 + relu(x1 - x2) on [0, 1]^2: the triangle LP's minimum 0 is exact, its maximum is 1.5
        Network net = TheoryNetworks.maxOfTwo();
        Box box = Box.cube(2, 0, 1);
        Analysis tri = triangle(net, box);
        Analysis a = new MilpExact().analyse(net, box);
        assertTrue(tri.upper()[0] > 1.4, "triangle upper " + tri.upper()[0]);
        assertEquals(1, a.upper()[0], 3 * MilpExact.PAD);
        assertFalse(a.upperProven(0), "the upper bound 1 came from SCIP");
        assertTrue(a.lowerProven(0), "the lower bound is the triangle bound " + tri.lower()[0] + ": " + a.lower()[0]);
        assertEquals(tri.lower()[0], a.lower()[0], 0);
        assertFalse(a.allProven());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void sidesTighterThanTheTriangleAreUnprovenAndTheOthersAreTheTriangleBounds(long seed) {
        Network net = RandomNetworks.fullyConnected(seed, 3, new int[] {6, 6}, 2);
        Box box = RandomNetworks.box(seed + 100, 3, 1.0);
        Analysis tri = triangle(net, box);
        Analysis a = new MilpExact().analyse(net, box);
        int unproven = 0;
        for (int i = 0; i < net.outputSize(); i++) {
            if (a.lowerProven(i)) {
                assertEquals(tri.lower()[i], a.lower()[i], 0, "proven lower " + i + " is the triangle bound");
            } else {
                unproven++;
                assertTrue(a.lower()[i] > tri.lower()[i], "unproven lower " + i + " is tighter than the triangle's");
            }
            if (a.upperProven(i)) {
                assertEquals(tri.upper()[i], a.upper()[i], 0, "proven upper " + i + " is the triangle bound");
            } else {
                unproven++;
                assertTrue(a.upper()[i] < tri.upper()[i], "unproven upper " + i + " is tighter than the triangle's");
            }
        }
        assertTrue(unproven > 0, "exact improves on the triangle LP somewhere on seed " + seed);
        assertEquals(unproven == 0, a.allProven());
    }

    @Test
    void onABoxThinnerThanScipsToleranceEverySideIsTheProvenTriangleBound() {
        Network net = RandomNetworks.fullyConnected(5, 3, new int[] {6, 6}, 2);
        Box wide = RandomNetworks.box(105, 3, 1.0);
        double[] lo = wide.lower().clone();
        double[] hi = wide.upper().clone();
        hi[1] = lo[1] + 0.1 * MilpExact.THIN;
        Box box = new Box(lo, hi);
        Analysis a = new MilpExact().analyse(net, box);
        Analysis tri = triangle(net, box);
        assertTrue(a.allProven(), "thin box: no MILP bound is used");
        for (int i = 0; i < net.outputSize(); i++) {
            assertTrue(a.lowerProven(i) && a.upperProven(i));
            assertEquals(tri.lower()[i], a.lower()[i], 0);
            assertEquals(tri.upper()[i], a.upper()[i], 0);
        }
    }

    @Test
    void aDeadlineThatHasPassedLeavesOnlyProvenTriangleBounds() {
        Network net = RandomNetworks.fullyConnected(1, 3, new int[] {6, 6}, 2);
        Box box = RandomNetworks.box(101, 3, 1.0);
        Analysis a = new MilpExact().analyse(net, box, Deadline.after(0));
        assertTrue(a.timeLimited(), a.notes().toString());
        assertTrue(a.allProven(), "no MILP was solved, so every side is the triangle bound");
    }
}
