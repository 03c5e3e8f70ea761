package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.NetBuilder;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * Soundness: on random DAG networks (depth 1-5, widths 1-40, skip connections) and random boxes, every
 * sampled point's output and every intermediate node value lie within the bounds of every core domain.
 */
class DomainsAreSoundOnRandomDagsTest {
    private static final double TOL = 1e-9;
    private static final int RANDOM_POINTS = 2000;
    private static final List<String> DOMAINS = List.of("ibp", "deeppoly0", "deeppoly1", "deeppoly");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 150);
    }

    /** One random case: network and box, derived from the seed. */
    private record Case(Network net, Box box) {
        static Case of(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed * 7919);
            int inputs = 1 + rnd.nextInt(6);
            int depth = 1 + rnd.nextInt(5);
            int maxWidth = 1 + rnd.nextInt(40);
            int outputs = 1 + rnd.nextInt(4);
            Network net = RandomNetworks.dag(seed, inputs, depth, maxWidth, 0.5, outputs);
            Box box = RandomNetworks.box(seed + 1000, inputs, 0.5 + 3 * rnd.nextDouble());
            if (seed % 5 == 0) {
                box = pinFirstDimension(box);
            }
            return new Case(net, box);
        }

        /** A box whose first dimension is a single point (a degenerate interval). */
        private static Box pinFirstDimension(Box box) {
            double[] lo = box.lower().clone();
            double[] hi = box.upper().clone();
            hi[0] = lo[0];
            return new Box(lo, hi);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySampledOutputAndNodeValueLiesWithinEveryDomainsBounds(long seed) {
        Case c = Case.of(seed);
        List<double[]> points = Sampler.points(c.box(), RANDOM_POINTS, seed, 10);
        assertTrue(points.size() >= RANDOM_POINTS);
        for (String domain : DOMAINS) {
            Analysis a = Domains.parse(domain).analyse(c.net(), c.box());
            for (double[] x : points) {
                double[][] values = c.net().evaluateAll(x);
                assertWithin(a.output(), values[c.net().output()], domain + " output", x);
                for (int j = 0; j < values.length; j++) {
                    Bounds b = a.nodes()[j];
                    assertNotNull(b, domain + " computed no bounds for node " + c.net().nameOf(j));
                    assertWithin(b, values[j], domain + " node " + c.net().nameOf(j), x);
                }
            }
        }
    }

    /**
     * Shapes the random generator does not produce: a ReLU of the input, a ReLU of a ReLU, an affine node
     * over three sources, and an output that is not the last node.
     */
    static Network oddShapes(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new NetBuilder(2)
                .relu("rin", "input")
                .reluLayer("a", randomMatrix(rnd, 3, 2), randomVector(rnd, 3), "rin")
                .relu("aa", "a")
                .reluLayer("b", randomMatrix(rnd, 4, 3 + 2 + 3), randomVector(rnd, 4), "aa", "input", "a_pre")
                .affine("y", randomMatrix(rnd, 2, 4 + 2), randomVector(rnd, 2), "b", "rin")
                .affine("after", randomMatrix(rnd, 1, 2), randomVector(rnd, 1), "y")
                .output("y");
    }

    private static double[][] randomMatrix(SplittableRandom rnd, int rows, int cols) {
        double[][] w = new double[rows][];
        for (int r = 0; r < rows; r++) {
            w[r] = randomVector(rnd, cols);
        }
        return w;
    }

    private static double[] randomVector(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rnd.nextDouble() - 1;
        }
        return v;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void oddShapedNetworksAreBoundedSoundly(long seed) {
        Network net = oddShapes(seed);
        Box box = RandomNetworks.box(seed, 2, 2);
        List<double[]> points = Sampler.points(box, RANDOM_POINTS, seed, 10);
        for (String domain : DOMAINS) {
            Analysis a = Domains.parse(domain).analyse(net, box);
            for (double[] x : points) {
                double[][] values = net.evaluateAll(x);
                assertWithin(a.output(), values[net.output()], domain + " output", x);
                for (int j = 0; j < values.length; j++) {
                    assertWithin(a.nodes()[j], values[j], domain + " node " + net.nameOf(j), x);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void overflowGivesInfiniteBoundsNotNaN() {
        // relu(1e300 x) overflows to +infinity on [0, 1e10]; the weight 0 then makes 0 * infinity = NaN.
        Network net = new NetBuilder(1)
                .reluLayer("r", new double[][] {{1e300}}, new double[] {0}, "input")
                .affine("y", new double[][] {{0}, {1}}, new double[] {0, 0}, "r")
                .output("y");
        Box box = new Box(new double[] {0}, new double[] {1e10});
        for (String domain : DOMAINS) {
            Analysis a = Domains.parse(domain).analyse(net, box);
            for (int i = 0; i < 2; i++) {
                assertTrue(a.lower()[i] <= 0 && a.upper()[i] >= (i == 0 ? 0 : Double.MAX_VALUE),
                        domain + " output " + i + ": [" + a.lower()[i] + ", " + a.upper()[i] + "]");
            }
        }
    }

    static LongStream fewSeeds() {
        return LongStream.rangeClosed(1, 20);
    }

    private static void assertWithin(Bounds b, double[] value, String what, double[] x) {
        for (int i = 0; i < value.length; i++) {
            if (!b.contains(i, value[i], TOL)) {
                throw new AssertionError(what + "[" + i + "] = " + value[i] + " outside [" + b.lower()[i] + ", "
                        + b.upper()[i] + "] at x = " + java.util.Arrays.toString(x));
            }
        }
    }
}
