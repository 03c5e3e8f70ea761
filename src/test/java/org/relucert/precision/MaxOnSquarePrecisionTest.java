package org.relucert.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.relucert.domains.Domains;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/** THEORY.md §6: max(x1, x2) = x2 + R(x1 - x2) over [0,1]^2; the whole square gives gap 0.5. */
class MaxOnSquarePrecisionTest {
    private static final Network MAX2 = NetJson.readResource("/examples/max2.json");
    private static final Box SQUARE = Box.cube(2, 0, 1);
    private static final PrecisionSearch.Options OPTIONS = PrecisionSearch.Options.defaults().withBudget(600).withSeed(3);

    private static PrecisionSearch.Result search(String domain) {
        return new PrecisionSearch(MAX2, Domains.parse(domain), SQUARE, OPTIONS).run();
    }

    @Test
    void deepPoly0SearchFindsABoxWithGapAtLeastFortyNineHundredths() {
        PrecisionSearch.Result r = search("deeppoly0");
        assertEquals(PrecisionSearch.Verdict.IMPRECISE, r.verdict());
        assertTrue(r.witness().gap() >= 0.49, "largest gap " + r.witness().gap() + " on " + r.witness().box());
        assertTrue(r.verified());
        assertEquals(0, r.unsound());
    }

    @Test
    void triangleSearchFindsABoxWithGapAtLeastFortyNineHundredthsWhenRegistered() {
        assumeTrue(F3EncodingsPrecisionTest.registered("triangle"), "the triangle domain is not registered");
        PrecisionSearch.Result r = search("triangle");
        assertTrue(r.witness().gap() >= 0.49, "largest gap " + r.witness().gap() + " on " + r.witness().box());
    }

    @Test
    void multiNeuronHullReportsNoGapWhenRegistered() {
        assumeTrue(F3EncodingsPrecisionTest.registered("multi"), "the multi domain is not registered");
        PrecisionSearch.Result r = search("multi:1");
        assertEquals(PrecisionSearch.Verdict.NO_GAP_FOUND, r.verdict(), () -> "gap " + r.witness().gap()
                + " on " + r.witness().box());
    }

    @Test
    void randomTwoInputNetworkSearchNeverReportsAnUnsoundBox() {
        Network net = RandomNetworks.fullyConnected(5, 2, new int[] {4, 3}, 1);
        PrecisionSearch.Result r = new PrecisionSearch(net, Domains.parse("deeppoly"), Box.cube(2, -1, 1),
                OPTIONS.withBudget(300)).run();
        assertEquals(0, r.unsound());
        assertEquals(0, r.failed());
        assertTrue(r.boxesChecked() >= 250);
    }

    @Test
    void sameSeedGivesTheSameWitnessOnOneOrTwoThreads() {
        Network net = RandomNetworks.fullyConnected(8, 2, new int[] {3, 3}, 1);
        PrecisionSearch.Options o = OPTIONS.withBudget(200).withSeed(11);
        PrecisionSearch.Result a = new PrecisionSearch(net, Domains.parse("deeppoly0"), Box.cube(2, -1, 1),
                o.withThreads(1)).run();
        PrecisionSearch.Result b = new PrecisionSearch(net, Domains.parse("deeppoly0"), Box.cube(2, -1, 1),
                o.withThreads(2)).run();
        assertEquals(a.witness().box(), b.witness().box());
        assertEquals(a.witness().gap(), b.witness().gap(), 0);
        assertEquals(a.boxesChecked(), b.boxesChecked());
        assertEquals(a.exactBoxes(), b.exactBoxes());
        assertEquals(a.boxesByStrategy(), b.boxesByStrategy());
    }
}
