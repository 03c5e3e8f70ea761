package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * The optimised back-substitution (shared forms, identity start, skipped zero columns) gives the same
 * linear bounds as a plain textbook implementation: one lower and one upper form per query row, pushed
 * through every node with explicit loops.
 */
class BackSubstitutionMatchesReferenceTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void optimisedBoundsEqualTextbookBounds(long seed) {
        int inputs = 1 + (int) (seed % 5);
        Network net = RandomNetworks.dag(seed, inputs, 1 + (int) (seed % 5), 30, 0.5, 3);
        Box box = RandomNetworks.box(seed + 5, inputs, 1.5);
        for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
            DeepPoly.State state = DeepPoly.propagate(net, box, rule);
            for (int j = 0; j < net.nodes().size(); j++) {
                if (!(net.node(j) instanceof Affine) || state.bounds()[j] == null) {
                    continue;
                }
                LinearBounds fast = BackSubstitution.runIdentity(net, j, state.lines());
                LinearBounds general = BackSubstitution.run(net, j, BackSubstitution.identity(net.sizeOf(j)),
                        net.sizeOf(j), state.lines());
                LinearBounds slow = reference(net, j, state.lines());
                assertSame(slow, fast, rule + " node " + j + " identity start");
                assertSame(slow, general, rule + " node " + j + " general query");
            }
        }
    }

    private static void assertSame(LinearBounds expected, LinearBounds actual, String what) {
        assertArrays(expected.lowerCoef(), actual.lowerCoef(), what + " lower coefficients");
        assertArrays(expected.upperCoef(), actual.upperCoef(), what + " upper coefficients");
        assertArrays(expected.lowerConst(), actual.lowerConst(), what + " lower constants");
        assertArrays(expected.upperConst(), actual.upperConst(), what + " upper constants");
    }

    private static void assertArrays(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    /** Textbook back-substitution of the identity query on node target. */
    static LinearBounds reference(Network net, int target, ReluLines[] lines) {
        int size = net.sizeOf(target);
        int d = net.inputSize();
        int n = net.nodes().size();
        double[][][] lower = new double[n + 1][][];
        double[][][] upper = new double[n + 1][][];
        double[] lowerConst = new double[size];
        double[] upperConst = new double[size];
        lower[target] = new double[size][size];
        upper[target] = new double[size][size];
        for (int i = 0; i < size; i++) {
            lower[target][i][i] = 1;
            upper[target][i][i] = 1;
        }
        for (int j = target; j >= 0; j--) {
            if (lower[j] == null) {
                continue;
            }
            Node node = net.node(j);
            int[] from = node.from();
            for (int r = 0; r < size; r++) {
                if (node instanceof Affine a) {
                    lowerConst[r] += dot(lower[j][r], a.bias());
                    upperConst[r] += dot(upper[j][r], a.bias());
                    int col = 0;
                    for (int k = 0; k < from.length; k++) {
                        int f = from[k] == Network.INPUT ? n : from[k];
                        int fs = net.sizeOf(from[k]);
                        if (lower[f] == null) {
                            lower[f] = new double[size][fs];
                            upper[f] = new double[size][fs];
                        }
                        for (int c = 0; c < fs; c++) {
                            for (int i = 0; i < a.size(); i++) {
                                lower[f][r][c] += lower[j][r][i] * a.weight(i, col + c);
                                upper[f][r][c] += upper[j][r][i] * a.weight(i, col + c);
                            }
                        }
                        col += fs;
                    }
                } else {
                    Relu relu = (Relu) node;
                    ReluLines l = lines[j];
                    int f = relu.source() == Network.INPUT ? n : relu.source();
                    if (lower[f] == null) {
                        lower[f] = new double[size][relu.size()];
                        upper[f] = new double[size][relu.size()];
                    }
                    for (int i = 0; i < relu.size(); i++) {
                        double a = lower[j][r][i];
                        boolean lowerLine = a >= 0;
                        lower[f][r][i] += a * (lowerLine ? l.lowerSlope()[i] : l.upperSlope()[i]);
                        lowerConst[r] += a * (lowerLine ? l.lowerIntercept()[i] : l.upperIntercept()[i]);
                        double b = upper[j][r][i];
                        boolean upperLine = b >= 0;
                        upper[f][r][i] += b * (upperLine ? l.upperSlope()[i] : l.lowerSlope()[i]);
                        upperConst[r] += b * (upperLine ? l.upperIntercept()[i] : l.lowerIntercept()[i]);
                    }
                }
            }
        }
        double[] lc = new double[size * d];
        double[] uc = new double[size * d];
        for (int r = 0; r < size; r++) {
            if (lower[n] != null) {
                System.arraycopy(lower[n][r], 0, lc, r * d, d);
                System.arraycopy(upper[n][r], 0, uc, r * d, d);
            }
        }
        return new LinearBounds(size, d, lc, lowerConst, uc, upperConst);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
