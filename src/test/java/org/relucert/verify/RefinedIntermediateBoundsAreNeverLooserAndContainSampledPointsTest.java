package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomConvNetworks;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * {@link Refinement} through {@link QueryBounder#intermediate}: on seeded random convolutional networks
 * ({@link RandomConvNetworks#small} with image-sized inputs, and the oval21 cifar_base_kw architecture), the
 * intermediate bounds of every node refined without a limit and under a short limit lie inside the unrefined
 * ones and contain every node's value at sampled inputs; an expired limit refines nothing; and without a limit
 * refinement tightens some neuron (else the first claim would hold trivially). "Inside" allows
 * {@value #ROUNDING} relative: a later node's interval rule rounds outward by an error bound that depends on
 * the (refined) bounds it reads, so a bound may move by a few ulps either way (seen: 7.5e-16 on a bound of
 * -0.05, under a lower bound 1.2e-3 tighter); anything larger is a real loosening.
 */
class RefinedIntermediateBoundsAreNeverLooserAndContainSampledPointsTest {
    private static final double TOL = 1e-9;
    private static final double ROUNDING = 1e-12;

    @Test
    void refinedBoundsLieInsideTheUnrefinedOnesAndContainSampledValues() {
        List<Network> nets = new ArrayList<>();
        for (long seed = 1; nets.size() < 12; seed++) {
            Network net = RandomConvNetworks.small(seed);
            if (net.inputSize() > QueryBounder.FORWARD_MAX_DIM) {
                nets.add(net);
            }
        }
        nets.add(RandomConvNetworks.cifarBase(3));
        long tightened = 0;
        long seed = 50;
        for (Network net : nets) {
            seed++;
            Box box = RandomNetworks.box(seed, net.inputSize(), net.inputSize() > 1000 ? 0.02 : 0.3);
            QueryBounder bounder = new QueryBounder(net);
            Bounds[] plain = bounder.intermediate(box, ReluSplits.NONE, null, 0, false).bounds();
            Bounds[] full = bounder.intermediate(box, ReluSplits.NONE, null, 0, true, QueryBounder.NO_LIMIT).bounds();
            Bounds[] limited = bounder.intermediate(box, ReluSplits.NONE, null, 0, true,
                    System.nanoTime() + 2_000_000L).bounds();
            Bounds[] expired = bounder.intermediate(box, ReluSplits.NONE, null, 0, true,
                    System.nanoTime() - 1).bounds();
            List<double[][]> samples = new ArrayList<>();
            for (double[] x : Sampler.points(box, 200, seed, 0)) {
                samples.add(net.evaluateAll(x));
            }
            for (int j = 0; j < plain.length; j++) {
                assertArrayEquals(plain[j].lower(), expired[j].lower(), "expired limit, node " + j);
                assertArrayEquals(plain[j].upper(), expired[j].upper(), "expired limit, node " + j);
                for (Bounds[] refined : List.of(full, limited)) {
                    String where = "net seed " + seed + " node " + j + (refined == full ? " (no limit)" : " (2 ms)");
                    for (int i = 0; i < plain[j].size(); i++) {
                        double l = refined[j].lower()[i];
                        double u = refined[j].upper()[i];
                        double slack = ROUNDING * (1 + Math.abs(plain[j].lower()[i]) + Math.abs(plain[j].upper()[i]));
                        assertTrue(l >= plain[j].lower()[i] - slack && u <= plain[j].upper()[i] + slack,
                                where + " entry " + i + ": [" + l + ", " + u + "] looser than unrefined ["
                                        + plain[j].lower()[i] + ", " + plain[j].upper()[i] + "]");
                        for (double[][] v : samples) {
                            double y = v[j][i];
                            double tol = TOL * (1 + Math.abs(y));
                            assertTrue(y >= l - tol && y <= u + tol,
                                    where + " entry " + i + ": sampled " + y + " outside [" + l + ", " + u + "]");
                        }
                    }
                }
                for (int i = 0; i < plain[j].size(); i++) {
                    if (full[j].upper()[i] - full[j].lower()[i]
                            < plain[j].upper()[i] - plain[j].lower()[i] - 1e-9) {
                        tightened++;
                    }
                }
            }
        }
        System.out.println("entries tightened by refinement (no limit): " + tightened);
        assertTrue(tightened > 0, "refinement tightened no intermediate bound at all");
    }
}
