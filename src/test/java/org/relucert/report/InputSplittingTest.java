package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

class InputSplittingTest {

    private static final Network MAX2 = NestedMaxSection.nestedMax(2);

    @Test
    void multiNeuronHullNeedsOneSubproblemForMaxOnTheSquare() {
        InputSplitting.Result r = InputSplitting.run(MAX2, Domains.parse("multi:1"), Box.cube(2, 0, 1),
                PartitionSection::maxRange, 1e-6, 50);
        assertEquals(1, r.leafCount());
        assertTrue(r.allExact());
        assertFalse(r.capHit());
        assertEquals(1.0, r.globalUpper(), 1e-6);
    }

    @Test
    void ibpNeverBecomesExactAndTheCornerBoxBoundIsTwoMinusQ() {
        InputSplitting.Result r = InputSplitting.run(MAX2, Domains.parse("ibp"), Box.cube(2, 0, 1),
                PartitionSection::maxRange, 1e-6, 64);
        assertTrue(r.capHit());
        assertEquals(64, r.leafCount());
        assertTrue(r.globalUpper() > 1 + 1e-3, "global upper " + r.globalUpper());
        InputSplitting.Leaf corner = r.leaves().stream()
                .filter(l -> l.box().upper()[0] == 1 && l.box().upper()[1] == 1).findFirst().orElseThrow();
        assertEquals(2 - corner.box().lower()[1], corner.upper(), 1e-12);
    }

    @Test
    void triangleGapShrinksWithSplitsButTheCapIsHit() {
        InputSplitting.Result r = InputSplitting.run(MAX2, Domains.parse("triangle"), Box.cube(2, 0, 1),
                PartitionSection::maxRange, 1e-6, 40);
        List<InputSplitting.Step> h = r.history();
        assertEquals(0.5, h.get(0).upperError(), 1e-6, "root bound 1.5");
        assertTrue(h.get(h.size() - 1).upperError() < 0.1, "error after splitting " + h.get(h.size() - 1));
        assertTrue(r.capHit());
        for (InputSplitting.Leaf leaf : r.leaves()) {
            assertTrue(leaf.upper() >= leaf.exactMax() - 1e-9 && leaf.lower() <= leaf.exactMin() + 1e-9, "sound on " + leaf);
        }
    }

    @Test
    void halvesSplitTheWidestDimensionAtItsMidpoint() {
        List<Box> halves = InputSplitting.halves(new Box(new double[] {0, 0}, new double[] {1, 3}));
        assertEquals(1.5, halves.get(0).upper()[1]);
        assertEquals(1.5, halves.get(1).lower()[1]);
        assertEquals(1.0, halves.get(0).upper()[0]);
    }
}
