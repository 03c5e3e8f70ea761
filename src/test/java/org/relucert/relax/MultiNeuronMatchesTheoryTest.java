package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

class MultiNeuronMatchesTheoryTest {

    private static final double TOL = 1e-7;

    private static Analysis run(String domain, Network net, Box box) {
        return Domains.parse(domain).analyse(net, box);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi:1", "multi:2", "layer", "multi:1:exact", "layer:exact"})
    void maxOnUnitSquareIsExact(String domain) {
        Analysis a = run(domain, TheoryNetworks.maxOfTwo(), Box.cube(2, 0, 1));
        assertEquals(0, a.lower()[0], TOL);
        assertEquals(1, a.upper()[0], TOL);
    }

    @Test
    void kReluOnOneNeuronEqualsTriangleOnMax() {
        Analysis a = run("krelu:1", TheoryNetworks.maxOfTwo(), Box.cube(2, 0, 1));
        assertEquals(1.5, a.upper()[0], TOL);
        assertEquals(0, a.lower()[0], TOL);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void multiOneIsExactOnNestedMax(int d) {
        Analysis a = run("multi:1", TheoryNetworks.nestedMax(d), Box.cube(d, 0, 1));
        assertEquals(1, a.upper()[0], TOL);
        assertEquals(0, a.lower()[0], TOL);
    }

    /** THEORY §7.8: over the box (relaxed-set reading) the layer hull keeps the phantom point. */
    @Test
    void layerHullOverBoxKeepsThePhantomPoint() {
        Analysis a = run("layer", TheoryNetworks.phantom(), Box.cube(2, -1, 1));
        assertEquals(0, a.lower()[0], TOL);
        assertEquals(2, a.upper()[0], TOL);
    }

    @Test
    void layerHullOverThePolytopeAlsoKeepsThePhantomPoint() {
        // The hull over the LP polytope of layer 1 contains (x = 0, u = (1, 1)), as THEORY §7.8 argues.
        Analysis a = run("layer:exact", TheoryNetworks.phantom(), Box.cube(2, -1, 1));
        assertEquals(0, a.lower()[0], TOL);
        assertEquals(2, a.upper()[0], TOL);
    }

    @Test
    void tooManyPatternsIsRefusedWithAClearMessage() {
        Network net = RandomNetworks.fullyConnected(3, 4, new int[] {12}, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run("layer:patterns=4", net, Box.cube(4, -1, 1)));
        assertTrue(e.getMessage().contains("more than 4 activation patterns"), e.getMessage());
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(InvalidInputException.class, () -> Domains.parse("multi"));
        assertThrows(InvalidInputException.class, () -> Domains.parse("multi:0"));
        assertThrows(InvalidInputException.class, () -> Domains.parse("multi:2:sideways"));
        assertEquals("multi:2:exact", Domains.parse(Hulls.withHullSet("multi:2", "exact")).name());
        assertEquals("layer:exact", Domains.parse(Hulls.withHullSet("layer", "exact")).name());
        assertEquals("triangle", Domains.parse(Hulls.withHullSet("triangle", "exact")).name());
        assertThrows(InvalidInputException.class, () -> Hulls.withHullSet("layer", "round"));
    }
}
