package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every rejection by the Conv and Add constructors and their source checks names the node and the fault. */
class ConvAndAddErrorsNameTheNodeTest {

    private static final Conv.Geometry K3 = new Conv.Geometry(3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1);

    private static void assertRejects(String node, String fault, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        String m = e.getMessage();
        assertTrue(m.contains("'" + node + "'"), "message does not name node '" + node + "': " + m);
        assertTrue(m.contains(fault), "message does not say '" + fault + "': " + m);
    }

    private static Conv conv(String name, int[] shape, Conv.Geometry g, int weights, int outC) {
        return new Conv(name, Network.INPUT, shape, g, new double[weights], new double[outC]);
    }

    @Test
    void convRejectsBadInputShapes() {
        assertRejects("c1", "input shape", () -> conv("c1", new int[] {3, 3}, K3, 9, 1));
        assertRejects("c2", "input shape", () -> conv("c2", new int[] {1, 0, 3}, K3, 9, 1));
        assertRejects("c3", "input shape", () -> conv("c3", new int[] {-1, 3, 3}, K3, 9, 1));
    }

    @Test
    void convRejectsNonPositiveKernelStrideDilationGroupsAndNegativePadding() {
        int[] s = {1, 4, 4};
        assertRejects("k", "kernel", () -> conv("k", s, new Conv.Geometry(0, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1), 0, 1));
        assertRejects("st", "stride", () -> conv("st", s, new Conv.Geometry(3, 3, 1, 0, 0, 0, 0, 0, 1, 1, 1), 9, 1));
        assertRejects("d", "dilation", () -> conv("d", s, new Conv.Geometry(3, 3, 1, 1, 0, 0, 0, 0, 0, 1, 1), 9, 1));
        assertRejects("g", "groups", () -> conv("g", s, new Conv.Geometry(3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 0), 9, 1));
        assertRejects("p", "padding", () -> conv("p", s, new Conv.Geometry(3, 3, 1, 1, 0, 0, 0, -1, 1, 1, 1), 9, 1));
    }

    @Test
    void convRejectsChannelsThatDoNotSplitIntoGroups() {
        Conv.Geometry two = new Conv.Geometry(1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 2);
        assertRejects("in", "groups", () -> conv("in", new int[] {3, 2, 2}, two, 2, 2));
        assertRejects("out", "groups", () -> conv("out", new int[] {2, 2, 2}, two, 3, 3));
        assertRejects("none", "output channel", () -> conv("none", new int[] {2, 2, 2}, K3, 0, 0));
    }

    @Test
    void convRejectsKernelsThatDoNotFitAndWrongWeightCounts() {
        assertRejects("big", "does not fit", () -> conv("big", new int[] {1, 2, 5}, K3, 9, 1));
        // Dilation 3 spans 7 > 4 + 2 (padding) columns, even though the undilated kernel would fit.
        Conv.Geometry dilated = new Conv.Geometry(1, 3, 1, 1, 0, 1, 0, 1, 1, 3, 1);
        assertRejects("dil", "does not fit", () -> conv("dil", new int[] {1, 4, 4}, dilated, 3, 1));
        // Padding makes the kernel fit: 3 rows + 1 padding row > 3 is fine, so this one builds.
        assertTrue(conv("ok", new int[] {1, 2, 5}, new Conv.Geometry(3, 3, 1, 1, 1, 0, 0, 0, 1, 1, 1), 9, 1)
                .size() > 0);
        assertRejects("w", "weight has 8 entries", () -> conv("w", new int[] {2, 3, 3}, K3, 8, 1));
        assertRejects("w", "expected 2 x 2 x 3 x 3", () -> conv("w", new int[] {4, 3, 3},
                new Conv.Geometry(3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 2), 35, 2));
    }

    @Test
    void convSourceCheckNamesTheNodeAlsoThroughTheNetwork() {
        Conv c = conv("conv7", new int[] {1, 3, 3}, K3, 9, 1);
        assertRejects("conv7", "source has size 8", () -> c.checkSources(new int[] {8}));
        assertRejects("conv7", "needs 9", () -> new Network(8, List.of(c), 0));
    }

    @Test
    void addRejectsFewSourcesBadShapesAndMismatchedSources() {
        assertRejects("a1", "two sources", () -> new Add("a1", new int[] {0}, new int[] {3}));
        assertRejects("a2", "two sources", () -> new Add("a2", new int[] {}, new int[] {3}));
        assertRejects("a3", "non-positive", () -> new Add("a3", new int[] {0, 1}, new int[] {2, 0, 2}));
        assertRejects("a4", "shape", () -> new Add("a4", new int[] {0, 1}, new int[] {}));
        Add add = new Add("sum", new int[] {0, Network.INPUT}, new int[] {1, 2, 2});
        assertRejects("sum", "source 1 has size 3", () -> add.checkSources(new int[] {4, 3}));
        Affine a = new Affine("fc", new int[] {Network.INPUT}, new int[] {4}, new double[20], new double[5]);
        assertRejects("sum", "source 0 has size 5", () -> new Network(4, List.of(a, add), 1));
    }
}
