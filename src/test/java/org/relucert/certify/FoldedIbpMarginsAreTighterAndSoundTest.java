package org.relucert.certify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Ibp;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * IBP margins with the margin rows folded into the last affine node are never looser than the rows
 * concretised over the output intervals, are strictly tighter on some seeded networks, and contain every
 * sampled margin (seeded random fully connected networks and DAGs with skip connections).
 */
class FoldedIbpMarginsAreTighterAndSoundTest {

    @Test
    void foldedMarginsAreNeverLooserAndContainSampledMargins() {
        int tighter = 0;
        int rows = 0;
        for (long seed = 1; seed <= 40; seed++) {
            int inputs = 3 + (int) (seed % 4);
            int outputs = 3 + (int) (seed % 3);
            Network net = seed % 2 == 0
                    ? RandomNetworks.fullyConnected(seed, inputs, new int[] {8, 6}, outputs)
                    : RandomNetworks.dag(seed, inputs, 3, 7, 0.4, outputs);
            Box box = RandomNetworks.box(seed + 100, inputs, 0.3);
            int label = (int) (seed % outputs);
            double[][] c = new double[outputs - 1][outputs];
            double[] d = new double[outputs - 1];
            for (int j = 0, r = 0; j < outputs; j++) {
                if (j != label) {
                    c[r][label] = 1;
                    c[r][j] = -1;
                    d[r] = 0.01 * r;
                    r++;
                }
            }
            Bounds[] nodes = Ibp.propagate(net, box);
            double[] plain = MarginBounder.intervalRows(nodes[net.output()], c, d);
            double[] folded = IbpMargins.folded(net, box, nodes, c, d);
            assertNotNull(folded, "seed " + seed + ": the output node of these networks is affine");
            double[] used = IbpMargins.rowLower(net, box, c, d);
            List<double[]> points = Sampler.points(box, 2000, seed, 8);
            for (int r = 0; r < c.length; r++) {
                rows++;
                double slack = 1e-12 * (1 + Math.abs(plain[r]));
                assertTrue(folded[r] >= plain[r] - slack,
                        "seed " + seed + " row " + r + ": folded " + folded[r] + " looser than plain " + plain[r]);
                assertTrue(used[r] >= plain[r] && used[r] >= folded[r], "seed " + seed + " row " + r);
                if (folded[r] > plain[r] + 1e-9) {
                    tighter++;
                }
            }
            for (double[] x : points) {
                double[] y = net.evaluate(x);
                for (int r = 0; r < c.length; r++) {
                    double m = -d[r];
                    for (int k = 0; k < outputs; k++) {
                        m += c[r][k] * y[k];
                    }
                    assertTrue(m >= used[r], "seed " + seed + " row " + r + ": sampled margin " + m
                            + " below the folded bound " + used[r]);
                }
            }
        }
        assertTrue(tighter > rows / 4, "folding tightened only " + tighter + " of " + rows + " rows");
    }
}
