package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DenseLowering#affine} gives every non-ReLU node of a conv network as the same Affine node the whole
 * network's lowering has (an Affine node as itself) and refuses a ReLU; {@link DenseLowering#loweredEntries}
 * is the weight size of exactly the nodes it lowers.
 */
class DenseLoweringOfOneNodeTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void eachNonReluNodeLowersAsInTheWholeNetworkAndCountsItsEntries(long seed) {
        Network net = RandomNetworks.smallConvolutional(seed);
        Network dense = DenseLowering.lower(net);
        int lowered = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            Node node = net.node(j);
            if (net.relu(j) != null) {
                assertThrows(IllegalArgumentException.class, () -> DenseLowering.affine(node));
                assertEquals(0, DenseLowering.loweredEntries(net, j), node + " is kept");
                continue;
            }
            Affine a = DenseLowering.affine(node);
            assertEquals(dense.node(j), a, node + " lowers as in the whole network");
            if (node instanceof Affine) {
                assertSame(node, a, "an affine node is its own lowering");
                assertEquals(0, DenseLowering.loweredEntries(net, j), node + " is kept");
            } else {
                lowered++;
                assertEquals((long) a.size() * a.inputWidth(), DenseLowering.loweredEntries(net, j), node.toString());
            }
        }
        assertTrue(lowered > 0, "seed " + seed + " has a Conv or Add node");
    }
}
