package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/** THEORY.md §9 item 8: the flip transform swaps DP-0 and DP-1 bounds exactly (T3). */
class FlipDualityTest {
    private static final DeepPoly DP0 = new DeepPoly(DeepPoly.SlopeRule.ZERO);
    private static final DeepPoly DP1 = new DeepPoly(DeepPoly.SlopeRule.ONE);
    private static final DeepPoly AREA = new DeepPoly(DeepPoly.SlopeRule.AREA);

    private static Network random(long seed) {
        int depth = 1 + (int) (seed % 3);
        return RandomNetworks.dag(seed, 2, depth, 4, 0.4, 1 + (int) (seed % 2));
    }

    private static void assertSameBounds(Analysis expected, Analysis actual, String what) {
        for (int i = 0; i < expected.lower().length; i++) {
            double l = expected.lower()[i];
            double u = expected.upper()[i];
            assertEquals(l, actual.lower()[i], Checks.tol(l), what + " lower " + i);
            assertEquals(u, actual.upper()[i], Checks.tol(u), what + " upper " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void deepPoly0OfNetworkEqualsDeepPoly1OfItsFlipAndViceVersa(long seed) {
        Network h = random(seed);
        Network g = FlipTransform.apply(h);
        for (int k = 0; k < 10; k++) {
            Box box = RandomNetworks.box(seed * 100 + k, 2, 2.0);
            assertSameBounds(DP0.analyse(h, box), DP1.analyse(g, box), "DP-0(h) vs DP-1(flip h) on " + box);
            assertSameBounds(DP1.analyse(h, box), DP0.analyse(g, box), "DP-1(h) vs DP-0(flip h) on " + box);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
    void areaHeuristicIsUnchangedAwayFromTies(long seed) {
        Network h = random(seed);
        Network g = FlipTransform.apply(h);
        for (int k = 0; k < 10; k++) {
            Box box = RandomNetworks.box(seed * 100 + k, 2, 2.0);
            assertTrue(!hasTie(h, box), "random box with an exact tie u = -l; pick another seed");
            assertSameBounds(AREA.analyse(h, box), AREA.analyse(g, box), "area heuristic on " + box);
        }
    }

    /** True when some ReLU of h has pre-activation bounds with u = -l under the area heuristic. */
    private static boolean hasTie(Network h, Box box) {
        DeepPoly.State s = DeepPoly.propagate(h, box, DeepPoly.SlopeRule.AREA);
        for (int j = 0; j < h.nodes().size(); j++) {
            if (h.node(j) instanceof org.relucert.net.Relu r && r.source() != Network.INPUT) {
                Bounds b = s.bounds()[r.source()];
                for (int i = 0; i < b.size(); i++) {
                    if (b.upper()[i] == -b.lower()[i]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35})
    void flipTwiceStillEncodesTheSameFunction(long seed) {
        Network h = random(seed);
        Network g = FlipTransform.apply(FlipTransform.apply(h));
        Box box = RandomNetworks.box(seed, 2, 3.0);
        List<double[]> points = Sampler.points(box, 500, seed, 2);
        for (double[] x : points) {
            double[] a = h.evaluate(x);
            double[] b = g.evaluate(x);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], Checks.tol(a[i]));
            }
        }
        assertEquals(h.reluCount(), g.reluCount(), "each flip replaces every neuron by one ReLU of its negation");
    }
}
