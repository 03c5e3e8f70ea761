package org.relucert.exact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.bounds.Analysis;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

class MilpTimeLimitIsFlaggedTest {

    @Test
    void tinyTimeLimitKeepsSoundBoundsAndSaysSo() {
        Network net = RandomNetworks.fullyConnected(31, 5, new int[] {30, 30, 30}, 3);
        Box box = RandomNetworks.box(32, 5, 2.0);
        Analysis a = new MilpExact(0.001).analyse(net, box);
        assertFalse(a.notes().isEmpty(), "a 1 ms MILP cannot be proven optimal silently");
        Sampler.Range s = Sampler.range(net, box, 2000, 33);
        for (int i = 0; i < net.outputSize(); i++) {
            assertTrue(a.lower()[i] <= s.min()[i] + 1e-9 && a.upper()[i] >= s.max()[i] - 1e-9, "unsound output " + i);
        }
    }
}
