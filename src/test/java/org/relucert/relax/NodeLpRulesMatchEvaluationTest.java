package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RandomNetworks;

/**
 * Each node kind's LP rule ({@link Node#encode}) read back as rows ({@link LinearRows}) computes the node's
 * own evaluation; a convolution's rows are sparse (its receptive field only), and a ReLU has no linear rows.
 */
class NodeLpRulesMatchEvaluationTest {

    @Test
    void linearRowsOfEveryNodeKindEvaluateLikeTheNode() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (long seed = 1; seed <= 12; seed++) {
            Network net = seed % 3 == 0 ? RandomNetworks.dag(seed, 3, 3, 6, 0.5, 2)
                    : ConvNetworks.of(seed, 1 + (int) (seed % 2), seed % 2 == 0 ? 1 : 3, seed % 2 == 0 ? 5 : 3);
            double[] x = new double[net.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = 2 * rnd.nextDouble() - 1;
            }
            double[][] values = net.evaluateAll(x);
            for (int j = 0; j < net.nodes().size(); j++) {
                Node node = net.node(j);
                LinearRows.Row[] rows = LinearRows.of(net, j);
                if (net.relu(j) != null) {
                    assertNull(rows, "a ReLU has no linear rows");
                    continue;
                }
                assertNotNull(rows);
                double[] concat = concat(net, values, x, node.from());
                for (int r = 0; r < node.size(); r++) {
                    double y = rows[r].constant();
                    for (int k = 0; k < rows[r].cols().length; k++) {
                        y += rows[r].coefs()[k] * concat[rows[r].cols()[k]];
                    }
                    assertEquals(values[j][r], y, 1e-12 * (1 + Math.abs(y)), node + " entry " + r);
                    if (node instanceof Conv c) {
                        int field = c.inputShape()[0] / c.geometry().groups() * c.geometry().kernelH() * c.geometry().kernelW();
                        assertTrue(rows[r].cols().length <= field, "a conv row is sparse");
                    }
                }
            }
        }
    }

    private static double[] concat(Network net, double[][] values, double[] x, int[] from) {
        int width = 0;
        for (int f : from) {
            width += net.sizeOf(f);
        }
        double[] out = new double[width];
        int at = 0;
        for (int f : from) {
            double[] v = f == Network.INPUT ? x : values[f];
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }
}
