package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/**
 * With forward forms as the cheap pass, {@link QueryBounder} skips back-substitution for nodes behind at most
 * one ReLU layer ({@link QueryBounder#refinable}): their refined bounds equal the forward ones, up to
 * rounding (both compared on the cheap pass's lines). Deeper nodes do gain from refinement on some of these networks, so the rule is not vacuous.
 */
class NodesBehindOneReluLayerGainNothingFromRefinementTest {

    @Test
    void refiningANodeBehindOneReluLayerChangesNothingAndDeeperNodesDoGain() {
        int deeperGains = 0;
        int shallowChecked = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Network net = seed % 2 == 0
                    ? RandomNetworks.fullyConnected(seed, 4, new int[] {10, 10, 10}, 3)
                    : RandomNetworks.dag(seed, 4, 4, 10, 0.5, 3);
            Box box = RandomNetworks.box(seed + 100, 4, 1.0);
            boolean[] refinable = QueryBounder.refinable(net, true);
            QueryBounder.Intermediate im = new QueryBounder(net).intermediate(box, ReluSplits.NONE, null, 0, false);
            boolean[] feeds = net.feedsRelu();
            for (int j = 0; j < net.nodes().size(); j++) {
                if (!feeds[j] || net.relu(j) != null) {
                    continue;
                }
                Bounds cheap = im.bounds()[j];
                Bounds refined = Refinement.refineUnstable(net, j, cheap, im.lines(), box, im.bounds(),
                        Refinement.NO_LIMIT);
                for (int i = 0; i < cheap.size(); i++) {
                    double gain = (refined.lower()[i] - cheap.lower()[i]) + (cheap.upper()[i] - refined.upper()[i]);
                    double scale = 1 + Math.abs(cheap.lower()[i]) + Math.abs(cheap.upper()[i]);
                    if (!refinable[j]) {
                        assertEquals(0, gain, 1e-9 * scale, "seed " + seed + " node " + j + " neuron " + i);
                        shallowChecked++;
                    } else if (gain > 1e-6 * scale) {
                        deeperGains++;
                    }
                }
            }
        }
        assertTrue(shallowChecked > 0, "no node behind one ReLU layer was checked");
        assertTrue(deeperGains > 0, "refinement never tightened a deeper node: the test cannot tell the two apart");
    }
}
