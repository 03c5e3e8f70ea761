package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.net.ConvCases.assertClose;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On seeded random convolutional and residual networks (1-D and 2-D, strides, padding, dilation, groups,
 * residual sums with strided 1x1 shortcuts) and random boxes, Conv and Add compute the same values, interval
 * bounds and forward symbolic forms, node by node, as the dense Affine nodes of {@link DenseLowering}.
 */
class ConvAndAddMatchTheirDenseLoweringTest {
    private static final int SEEDS = 200;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, SEEDS);
    }

    @Test
    void theRandomNetworksCoverEveryFeature() {
        int oneD = 0;
        int residual = 0;
        int grouped = 0;
        int strided = 0;
        int dilated = 0;
        int asymmetric = 0;
        int convOfConv = 0;
        int threeTerms = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Network net = ConvCases.of(seed).net();
            oneD += net.nodes().get(0) instanceof Conv c && c.inputShape()[1] == 1 ? 1 : 0;
            residual += ConvCases.has(net, Add.class) ? 1 : 0;
            threeTerms += net.nodes().stream().anyMatch(n -> n instanceof Add && n.from().length == 3) ? 1 : 0;
            for (Node node : net.nodes()) {
                if (node instanceof Conv c) {
                    Conv.Geometry g = c.geometry();
                    grouped += g.groups() > 1 ? 1 : 0;
                    strided += g.strideH() > 1 || g.strideW() > 1 ? 1 : 0;
                    dilated += g.dilationH() > 1 || g.dilationW() > 1 ? 1 : 0;
                    asymmetric += g.padLeft() != g.padRight() || g.padTop() != g.padBottom() ? 1 : 0;
                    convOfConv += c.source() != Network.INPUT && !(net.node(c.source()) instanceof Relu) ? 1 : 0;
                }
            }
        }
        String counts = "1-D " + oneD + ", residual " + residual + ", grouped " + grouped + ", strided " + strided
                + ", dilated " + dilated + ", asymmetric padding " + asymmetric + ", conv of non-ReLU " + convOfConv
                + ", three-term sums " + threeTerms;
        assertTrue(threeTerms >= SEEDS / 40, counts);
        for (int count : new int[] {oneD, residual, grouped, strided, dilated, asymmetric, convOfConv}) {
            assertTrue(count >= SEEDS / 10, counts);
        }
    }

    @Test
    void loweringKeepsNamesSourcesAndSizesAndMakesEveryNodeDenseOrRelu() {
        for (long seed = 1; seed <= 30; seed++) {
            ConvCases.Case c = ConvCases.of(seed);
            assertEquals(c.net().nodes().size(), c.dense().nodes().size());
            assertEquals(c.net().output(), c.dense().output());
            for (int j = 0; j < c.net().nodes().size(); j++) {
                Node a = c.net().node(j);
                Node b = c.dense().node(j);
                assertEquals(a.name(), b.name());
                assertArrayEquals(a.from(), b.from());
                assertEquals(a.size(), b.size(), a.name());
                if (a instanceof Relu) {
                    assertEquals(a, b);
                } else {
                    assertInstanceOf(Affine.class, b);
                }
            }
        }
    }

    @Test
    void smallNetworksForExactMethodsRespectTheirReluBudget() {
        for (long seed = 1; seed <= 20; seed++) {
            Network net = RandomNetworks.smallConvolutional(seed, 40);
            assertTrue(net.reluCount() <= 40 && ConvCases.has(net, Conv.class), net.toString());
            assertEquals(net, RandomNetworks.smallConvolutional(seed, 40), "not reproducible");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void valuesOfEveryNodeAgree(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        List<double[]> points = ConvCases.points(c.box(), 200, seed);
        for (double[] x : points) {
            double[][] expected = c.dense().evaluateAll(x);
            double[][] actual = c.net().evaluateAll(x);
            for (int j = 0; j < expected.length; j++) {
                int node = j;
                assertClose(expected[j], actual[j], 1e-12,
                        () -> c + " value of " + c.net().nameOf(node) + " at " + java.util.Arrays.toString(x));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void intervalsAndForwardFormsOfEveryNodeAgree(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        for (String rule : new String[] {"zero", "one", "area"}) {
            ForwardForms.Pass expected = ForwardForms.run(c.dense(), c.box(), ForwardForms.slopes(rule));
            ForwardForms.Pass actual = ForwardForms.run(c.net(), c.box(), ForwardForms.slopes(rule));
            for (int j = 0; j < c.net().nodes().size(); j++) {
                String what = c + " " + rule + " node " + c.net().nameOf(j);
                assertClose(expected.intervals()[j][0], actual.intervals()[j][0], 1e-9, what + " interval lower");
                assertClose(expected.intervals()[j][1], actual.intervals()[j][1], 1e-9, what + " interval upper");
                assertClose(expected.forms()[j][0], actual.forms()[j][0], 1e-9, what + " lower form");
                assertClose(expected.forms()[j][1], actual.forms()[j][1], 1e-9, what + " upper form");
            }
        }
    }

    /** The interval rule of each node alone, on the same (random, partly degenerate) source intervals. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void intervalRuleOfEachNodeAgreesOnArbitrarySourceIntervals(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int j = 0; j < c.net().nodes().size(); j++) {
            Node node = c.net().node(j);
            int[] from = node.from();
            double[][] lo = new double[from.length][];
            double[][] hi = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                int n = c.net().sizeOf(from[k]);
                lo[k] = new double[n];
                hi[k] = new double[n];
                for (int i = 0; i < n; i++) {
                    lo[k][i] = 4 * rnd.nextDouble() - 2;
                    hi[k][i] = rnd.nextInt(4) == 0 ? lo[k][i] : lo[k][i] + 3 * rnd.nextDouble();
                }
            }
            double[][] expected = c.dense().node(j).interval(lo, hi);
            double[][] actual = node.interval(lo, hi);
            assertClose(expected[0], actual[0], 1e-9, c + " node " + node.name() + " lower");
            assertClose(expected[1], actual[1], 1e-9, c + " node " + node.name() + " upper");
        }
    }
}
