package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * DeepPoly ends a back-substitution at a node bounded by its own full walk when the forms narrow down to
 * one entry of it (long chains become linear): every node's bounds equal those of the full walk to the
 * input, with the same ReLU lines, up to rounding, for each slope rule, on chains of width 1, networks
 * with width-1 bottlenecks and ordinary random DAGs; and they hold at sampled points.
 */
class WalksEndingAtOneEntryGiveTheFullWalksBoundsTest {

    static Stream<Arguments> cases() {
        return IntStream.range(0, 12).boxed().flatMap(seed -> Stream.of(DeepPoly.SlopeRule.values())
                .flatMap(rule -> Stream.of(
                        Arguments.of("chain", RandomNetworks.fullyConnected(seed, 1, ones(40), 1), rule, seed),
                        Arguments.of("bottlenecks", RandomNetworks.fullyConnected(seed, 3,
                                new int[] {4, 1, 3, 1, 1, 5, 1, 2}, 2), rule, seed),
                        Arguments.of("dag", RandomNetworks.dag(seed, 2, 5, 3, 0.4, 2), rule, seed))));
    }

    private static int[] ones(int n) {
        int[] w = new int[n];
        Arrays.fill(w, 1);
        return w;
    }

    @ParameterizedTest(name = "{0} {2} seed {3}")
    @MethodSource("cases")
    void boundsEqualTheFullWalk(String kind, Network net, DeepPoly.SlopeRule rule, int seed) {
        double[] lo = new double[net.inputSize()];
        double[] hi = new double[net.inputSize()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = -1 + 0.1 * ((seed + i) % 5);
            hi[i] = lo[i] + 0.5 + 0.3 * (i % 3);
        }
        Box box = new Box(lo, hi);
        DeepPoly.State s = DeepPoly.propagate(net, box, rule);
        boolean[] feeds = net.feedsRelu();
        double[][] magnitude = BackSubstitution.magnitudes(s.bounds(), box);
        BackSubstitution.Options options = BackSubstitution.Options.BOTH.withMagnitudes(magnitude);
        int compared = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            if (!feeds[j] && j != net.output()) {
                continue;
            }
            Bounds full = BackSubstitution.runIdentity(net, j, s.lines(), options).concretise(box.lower(), box.upper());
            for (int i = 0; i < net.sizeOf(j); i++) {
                close(full.lower()[i], s.bounds()[j].lower()[i], kind + " node " + j + " lower " + i);
                close(full.upper()[i], s.bounds()[j].upper()[i], kind + " node " + j + " upper " + i);
            }
            compared++;
        }
        assertTrue(compared > 0);
        for (double[] x : Sampler.points(box, 200, seed, 4)) {
            double[] y = net.evaluate(x);
            Bounds out = s.bounds()[net.output()];
            for (int k = 0; k < y.length; k++) {
                assertTrue(out.lower()[k] <= y[k] && y[k] <= out.upper()[k], kind + " output " + k + " at " + Arrays.toString(x));
            }
        }
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * (1 + Math.abs(expected)), what);
    }
}
