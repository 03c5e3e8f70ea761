package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relucert.exact.ExactRange;
import org.relucert.exact.Range;
import org.relucert.net.Box;
import org.relucert.net.NetBuilder;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.spec.Property;

/** LPs along linear regions: sound points always, the global minimum on convex univariate networks. */
class RegionSearchReachesRegionMinimaTest {

    /** x -> sum_i a_i relu(w_i x + b_i) + c x with a_i >= 0: convex, so every local minimum is global. */
    private static Network convexUnivariate(long seed) {
        Random rnd = new Random(seed);
        int k = 8;
        double[][] w = new double[k][1];
        double[] b = new double[k];
        double[][] a = new double[1][k + 1];
        for (int i = 0; i < k; i++) {
            w[i][0] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            a[0][i] = rnd.nextDouble();
        }
        a[0][k] = rnd.nextGaussian();
        return new NetBuilder(1)
                .reluLayer("h", w, b, "input")
                .affine("y", a, new double[] {0.3}, "h", "input")
                .output("y");
    }

    @Test
    void convexUnivariateNetworkFallsToItsMinimumFromEitherEnd() {
        for (long seed = 1; seed <= 20; seed++) {
            Network net = convexUnivariate(seed);
            Box box = new Box(new double[] {-3}, new double[] {3});
            Range exact = ExactRange.of(net, box, 0);
            // unsafe: y <= min + 1e-7, a sliver around the minimiser
            Property.Case cs = new Property.Case(box, new double[][] {{1}}, new double[] {exact.min() + 1e-7});
            Falsifier falsifier = new Falsifier(net);
            RegionSearch search = new RegionSearch(net, falsifier);
            for (double start : new double[] {-3, 3}) {
                Falsifier.Point p = search.improve(cs, falsifier.evaluate(cs, new double[] {start}), 40);
                assertTrue(p.margin() <= 0, "seed " + seed + " from " + start + ": margin " + p.margin()
                        + ", minimum " + exact.min());
                assertTrue(box.contains(p.x(), 0));
                assertArrayEquals(net.evaluate(p.x()), p.y(), 0.0, "the point must be the forward pass's");
            }
        }
    }

    @Test
    void pointsStayInTheBoxAndNeverGetWorse() {
        for (long seed = 1; seed <= 10; seed++) {
            Network net = RandomNetworks.fullyConnected(seed, 3, new int[] {10, 10}, 2);
            Box box = RandomNetworks.box(seed + 50, 3, 1.0);
            Property.Case cs = new Property.Case(box, new double[][] {{1, -1}, {-1, 0}}, new double[] {0, 0.5});
            Falsifier falsifier = new Falsifier(net);
            Falsifier.Point start = falsifier.evaluate(cs, box.centre());
            Falsifier.Point p = new RegionSearch(net, falsifier).improve(cs, start, 10);
            assertTrue(box.contains(p.x(), 0), "seed " + seed);
            assertTrue(p.margin() <= start.margin(), "seed " + seed);
            assertEquals(cs.margin(net.evaluate(p.x())), p.margin(), 0.0, "seed " + seed);
        }
    }
}
