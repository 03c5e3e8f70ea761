package org.relucert.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.relucert.InvalidInputException;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

class ExactMethodsAgreeTest {

    private static Network univariate(long seed) {
        return seed % 2 == 0
                ? RandomNetworks.fullyConnected(seed, 1, new int[] {6, 5}, 1)
                : RandomNetworks.dag(seed, 1, 3, 5, 0.4, 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void breakpointsAndPatternEnumerationGiveTheSameUnivariateRange(long seed) {
        Network net = univariate(seed);
        Box box = new Box(new double[] {-2}, new double[] {1.5});
        Range bp = Breakpoints.of(net, 0, -2, 1.5).range(-2, 1.5);
        Range pe = new PatternEnumeration(20).range(net, box, 0);
        assertEquals(bp.min(), pe.min(), 1e-9 * bp.scale());
        assertEquals(bp.max(), pe.max(), 1e-9 * bp.scale());
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void breakpointRangeMatchesDenseSamplingWithinSlopeTimesSpacing(long seed) {
        Network net = univariate(seed);
        double a = -3;
        double b = 2;
        Breakpoints bp = Breakpoints.of(net, 0, a, b);
        Range r = bp.range(a, b);
        int n = 100_000;
        double step = (b - a) / n;
        double gridMin = Double.POSITIVE_INFINITY;
        double gridMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double y = net.evaluate(new double[] {a + k * step})[0];
            gridMin = Math.min(gridMin, y);
            gridMax = Math.max(gridMax, y);
        }
        double[] xs = bp.points();
        double[] ys = bp.values();
        double maxSlope = 0;
        for (int k = 0; k + 1 < xs.length; k++) {
            maxSlope = Math.max(maxSlope, Math.abs((ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k])));
        }
        double slack = maxSlope * step / 2 + 1e-12;
        assertTrue(r.min() <= gridMin + 1e-12, "exact min above a sampled value");
        assertTrue(r.max() >= gridMax - 1e-12, "exact max below a sampled value");
        assertTrue(gridMin - r.min() <= slack, "exact min " + r.min() + " far below sampled " + gridMin);
        assertTrue(r.max() - gridMax <= slack, "exact max " + r.max() + " far above sampled " + gridMax);
        assertEquals(r.min(), net.evaluate(r.argMin())[0], 1e-12);
        assertEquals(r.max(), net.evaluate(r.argMax())[0], 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void patternEnumerationContainsSamplesAndAttainsItsBoundsInTwoDimensions(long seed) {
        Network net = RandomNetworks.fullyConnected(seed, 2, new int[] {5, 4}, 1);
        Box box = new Box(new double[] {-1, -0.5}, new double[] {1.5, 1});
        Range r = new PatternEnumeration(20).range(net, box, 0);
        SplittableRandom rnd = new SplittableRandom(seed);
        double sampledMin = Double.POSITIVE_INFINITY;
        double sampledMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 20_000; k++) {
            double[] x = {-1 + 2.5 * rnd.nextDouble(), -0.5 + 1.5 * rnd.nextDouble()};
            double y = net.evaluate(x)[0];
            sampledMin = Math.min(sampledMin, y);
            sampledMax = Math.max(sampledMax, y);
        }
        assertTrue(r.min() <= sampledMin + 1e-9 && r.max() >= sampledMax - 1e-9, "range misses a sampled output");
        assertTrue(box.contains(r.argMin(), 0) && box.contains(r.argMax(), 0));
        // attained up to the LPs' safe outward rounding: the witnesses' values lie inside, a few ulps in
        double atMin = net.evaluate(r.argMin())[0];
        double atMax = net.evaluate(r.argMax())[0];
        assertTrue(r.min() <= atMin && atMax <= r.max());
        assertEquals(r.min(), atMin, 1e-12 * r.scale());
        assertEquals(r.max(), atMax, 1e-12 * r.scale());
        // Sampling should come close to the optimum on such a small box.
        assertTrue(sampledMin - r.min() < 0.05 * r.scale() && r.max() - sampledMax < 0.05 * r.scale());
    }

    @Test
    void maxOnUnitSquareHasRangeZeroToOne() {
        Network max2 = NetJson.readResource("/examples/max2.json");
        Range r = ExactRange.of(max2, Box.cube(2, 0, 1), 0);
        assertEquals(0, r.min(), 1e-9);
        assertEquals(1, r.max(), 1e-9);
    }

    @Test
    void breakpointsOfAbsoluteValueAreTheKinkAtZero() {
        Network abs = NetJson.readResource("/examples/abs_dp0.json");
        Breakpoints bp = Breakpoints.of(abs, 0, -1, 2);
        assertArrayEquals(new double[] {-1, 0, 2}, bp.points(), 0);
        assertArrayEquals(new double[] {0}, bp.kinks(1e-9), 0);
        Range r = bp.range(-0.5, 0.25);
        assertEquals(0, r.min(), 0);
        assertEquals(0.5, r.max(), 0);
        assertEquals(-0.5, r.argMax()[0], 0);
    }

    @Test
    void patternEnumerationRefusesTooManyUnstableNeurons() {
        Network net = RandomNetworks.fullyConnected(3, 3, new int[] {30}, 1);
        Box box = Box.cube(3, -5, 5);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PatternEnumeration(4).range(net, box, 0));
        assertTrue(e.getMessage().contains("exceed the limit of 4"), e.getMessage());
    }

    @Test
    void facadeUsesTheMilpBeyondThePatternLimit() {
        Network net = RandomNetworks.fullyConnected(3, 3, new int[] {30}, 1);
        Box box = Box.cube(3, -5, 5);
        Range r = ExactRange.of(net, box, 0, 4);
        assertEquals("milp", r.method());
        for (double[] x : org.relucert.net.Sampler.points(box, 500, 7, 10)) {
            double y = net.evaluate(x)[0];
            assertTrue(y >= r.min() - 1e-9 && y <= r.max() + 1e-9, y + " outside [" + r.min() + ", " + r.max() + "]");
        }
    }
}
