package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomConvNetworks;
import org.relucert.net.Relu;

/**
 * Bounding a node's rows block by block cannot change DeepPoly's results: on random small convolutional
 * networks (random geometries, groups, dilation, residual blocks, dense layers), the bounds of every node
 * with blocks of 1, 2, 5 and 13 rows equal those of the one-shot identity query, and the linear bounds of
 * each row block equal the matching rows of the one-shot query.
 */
class BlockwiseBoundsEqualOneShotQueryTest {
    private static final double TOL = 1e-9;
    private static final int[] BLOCK_ROWS = {1, 2, 5, 13};

    /** A box of random half-width in [0.02, 0.3] around a random point of [0, 1]^d. */
    static Box imageBox(long seed, int dim) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double eps = 0.02 + 0.28 * rnd.nextDouble();
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        for (int i = 0; i < dim; i++) {
            double c = rnd.nextDouble();
            lo[i] = c - eps;
            hi[i] = c + eps;
        }
        return new Box(lo, hi);
    }

    @Test
    void blockwiseBoundsEqualOneShotBoundsOnRandomConvNetworks() {
        int chunked = 0;
        int unstable = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Network net = RandomConvNetworks.small(seed);
            Box box = imageBox(seed + 100, net.inputSize());
            for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
                DeepPoly.State oneShot = DeepPoly.propagate(net, box, rule, Integer.MAX_VALUE);
                unstable += unstableCount(net, oneShot.bounds());
                for (int rows : BLOCK_ROWS) {
                    DeepPoly.State blocked = DeepPoly.propagate(net, box, rule, rows);
                    for (int j = 0; j < net.nodes().size(); j++) {
                        String what = "seed " + seed + " " + rule + " blocks of " + rows + " node " + net.nameOf(j);
                        assertArrays(oneShot.bounds()[j].lower(), blocked.bounds()[j].lower(), what + " lower");
                        assertArrays(oneShot.bounds()[j].upper(), blocked.bounds()[j].upper(), what + " upper");
                        if (net.sizeOf(j) > rows && !(net.node(j) instanceof Relu)) {
                            chunked++;
                        }
                    }
                }
                rowBlocksAreRowsOfTheOneShotQuery(net, oneShot.lines(), seed + " " + rule);
            }
        }
        assertTrue(chunked > 100, "nodes bounded in several blocks: " + chunked);
        assertTrue(unstable > 100, "unstable neurons exercised: " + unstable);
    }

    private static void rowBlocksAreRowsOfTheOneShotQuery(Network net, org.relucert.net.ReluLines[] lines,
                                                          String what) {
        boolean[] feeds = net.feedsRelu();
        for (int j = 0; j < net.nodes().size(); j++) {
            if (!feeds[j] && j != net.output()) {
                continue;
            }
            int size = net.sizeOf(j);
            int d = net.inputSize();
            LinearBounds all = BackSubstitution.runIdentity(net, j, lines);
            for (int first = 0; first < size; first += 3) {
                int count = Math.min(3, size - first);
                LinearBounds part = BackSubstitution.runIdentityRows(net, j, lines, first, count);
                String at = what + " node " + net.nameOf(j) + " rows " + first + "+" + count;
                assertArrays(slice(all.lowerCoef(), first * d, count * d), part.lowerCoef(), at + " lower coefficients");
                assertArrays(slice(all.upperCoef(), first * d, count * d), part.upperCoef(), at + " upper coefficients");
                assertArrays(slice(all.lowerConst(), first, count), part.lowerConst(), at + " lower constants");
                assertArrays(slice(all.upperConst(), first, count), part.upperConst(), at + " upper constants");
            }
        }
    }

    private static double[] slice(double[] a, int from, int length) {
        double[] out = new double[length];
        System.arraycopy(a, from, out, 0, length);
        return out;
    }

    private static int unstableCount(Network net, Bounds[] bounds) {
        int n = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.node(j) instanceof Relu r) {
                Bounds b = bounds[r.source()];
                for (int i = 0; i < b.size(); i++) {
                    n += b.lower()[i] < 0 && b.upper()[i] > 0 ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static void assertArrays(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }
}
