package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/** Solves cut short by an iteration cap must fall back to sound IBP/DeepPoly bounds and say so. */
class SolverFailureKeepsSoundBoundsTest {

    @Test
    void iterationCapFallsBackToDeepPolyAndIsFlagged() {
        Network net = RandomNetworks.fullyConnected(21, 5, new int[] {40, 40, 40}, 5);
        Box box = RandomNetworks.box(22, 5, 1.0);
        Analysis capped = new Triangle(new LpSettings(true, 0, 1)).analyse(net, box);
        assertFalse(capped.notes().isEmpty(), "the capped solves must be reported");
        assertTrue(capped.notes().get(0).contains("kept the IBP/DeepPoly bound"), capped.notes().get(0));
        Analysis full = Triangle.lpBounds().analyse(net, box);
        assertTrue(full.notes().isEmpty(), full.notes().toString());
        Bounds known = NetworkLp.knownBounds(net, box)[net.output()];
        Sampler.Range s = Sampler.range(net, box, 2000, 23);
        for (int i = 0; i < net.outputSize(); i++) {
            assertTrue(capped.lower()[i] <= s.min()[i] && capped.upper()[i] >= s.max()[i], "unsound output " + i);
            assertTrue(capped.lower()[i] <= full.lower()[i] + 1e-9 && capped.upper()[i] >= full.upper()[i] - 1e-9,
                    "a failed solve must never tighten output " + i);
            assertTrue(capped.lower()[i] >= known.lower()[i] - 1e-6 && capped.upper()[i] <= known.upper()[i] + 1e-6,
                    "the fall-back is the IBP/DeepPoly bound, output " + i);
        }
    }
}
