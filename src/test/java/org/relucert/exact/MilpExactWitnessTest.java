package org.relucert.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;
import org.relucert.relax.TheoryNetworks;

class MilpExactWitnessTest {

    /** exact widens SCIP's dual bound by MilpExact.PAD·(1+|b|) by design (values here are at most 2). */
    private static final double TOL = 1e-7 + 3 * MilpExact.PAD;

    @Test
    void phantomNetworkHasRangeOneToTwo() {
        MilpExact.Result r = new MilpExact().solve(TheoryNetworks.phantom(), Box.cube(2, -1, 1));
        assertEquals(1, r.analysis().lower()[0], TOL);
        assertEquals(2, r.analysis().upper()[0], TOL);
        assertTrue(r.analysis().notes().isEmpty(), r.analysis().notes().toString());
    }

    @Test
    void maxOnUnitSquareIsZeroToOne() {
        MilpExact.Result r = new MilpExact().solve(TheoryNetworks.maxOfTwo(), Box.cube(2, 0, 1));
        assertEquals(0, r.analysis().lower()[0], TOL);
        assertEquals(1, r.analysis().upper()[0], TOL);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void boundsAreAttainedByTheWitnessAndContainSamples(long seed) {
        Network net = RandomNetworks.fullyConnected(seed, 3, new int[] {6, 6}, 2);
        Box box = RandomNetworks.box(seed + 100, 3, 1.0);
        MilpExact.Result r = new MilpExact().solve(net, box);
        assertTrue(r.analysis().notes().isEmpty(), r.analysis().notes().toString());
        for (int i = 0; i < net.outputSize(); i++) {
            double lo = r.analysis().lower()[i];
            double hi = r.analysis().upper()[i];
            assertTrue(box.contains(r.lowerWitness()[i], 0) && box.contains(r.upperWitness()[i], 0));
            assertEquals(lo, net.evaluate(r.lowerWitness()[i])[i], 1e-6 * (1 + Math.abs(lo)));
            assertEquals(hi, net.evaluate(r.upperWitness()[i])[i], 1e-6 * (1 + Math.abs(hi)));
        }
        Sampler.Range s = Sampler.range(net, box, 2000, seed);
        for (int i = 0; i < net.outputSize(); i++) {
            assertTrue(s.min()[i] >= r.analysis().lower()[i] - 1e-9 && s.max()[i] <= r.analysis().upper()[i] + 1e-9);
        }
    }
}
