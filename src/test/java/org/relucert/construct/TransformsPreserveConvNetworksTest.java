package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.io.NetJson;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Conv;
import org.relucert.net.ConvCases;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;

/**
 * The weight-rewriting transforms on random convolutional / residual networks ({@link ConvCases}): they read
 * Conv and Add nodes through the dense lowering, compute the same function at uniform points and corners of a
 * random box (1e-9), write a dense network that reads back from relucert-net/1, and refuse a network whose
 * lowering is too large with a message naming the node.
 */
class TransformsPreserveConvNetworksTest {
    private static final double TOL = 1e-9;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 24);
    }

    private static void assertSameFunction(ConvCases.Case c, Network g, String what) {
        Network h = c.net();
        for (double[] x : ConvCases.points(c.box(), 300, c.seed())) {
            ConvCases.assertClose(h.evaluate(x), g.evaluate(x), TOL, () -> what + " of " + c);
        }
        for (Node n : g.nodes()) {
            assertTrue(n instanceof Affine || n instanceof Relu, () -> what + " left node " + n + " not dense");
        }
        assertEquals(g, NetJson.parse(NetJson.write(g), "test"), what + " reads back from its file");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void flipOfAConvNetworkComputesTheSameFunction(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        assertSameFunction(c, FlipTransform.apply(c.net()), "flip");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void inputCopiesOfAConvNetworkComputeTheSameFunctionAndAreStableActive(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        Network g = InputCopies.apply(c.net(), c.box());
        assertSameFunction(c, g, "copy-inputs");
        int d = c.net().inputSize();
        org.relucert.bounds.Bounds[] ibp = Ibp.propagate(g, c.box());
        int reluNodes = 0;
        for (int j = 0; j < g.nodes().size(); j++) {
            Relu r = g.relu(j);
            if (r != null) {
                reluNodes++;
                double[] lower = ibp[r.source()].lower();
                for (int i = r.size() - d; i < r.size(); i++) {
                    assertTrue(lower[i] >= -1e-12, "copy neuron " + i + " of " + r.name() + " is stable active");
                }
            }
        }
        assertEquals(c.net().reluCount() + reluNodes * d, g.reluCount(), "d copies per ReLU node");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void identityLayersAfterTheFirstAndLastReluOfAConvNetworkKeepItsFunction(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        Network h = c.net();
        String last = null;
        for (int j = 0; j < h.nodes().size(); j++) {
            if (h.relu(j) != null) {
                last = h.nameOf(j);
            }
        }
        assertSameFunction(c, IdentityLayers.apply(h, null, 1 + (int) (seed % 3)), "identity-layer (first)");
        assertSameFunction(c, IdentityLayers.apply(h, last, 2), "identity-layer after " + last);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomEquivalentsOfAConvNetworkComputeTheSameFunction(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        for (int k = 0; k < 3; k++) {
            assertSameFunction(c, EquivalentNetworks.random(c.net(), seed * 10 + k), "random equivalent " + k);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void deepPoly0OfAConvNetworkEqualsDeepPoly1OfItsFlipAndViceVersa(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        Network g = FlipTransform.apply(c.net());
        DeepPoly dp0 = new DeepPoly(DeepPoly.SlopeRule.ZERO);
        DeepPoly dp1 = new DeepPoly(DeepPoly.SlopeRule.ONE);
        assertSameBounds(dp0.analyse(c.net(), c.box()), dp1.analyse(g, c.box()), "DP-0(h) vs DP-1(flip h) " + c);
        assertSameBounds(dp1.analyse(c.net(), c.box()), dp0.analyse(g, c.box()), "DP-1(h) vs DP-0(flip h) " + c);
    }

    private static void assertSameBounds(Analysis expected, Analysis actual, String what) {
        ConvCases.assertClose(expected.lower(), actual.lower(), 1e-8, what + " lower");
        ConvCases.assertClose(expected.upper(), actual.upper(), 1e-8, what + " upper");
    }

    /** input 1x64x64 -> conv 3x3 "same" -> relu -> conv -> add -> dense: 4096 x 4096 per conv, x 8192 for the sum. */
    private static Network tooLargeToLower() {
        int n = 64 * 64;
        Conv.Geometry same = new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        double[] kernel = {0, 0.1, 0, 0.1, 0.6, 0.1, 0, 0.1, 0};
        int[] shape = {1, 64, 64};
        List<Node> nodes = List.of(
                new Conv("big_conv", Network.INPUT, shape, same, kernel, new double[] {-0.1}),
                new Relu("relu", 0, n),
                new Conv("conv2", 1, shape, same, kernel, new double[] {0}),
                new Add("sum", new int[] {2, 1}, shape),
                new Affine("out", new int[] {3}, new int[] {n}, new double[n], new double[] {0}));
        return new Network(n, nodes, nodes.size() - 1);
    }

    @Test
    void everyTransformRefusesAConvNetworkTooLargeToLowerNamingItsLargestNode() {
        Network big = tooLargeToLower();
        assertTrue(DenseLowering.loweredEntries(big, 0) > DenseLayers.MAX_LOWERED_ENTRIES, "the test network is large");
        Box box = Box.cube(big.inputSize(), 0, 1);
        List<Function<Network, Network>> transforms = List.of(FlipTransform::apply, net -> InputCopies.apply(net, box),
                net -> IdentityLayers.apply(net, null, 1), net -> EquivalentNetworks.random(net, 1));
        for (Function<Network, Network> t : transforms) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.apply(big));
            assertTrue(e.getMessage().contains("node 'sum'") && e.getMessage().contains("4096 x 8192")
                    && e.getMessage().contains("dense"), e.getMessage());
        }
    }

    @Test
    void aConvNetworkAtTheLimitIsLoweredAndKeepsItsFunction() {
        // 1x32x32 input: each conv lowers to 1024 x 1024 entries, the sum to 1024 x 2048: 2^22 in all.
        int n = 32 * 32;
        Conv.Geometry same = new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        double[] kernel = {0, -0.2, 0, 0.3, 0.5, 0.1, 0, 0.1, -0.4};
        int[] shape = {1, 32, 32};
        double[] head = new double[n];
        head[5] = 1;
        head[600] = -0.5;
        List<Node> nodes = List.of(
                new Conv("c1", Network.INPUT, shape, same, kernel, new double[] {0.05}),
                new Relu("r1", 0, n),
                new Conv("c2", 1, shape, same, kernel, new double[] {-0.05}),
                new Add("sum", new int[] {2, 1}, shape),
                new Affine("out", new int[] {3}, new int[] {n}, head, new double[] {0.1}));
        Network h = new Network(n, nodes, nodes.size() - 1);
        ConvCases.Case c = new ConvCases.Case(0, h, DenseLowering.lower(h), RandomNetworks.box(3, n, 1.0));
        Network g = IdentityLayers.apply(h, "r1", 1);
        for (double[] x : ConvCases.points(c.box(), 20, 1)) {
            ConvCases.assertClose(h.evaluate(x), g.evaluate(x), TOL, "identity-layer at the limit");
        }
    }
}
