package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/** Tightening a wide layer on several solver instances gives the serial LP bounds, soundly. */
class ParallelTighteningMatchesSerialTest {

    @Test
    void threeWorkersGiveTheSerialTriangleBounds() {
        for (long seed = 1; seed <= 3; seed++) {
            Network net = RandomNetworks.fullyConnected(seed, 4, new int[] {32, 32, 32}, 3);
            Box box = RandomNetworks.box(seed + 100, 4, 1.0);
            Analysis serial = LayerByLayer.run("triangle", net, box, LpSettings.DEFAULT, null, 1, Deadline.NONE);
            Analysis parallel = LayerByLayer.run("triangle", net, box, LpSettings.DEFAULT, null, 3, Deadline.NONE);
            assertTrue(serial.notes().isEmpty() && parallel.notes().isEmpty(), parallel.notes().toString());
            for (int j = 0; j < net.nodes().size(); j++) {
                Bounds s = serial.nodes()[j];
                Bounds p = parallel.nodes()[j];
                for (int i = 0; i < s.size(); i++) {
                    double tol = 1e-7 * (1 + Math.abs(s.lower()[i]) + Math.abs(s.upper()[i]));
                    assertEquals(s.lower()[i], p.lower()[i], tol, "lower of node " + j + "[" + i + "], seed " + seed);
                    assertEquals(s.upper()[i], p.upper()[i], tol, "upper of node " + j + "[" + i + "], seed " + seed);
                }
            }
            Sampler.Range r = Sampler.range(net, box, 2000, seed);
            for (int i = 0; i < net.outputSize(); i++) {
                assertTrue(parallel.lower()[i] <= r.min()[i] && parallel.upper()[i] >= r.max()[i], "unsound output " + i);
            }
        }
    }
}
