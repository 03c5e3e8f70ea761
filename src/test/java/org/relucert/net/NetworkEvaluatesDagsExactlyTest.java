package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward evaluation of skip-connection DAGs, and the structural checks of the constructor. */
class NetworkEvaluatesDagsExactlyTest {

    @Test
    void maxWithSkipConnectionEvaluatesExactly() {
        Network max = new NetBuilder(2)
                .reluLayer("r", NetBuilder.m(NetBuilder.v(1, -1)), NetBuilder.v(0), "input")
                .affine("y", NetBuilder.m(NetBuilder.v(1, 0, 1)), NetBuilder.v(0), "r", "input")
                .output("y");
        assertEquals(0.7, max.evaluate(new double[] {0.3, 0.7})[0]);
        assertEquals(2.5, max.evaluate(new double[] {2.5, -1})[0]);
        double[][] batch = max.evaluateBatch(new double[][] {{1, 2}, {3, -4}});
        assertArrayEquals(new double[] {2}, batch[0]);
        assertArrayEquals(new double[] {3}, batch[1]);
        double[][] all = max.evaluateAll(new double[] {3, -4});
        assertArrayEquals(new double[] {7}, all[0], "pre-activation");
        assertArrayEquals(new double[] {7}, all[1], "relu");
        assertEquals(1, max.reluCount());
    }

    @Test
    void constructorRejectsForwardReferencesSizeMismatchesAndDuplicates() {
        Affine a = new Affine("a", new int[] {Network.INPUT}, new int[] {2}, new double[] {1, 1}, new double[] {0});
        Relu readsLater = new Relu("r", 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new Network(2, List.of(readsLater, a), 1));
        Affine wrongWidth = new Affine("b", new int[] {Network.INPUT}, new int[] {3}, new double[] {1, 1, 1},
                new double[] {0});
        assertThrows(IllegalArgumentException.class, () -> new Network(2, List.of(wrongWidth), 0));
        assertThrows(IllegalArgumentException.class, () -> new Network(2, List.of(a, a), 0));
        assertThrows(IllegalArgumentException.class, () -> new Network(2, List.of(a), 1));
        assertThrows(IllegalArgumentException.class, () -> new Network(2, List.of(a, new Relu("input", 0, 1)), 0));
    }

    @Test
    void affineSplitsItsWeightIntoOneBlockPerSource() {
        Affine a = Affine.of("a", new int[] {Network.INPUT, 0}, new int[] {2, 1},
                new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[] {0.5, -0.5});
        assertArrayEquals(new double[] {1, 2, 4, 5}, a.block(0));
        assertArrayEquals(new double[] {3, 6}, a.block(1));
        assertArrayEquals(new double[] {1 + 4 + 9 + 0.5, 4 + 10 + 18 - 0.5},
                a.evaluate(new double[][] {{1, 2}, {3}}));
        double[][] iv = a.interval(new double[][] {{-1, 0}, {1}}, new double[][] {{1, 1}, {2}});
        // outward rounded (RoundingError): a few ulps outside the exact interval, never inside
        ConvGeometryMatchesHandComputedExamplesTest.assertOutwardAndClose(new double[] {-1 + 0 + 3 + 0.5, -4 + 0 + 6 - 0.5}, iv[0], -1);
        ConvGeometryMatchesHandComputedExamplesTest.assertOutwardAndClose(new double[] {1 + 2 + 6 + 0.5, 4 + 5 + 12 - 0.5}, iv[1], 1);
    }
}
