package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomConvNetworks;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

/**
 * {@link CaseScreen} marks a case refuted only where no counterexample exists: on seeded random
 * convolutional networks (and the oval21 cifar_base_kw architecture) with cases over two interleaved
 * boxes, a case whose threshold lies above a sampled margin (a counterexample) is never refuted, a refuted
 * case has no sampled counterexample, and a case whose threshold lies below its root bound is refuted.
 */
class CaseScreenRefutesOnlyCasesWithoutCounterexamplesTest {

    @Test
    void refutedCasesHaveNoCounterexampleAndCasesBelowTheirBoundAreRefuted() {
        int refuted = 0;
        int withCounterexample = 0;
        List<Network> nets = new ArrayList<>();
        for (long seed = 1; seed <= 12; seed++) {
            nets.add(RandomNetworks.convolutional(seed, new int[] {2, 8, 8}, 2, 6, 0.5, 4));
        }
        nets.add(RandomConvNetworks.cifarBase(5));
        long seed = 100;
        for (Network net : nets) {
            seed++;
            SplittableRandom rnd = new SplittableRandom(seed);
            Box a = RandomNetworks.box(seed, net.inputSize(), 0.05);
            Box b = RandomNetworks.box(seed + 7, net.inputSize(), 0.1);
            QueryBounder bounder = new QueryBounder(net);
            List<Property.Case> cases = new ArrayList<>();
            List<Integer> kind = new ArrayList<>();
            int m = net.outputSize();
            Box[] boxes = {a, a, b, b, a, b};
            for (int k = 0; k < boxes.length; k++) {
                Box box = boxes[k];
                int other = 1 + k % (m - 1);
                double[][] c = {new double[m]};
                c[0][0] = 1;
                c[0][other] = -1;
                double min = Double.POSITIVE_INFINITY;
                for (double[] x : Sampler.points(box, 400, seed + k, 0)) {
                    double[] y = net.evaluate(x);
                    min = Math.min(min, y[0] - y[other]);
                }
                double bound = bounder.bound(box, ReluSplits.NONE, null, c, new double[] {0}).value();
                assertTrue(bound <= min + 1e-9, "the root bound " + bound + " exceeds a sampled value " + min);
                // 0: threshold below the bound (refuted), 1: above a sampled value (a counterexample), 2: between
                int t = k % 3;
                double d = t == 0 ? bound - 0.01 : t == 1 ? min + 0.01 : bound + rnd.nextDouble() * (min - bound);
                cases.add(new Property.Case(box, c, new double[] {d}));
                kind.add(t);
            }
            Property p = new Property(net.inputSize(), m, cases);
            boolean[] out = CaseScreen.refuted(net, p, Verifier.deadlineAfter(600));
            assertEquals(cases.size(), out.length);
            for (int k = 0; k < out.length; k++) {
                Property.Case cs = cases.get(k);
                if (kind.get(k) == 0) {
                    assertTrue(out[k], "net " + seed + " case " + k + ": threshold below the root bound, not refuted");
                }
                if (kind.get(k) == 1) {
                    withCounterexample++;
                    assertFalse(out[k], "net " + seed + " case " + k + ": refuted but a sampled point violates");
                }
                if (out[k]) {
                    refuted++;
                    for (double[] x : Sampler.points(cs.input(), 1000, seed + 31 * k, 0)) {
                        assertTrue(cs.margin(net.evaluate(x)) > 0, "net " + seed + " case " + k
                                + ": refuted but a sample violates");
                    }
                }
            }
        }
        assertTrue(refuted >= 13 && withCounterexample >= 13, refuted + " refuted, " + withCounterexample
                + " with a counterexample");
    }

    @Test
    void nothingIsRefutedOncePastTheStopTime() {
        Network net = RandomNetworks.convolutional(3, new int[] {2, 8, 8}, 2, 6, 0.5, 2);
        Box box = RandomNetworks.box(3, net.inputSize(), 0.05);
        double[][] c = {{1, -1}};
        Property p = new Property(net.inputSize(), 2, List.of(new Property.Case(box, c, new double[] {-1e9})));
        assertTrue(CaseScreen.refuted(net, p, Verifier.deadlineAfter(600))[0]);
        assertFalse(CaseScreen.refuted(net, p, System.nanoTime() - 1)[0]);
    }
}
