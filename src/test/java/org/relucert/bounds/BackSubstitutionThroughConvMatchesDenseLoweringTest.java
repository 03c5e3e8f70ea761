package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.net.ConvCases.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.relucert.net.ReluLines;

/**
 * Back-substitution through Conv (transposed convolution, skipped zeros, rows in parallel when large) and
 * Add gives the same linear bounds over the input as through their dense lowering, for identity and
 * general queries, and DeepPoly (DP-0, DP-1, area) gives the same bounds of every node.
 */
class BackSubstitutionThroughConvMatchesDenseLoweringTest {
    private static final double TOL = 1e-9;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 80);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linearBoundsOfEveryNodeAgreeForIdentityAndRandomQueries(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
            ReluLines[] lines = DeepPoly.propagate(c.net(), c.box(), rule).lines();
            for (int j = 0; j < c.net().nodes().size(); j++) {
                String what = c + " " + rule + " node " + c.net().nameOf(j);
                assertSame(BackSubstitution.runIdentity(c.dense(), j, lines),
                        BackSubstitution.runIdentity(c.net(), j, lines), what + " identity");
                int q = 1 + rnd.nextInt(12);
                double[] query = randomQuery(rnd, q, c.net().sizeOf(j));
                assertSame(BackSubstitution.run(c.dense(), j, query, q, lines),
                        BackSubstitution.run(c.net(), j, query, q, lines), what + " query of " + q + " rows");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void deepPolyBoundsOfEveryNodeAgree(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        assertStatesAgree(c.dense(), c.net(), c.box(), c.toString());
    }

    /**
     * 1x8x8 input, conv 3x3 to 6 channels (384 neurons), ReLU, grouped conv 3x3, ReLU, a residual sum
     * with the first ReLU, and a dense head: identity queries of a conv cost 384 x 384 x 27 multiply-adds,
     * above Conv's threshold of 1e6 for spreading rows over the cores.
     */
    static Network wide(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>();
        Conv.Geometry same = new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Conv.Geometry grouped = new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2);
        nodes.add(new Conv("conv1", Network.INPUT, new int[] {1, 8, 8}, same, gaussian(rnd, 6 * 9, 1 / 3.0),
                gaussian(rnd, 6, 0.1)));
        nodes.add(new Relu("relu1", 0, 384));
        nodes.add(new Conv("conv2", 1, new int[] {6, 8, 8}, grouped, gaussian(rnd, 6 * 3 * 9, 0.2),
                gaussian(rnd, 6, 0.1)));
        nodes.add(new Relu("relu2", 2, 384));
        nodes.add(new Add("sum", new int[] {3, 1}, new int[] {6, 8, 8}));
        nodes.add(new Relu("relu3", 4, 384));
        nodes.add(new Affine("out", new int[] {5}, new int[] {384}, gaussian(rnd, 3 * 384, 0.05),
                gaussian(rnd, 3, 0.1)));
        return new Network(64, nodes, 6);
    }

    @Test
    void largeQueriesThroughTheParallelPathAgree() {
        Network net = wide(11);
        Network dense = DenseLowering.lower(net);
        Box box = RandomNetworks.box(12, 64, 1.0);
        Conv conv2 = (Conv) net.node(2);
        assertTrue((long) 384 * conv2.size() * 3 * 9 > 1_000_000, "identity query below the parallel threshold");
        assertStatesAgree(dense, net, box, "wide network");
        SplittableRandom rnd = new SplittableRandom(13);
        for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
            ReluLines[] lines = DeepPoly.propagate(net, box, rule).lines();
            for (int j : new int[] {0, 2, 4, 6}) {
                assertSame(BackSubstitution.runIdentity(dense, j, lines), BackSubstitution.runIdentity(net, j, lines),
                        rule + " identity of " + net.nameOf(j));
            }
            int q = 700;
            double[] query = randomQuery(rnd, q, 384);
            assertSame(BackSubstitution.run(dense, 4, query, q, lines), BackSubstitution.run(net, 4, query, q, lines),
                    rule + " " + q + " rows on the sum");
        }
    }

    /** Add(r, r, z) with r = relu(z): a source listed twice gets the coefficients twice. */
    @Test
    void sumsThatListASourceTwiceAgree() {
        SplittableRandom rnd = new SplittableRandom(31);
        Conv.Geometry k2 = new Conv.Geometry(2, 2, 1, 1, 0, 1, 1, 0, 1, 1, 1);
        List<Node> nodes = List.of(
                new Conv("z", Network.INPUT, new int[] {1, 3, 3}, k2, gaussian(rnd, 8, 0.7), gaussian(rnd, 2, 0.1)),
                new Relu("r", 0, 18),
                new Add("sum", new int[] {1, 1, 0}, new int[] {2, 3, 3}),
                new Relu("rs", 2, 18),
                new Add("twice", new int[] {Network.INPUT, Network.INPUT}, new int[] {9}),
                new Affine("out", new int[] {3, 4, 3}, new int[] {18, 9, 18}, gaussian(rnd, 2 * 45, 0.3),
                        gaussian(rnd, 2, 0.1)));
        Network net = new Network(9, nodes, 5);
        Network dense = DenseLowering.lower(net);
        for (long seed = 1; seed <= 20; seed++) {
            Box box = RandomNetworks.box(seed, 9, 1.5);
            assertStatesAgree(dense, net, box, "box " + seed);
            for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
                ReluLines[] lines = DeepPoly.propagate(net, box, rule).lines();
                for (int j = 0; j < nodes.size(); j++) {
                    assertSame(BackSubstitution.runIdentity(dense, j, lines), BackSubstitution.runIdentity(net, j, lines),
                            "box " + seed + " " + rule + " identity of " + net.nameOf(j));
                }
            }
        }
    }

    @Test
    void parallelBackwardEqualsRowByRowBackward() {
        Conv conv = (Conv) wide(21).node(2);
        int rows = 1000;
        SplittableRandom rnd = new SplittableRandom(22);
        double[] coef = randomQuery(rnd, rows, conv.size());
        double[] all = new double[rows * 384];
        double[] allConst = new double[rows];
        conv.backward(coef, rows, rows, new double[][] {all}, allConst, null);
        double[] oneByOne = new double[rows * 384];
        double[] oneConst = new double[rows];
        for (int r = 0; r < rows; r++) {
            double[] row = java.util.Arrays.copyOfRange(coef, r * conv.size(), (r + 1) * conv.size());
            double[] out = new double[384];
            double[] k = new double[1];
            conv.backward(row, 1, 1, new double[][] {out}, k, null);
            System.arraycopy(out, 0, oneByOne, r * 384, 384);
            oneConst[r] = k[0];
        }
        assertArrayEquals(oneByOne, all);
        assertArrayEquals(oneConst, allConst);
    }

    private static void assertStatesAgree(Network dense, Network net, Box box, String what) {
        for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
            Bounds[] expected = DeepPoly.propagate(dense, box, rule).bounds();
            Bounds[] actual = DeepPoly.propagate(net, box, rule).bounds();
            assertEquals(expected.length, actual.length);
            for (int j = 0; j < expected.length; j++) {
                String node = what + " " + rule + " node " + net.nameOf(j);
                assertClose(expected[j].lower(), actual[j].lower(), TOL, node + " lower");
                assertClose(expected[j].upper(), actual[j].upper(), TOL, node + " upper");
            }
        }
    }

    private static void assertSame(LinearBounds expected, LinearBounds actual, String what) {
        assertClose(expected.lowerCoef(), actual.lowerCoef(), TOL, what + " lower coefficients");
        assertClose(expected.upperCoef(), actual.upperCoef(), TOL, what + " upper coefficients");
        assertClose(expected.lowerConst(), actual.lowerConst(), TOL, what + " lower constants");
        assertClose(expected.upperConst(), actual.upperConst(), TOL, what + " upper constants");
    }

    /** q rows over n entries; a third of the rows sparse (most entries exactly zero), one in ten all zero. */
    private static double[] randomQuery(SplittableRandom rnd, int q, int n) {
        double[] query = new double[q * n];
        for (int r = 0; r < q; r++) {
            int kind = rnd.nextInt(10);
            for (int i = 0; i < n; i++) {
                boolean keep = kind == 0 ? false : kind <= 3 ? rnd.nextInt(8) == 0 : true;
                query[r * n + i] = keep ? 2 * rnd.nextDouble() - 1 : 0;
            }
        }
        return query;
    }

    private static double[] gaussian(SplittableRandom rnd, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
        }
        return v;
    }
}
