package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.construct.InputCopies;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * The hull set {@code reach}: the last hidden layer's hull over the exact reachable set makes the output
 * exact (docs/lp-relaxations.md), on the phantom network with and without input copies and on random
 * networks, against the MILP; every domain with it contains every sampled output.
 */
class ReachHullSetIsExactTest {

    private static final double TOL = 1e-6;

    private static Analysis run(String domain, Network net, Box box) {
        return Domains.parse(domain).analyse(net, box);
    }

    @Test
    void layerReachRemovesThePhantomPoint() {
        Analysis a = run("layer:reach", TheoryNetworks.phantom(), Box.cube(2, -1, 1));
        assertEquals(1, a.lower()[0], TOL);
        assertEquals(2, a.upper()[0], TOL);
    }

    @Test
    void layerReachIsExactOnThePhantomNetworkWithInputCopies() {
        Box x = Box.cube(2, -1, 1);
        Network copies = InputCopies.apply(TheoryNetworks.phantom(), x);
        Analysis a = run("layer:reach", copies, x);
        Analysis exact = run("exact", copies, x);
        assertEquals(exact.lower()[0], a.lower()[0], TOL);
        assertEquals(exact.upper()[0], a.upper()[0], TOL);
        assertEquals(1, a.lower()[0], TOL);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void layerReachEqualsExactOnRandomNetworks(long seed) {
        int[][] shapes = {{4, 4}, {3, 3, 3}, {5}};
        int[] hidden = shapes[(int) (seed % shapes.length)];
        Network net = RandomNetworks.fullyConnected(seed, 2, hidden, 1);
        Box box = RandomNetworks.box(seed, 2, 1);
        Analysis a = run("layer:reach", net, box);
        Analysis exact = run("exact", net, box);
        double scale = 1 + Math.abs(exact.lower()[0]) + Math.abs(exact.upper()[0]);
        assertEquals(exact.lower()[0], a.lower()[0], TOL * scale, "lower, seed " + seed);
        assertEquals(exact.upper()[0], a.upper()[0], TOL * scale, "upper, seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer:reach", "multi:1:reach", "multi:2:reach", "krelu:2:reach"})
    void reachDomainsContainEverySampledPoint(String domain) {
        for (long seed = 10; seed < 14; seed++) {
            Network net = RandomNetworks.fullyConnected(seed, 3, new int[] {4, 3}, 2);
            Box box = RandomNetworks.box(seed, 3, 1);
            Analysis a = run(domain, net, box);
            Sampler.Range r = Sampler.range(net, box, 1000, seed);
            for (int i = 0; i < 2; i++) {
                assertTrue(a.lower()[i] <= r.min()[i] + 1e-7, domain + " lower above a sampled output, seed " + seed);
                assertTrue(a.upper()[i] >= r.max()[i] - 1e-7, domain + " upper below a sampled output, seed " + seed);
            }
        }
    }

    @Test
    void multiReachContainsTheExactRange() {
        Network net = RandomNetworks.fullyConnected(7, 2, new int[] {4, 4}, 1);
        Box box = RandomNetworks.box(7, 2, 1);
        Analysis reach = run("multi:2:reach", net, box);
        Analysis exact = run("exact", net, box);
        assertTrue(reach.lower()[0] <= exact.lower()[0] + 1e-6);
        assertTrue(reach.upper()[0] >= exact.upper()[0] - 1e-6);
    }

    @Test
    void refusesAboveTheRegionLimit() {
        String old = System.getProperty(ReachableHull.MAX_REGIONS_PROPERTY);
        System.setProperty(ReachableHull.MAX_REGIONS_PROPERTY, "1");
        try {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> run("layer:reach", TheoryNetworks.phantom(), Box.cube(2, -1, 1)));
            assertTrue(e.getMessage().contains("more than 1 activation regions"), e.getMessage());
            assertTrue(e.getMessage().contains(ReachableHull.MAX_REGIONS_PROPERTY), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(ReachableHull.MAX_REGIONS_PROPERTY);
            } else {
                System.setProperty(ReachableHull.MAX_REGIONS_PROPERTY, old);
            }
        }
    }

    @Test
    void specNamesRoundTrip() {
        assertEquals("layer:reach", Domains.parse("layer:reach").name());
        assertEquals("multi:2:reach", Domains.parse("multi:2:reach").name());
        assertEquals("layer:reach", Domains.parse(Hulls.withHullSet("layer", "reach")).name());
    }
}
