package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Sampler;

/** THEORY.md §9 item 9: the phantom-point network of §7.8. */
class PhantomNetworkTest {

    private static double[] bounds(Relaxation r, Network net, Box box) {
        Analysis a = r.analyse(net, box);
        return new double[] {a.lower()[0], a.upper()[0]};
    }

    @Test
    void singleNeuronBoundsMatchSection78() {
        Network net = PhantomNetwork.of(1);
        Box box = Box.cube(2, -1, 1);
        Sampler.Range range = Sampler.range(net, box, 20000, 1);
        assertEquals(1.0, net.evaluate(new double[] {0.5, -0.5})[0], 1e-12);
        assertEquals(2.0, net.evaluate(new double[] {0.2, 0.2})[0], 1e-12);
        assertEquals(true, range.min()[0] >= 1 - 1e-12 && range.max()[0] <= 2 + 1e-12, "sampled range inside [1, 2]");
        assertArrayEquals(new double[] {0, 4}, bounds(new Ibp(), net, box), 1e-9);
        assertArrayEquals(new double[] {0, 2}, bounds(new DeepPoly(DeepPoly.SlopeRule.ZERO), net, box), 1e-9);
        assertArrayEquals(new double[] {0, 4}, bounds(new DeepPoly(DeepPoly.SlopeRule.ONE), net, box), 1e-9);
    }

    @Test
    void scaleMultipliesTheOutput() {
        Network net = PhantomNetwork.of(5);
        assertEquals(5.0, net.evaluate(new double[] {0.5, -0.5})[0], 1e-12);
        assertEquals(10.0, net.evaluate(new double[] {0.3, 0.3})[0], 1e-12);
    }
}
