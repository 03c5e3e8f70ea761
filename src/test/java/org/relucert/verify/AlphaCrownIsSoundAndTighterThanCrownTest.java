package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.LinearBounds;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * The {@code alpha-crown} domain on seeded random networks (fully connected and DAGs with skip
 * connections): every sampled point's output and node values lie within its bounds and its linear bounds,
 * it is never looser than {@code crown}, and the optimisation does tighten: on most networks the total
 * width shrinks below crown's by more than rounding.
 */
class AlphaCrownIsSoundAndTighterThanCrownTest {
    private static final double TOL = 1e-9;
    private static final int SEEDS = 40;

    private static Network network(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31);
        int inputs = 1 + rnd.nextInt(5);
        int outputs = 1 + rnd.nextInt(3);
        if (seed % 2 == 0) {
            return RandomNetworks.fullyConnected(seed, inputs, new int[] {4 + rnd.nextInt(12), 4 + rnd.nextInt(12)},
                    outputs);
        }
        return RandomNetworks.dag(seed, inputs, 2 + rnd.nextInt(3), 4 + rnd.nextInt(16), 0.5, outputs);
    }

    @Test
    void alphaCrownIsSoundNeverLooserThanCrownAndUsuallyTighter() {
        int tighter = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Network net = network(seed);
            Box box = RandomNetworks.box(seed + 500, net.inputSize(), 1 + seed % 3);
            Analysis alpha = Domains.parse("alpha-crown:30").analyse(net, box);
            Analysis crown = Domains.parse("crown").analyse(net, box);
            double widthAlpha = 0;
            double widthCrown = 0;
            for (int i = 0; i < net.outputSize(); i++) {
                assertTrue(alpha.lower()[i] >= crown.lower()[i] - TOL && alpha.upper()[i] <= crown.upper()[i] + TOL,
                        "seed " + seed + " output " + i + ": alpha-crown looser than crown");
                widthAlpha += alpha.upper()[i] - alpha.lower()[i];
                widthCrown += crown.upper()[i] - crown.lower()[i];
            }
            if (widthAlpha < widthCrown - 1e-6 * (1 + widthCrown)) {
                tighter++;
            }
            LinearBounds lines = alpha.outputLines();
            List<double[]> points = Sampler.points(box, 1000, seed, 8);
            for (double[] x : points) {
                double[][] values = net.evaluateAll(x);
                double[] y = values[net.output()];
                for (int i = 0; i < y.length; i++) {
                    double slack = TOL * Math.max(1, Math.abs(y[i]));
                    assertTrue(y[i] >= alpha.lower()[i] - slack && y[i] <= alpha.upper()[i] + slack,
                            "seed " + seed + ": output " + i + " = " + y[i] + " outside alpha-crown's bounds");
                    assertTrue(lines.lowerAt(i, x) <= y[i] + slack && y[i] <= lines.upperAt(i, x) + slack,
                            "seed " + seed + ": output " + i + " outside alpha-crown's linear bounds");
                }
                for (int j = 0; j < values.length; j++) {
                    Bounds b = alpha.nodes()[j];
                    for (int k = 0; k < values[j].length; k++) {
                        assertTrue(b.contains(k, values[j][k], TOL),
                                "seed " + seed + ": node " + net.nameOf(j) + " entry " + k + " outside its bounds");
                    }
                }
            }
        }
        assertTrue(tighter >= SEEDS / 2, "alpha-crown tighter than crown on only " + tighter + " of " + SEEDS);
    }
}
