package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * THEORY.md §5 and §10.2: the constructions are precise on every random sub-box (IBP on the 2-layer
 * monotone network, DP-0 on the DP-0 form of f3, DP-1 on its DP-1 form), while the area heuristic is
 * imprecise on some box.
 */
class ConstructionsArePreciseOnRandomBoxesTest {
    private static final double TOL = 1e-9;

    /** 300 random sub-boxes of [a, b], half of them with an endpoint on a breakpoint. */
    private static List<Box> boxes(double a, double b, double[] breakpoints, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Box> out = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            double x = a + rnd.nextDouble() * (b - a);
            double y = k % 2 == 0 ? breakpoints[rnd.nextInt(breakpoints.length)] : a + rnd.nextDouble() * (b - a);
            out.add(new Box(new double[] {Math.min(x, y)}, new double[] {Math.max(x, y)}));
        }
        return out;
    }

    private static double f3(double x) {
        return Math.max(Math.max(-x, x), 3 * x - 2);
    }

    /** Exact range of the convex f3 on [l, u]: minimum at the point nearest 0, maximum at an end. */
    private static double[] f3Range(Box box) {
        double l = box.lower()[0];
        double u = box.upper()[0];
        return new double[] {f3(Math.min(u, Math.max(l, 0))), Math.max(f3(l), f3(u))};
    }

    private static int preciseCount(Network net, String domain, List<Box> boxes,
                                    java.util.function.Function<Box, double[]> exact) {
        int precise = 0;
        for (Box box : boxes) {
            Analysis a = Domains.parse(domain).analyse(net, box);
            double[] range = exact.apply(box);
            if (Math.abs(a.lower()[0] - range[0]) <= TOL && Math.abs(a.upper()[0] - range[1]) <= TOL) {
                precise++;
            }
        }
        return precise;
    }

    @Test
    void dp0FormOfF3IsDp0PreciseOnEveryBoxAndDp1FormIsDp1Precise() {
        List<Box> boxes = boxes(-2, 3, new double[] {-2, 0, 1, 3}, 11);
        assertEquals(300, preciseCount(TheoryNetworks.f3Dp0Form(), "deeppoly0", boxes,
                ConstructionsArePreciseOnRandomBoxesTest::f3Range));
        assertEquals(300, preciseCount(TheoryNetworks.f3Dp1Form(), "deeppoly1", boxes,
                ConstructionsArePreciseOnRandomBoxesTest::f3Range));
    }

    @Test
    void areaHeuristicAndTheOtherSlopeAreImpreciseOnSomeBox() {
        List<Box> boxes = boxes(-2, 3, new double[] {-2, 0, 1, 3}, 12);
        assertTrue(preciseCount(TheoryNetworks.f3Dp0Form(), "deeppoly", boxes,
                ConstructionsArePreciseOnRandomBoxesTest::f3Range) < 300);
        assertTrue(preciseCount(TheoryNetworks.f3Dp0Form(), "deeppoly1", boxes,
                ConstructionsArePreciseOnRandomBoxesTest::f3Range) < 300);
        assertTrue(preciseCount(TheoryNetworks.f3Dp1Form(), "deeppoly0", boxes,
                ConstructionsArePreciseOnRandomBoxesTest::f3Range) < 300);
    }

    @Test
    void twoLayerMonotoneConstructionIsIbpPreciseOnEveryBox() {
        Network net = TheoryNetworks.monotoneTwoLayer();
        DoubleUnaryOperator f = x -> net.evaluate(new double[] {x})[0];
        List<Box> boxes = boxes(0, 3, new double[] {0, 1, 2, 3}, 13);
        assertEquals(300, preciseCount(net, "ibp", boxes,
                b -> new double[] {f.applyAsDouble(b.lower()[0]), f.applyAsDouble(b.upper()[0])}));
        assertTrue(preciseCount(TheoryNetworks.monotoneOneLayer(), "ibp", boxes,
                b -> new double[] {f.applyAsDouble(b.lower()[0]), f.applyAsDouble(b.upper()[0])}) < 300);
    }
}
