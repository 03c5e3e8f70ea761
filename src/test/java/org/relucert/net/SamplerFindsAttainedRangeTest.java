package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling covers the box's corners, and the refined range closes in on the true range from inside. */
class SamplerFindsAttainedRangeTest {

    private static Network abs() {
        return new NetBuilder(1)
                .reluLayer("r", NetBuilder.m(NetBuilder.v(1), NetBuilder.v(-1)), NetBuilder.v(0, 0), "input")
                .affine("y", NetBuilder.m(NetBuilder.v(1, 1)), NetBuilder.v(0), "r")
                .output("y");
    }

    @Test
    void pointsStartWithEveryCornerThenRandomPointsInTheBox() {
        Box box = new Box(new double[] {0, -1, 2}, new double[] {1, 1, 2});
        List<double[]> pts = Sampler.points(box, 50, 3, 10);
        assertEquals(8 + 50, pts.size());
        assertArrayEquals(new double[] {0, -1, 2}, pts.get(0));
        assertArrayEquals(new double[] {1, 1, 2}, pts.get(7));
        for (double[] x : pts) {
            assertTrue(box.contains(x, 0));
        }
        assertEquals(50, Sampler.points(box, 50, 3, 2).size(), "no corners above maxCornerDim");
    }

    @Test
    void refinedRangeFindsTheKinkMinimumOfAbs() {
        Box box = new Box(new double[] {-1}, new double[] {2});
        Sampler.Range rough = Sampler.range(abs(), box, 100, 1);
        Sampler.Range refined = Sampler.refinedRange(abs(), box, 100, 1);
        assertTrue(rough.min()[0] > 1e-6, "random points miss the kink");
        assertEquals(0, refined.min()[0], 1e-9);
        assertEquals(2, refined.max()[0], 0);
        assertEquals(refined.min()[0], abs().evaluate(refined.argMin()[0])[0], 0, "attained at argMin");
        assertTrue(box.contains(refined.argMin()[0], 0));
    }

    @Test
    void refinedRangeNeverLeavesTheTrueRange() {
        Network net = RandomNetworks.dag(9, 3, 3, 10, 0.5, 2);
        Box box = RandomNetworks.box(9, 3, 1);
        Sampler.Range r = Sampler.refinedRange(net, box, 500, 2);
        Sampler.Range wide = Sampler.range(net, box, 500, 2);
        for (int i = 0; i < 2; i++) {
            assertTrue(r.min()[i] <= wide.min()[i] && r.max()[i] >= wide.max()[i]);
            assertEquals(r.min()[i], net.evaluate(r.argMin()[i])[i], 0);
            assertEquals(r.max()[i], net.evaluate(r.argMax()[i])[i], 0);
            assertTrue(box.contains(r.argMin()[i], 0) && box.contains(r.argMax()[i], 0));
        }
    }
}
