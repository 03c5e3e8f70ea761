package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * The clipped ramps (§5.1) under Triangle with LP pre-activation bounds (§3.4), written here over the LP
 * adapter for univariate networks so that the Table 1 ✓ for Triangle on M-CPWL is checked on this branch.
 */
class RampsUnderTriangleTest {

    /** {lower, upper} of the Triangle LP of a univariate network on [l, u]. */
    static double[] triangle(Network net, double l, double u) {
        int n = net.nodes().size();
        double[][][] reluBounds = new double[n][][];
        for (int j = 0; j < n; j++) {
            if (net.node(j) instanceof Relu r) {
                reluBounds[j] = new double[r.size()][];
                for (int i = 0; i < r.size(); i++) {
                    reluBounds[j][i] = new double[] {solve(net, l, u, reluBounds, j, r.source(), i, false),
                            solve(net, l, u, reluBounds, j, r.source(), i, true)};
                }
            }
        }
        return new double[] {solve(net, l, u, reluBounds, n, net.output(), 0, false),
                solve(net, l, u, reluBounds, n, net.output(), 0, true)};
    }

    /** Optimises entry {@code entry} of node {@code target} in a fresh LP of the nodes before {@code upTo}. */
    private static double solve(Network net, double l, double u, double[][][] reluBounds, int upTo, int target,
                                int entry, boolean max) {
        try (LinearProgram lp = LinearProgram.lp()) {
            int x = lp.addVariable(l, u, false);
            if (target == Network.INPUT) {
                return max ? u : l;
            }
            int[][] vars = new int[upTo][];
            for (int j = 0; j < upTo; j++) {
                Node node = net.node(j);
                vars[j] = new int[node.size()];
                if (node instanceof Affine a) {
                    int[] from = a.from();
                    for (int r = 0; r < a.size(); r++) {
                        vars[j][r] = lp.addVariable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
                        java.util.List<Integer> vs = new java.util.ArrayList<>();
                        java.util.List<Double> cs = new java.util.ArrayList<>();
                        vs.add(vars[j][r]);
                        cs.add(-1.0);
                        for (int k = 0; k < from.length; k++) {
                            int size = a.fromSizes()[k];
                            for (int c = 0; c < size; c++) {
                                vs.add(from[k] == Network.INPUT ? x : vars[from[k]][c]);
                                cs.add(a.block(k)[r * size + c]);
                            }
                        }
                        lp.addConstraint(vs.stream().mapToInt(Integer::intValue).toArray(),
                                cs.stream().mapToDouble(Double::doubleValue).toArray(), -a.bias()[r], -a.bias()[r]);
                    }
                } else {
                    Relu r = (Relu) node;
                    for (int i = 0; i < r.size(); i++) {
                        int z = r.source() == Network.INPUT ? x : vars[r.source()][i];
                        double zl = reluBounds[j][i][0];
                        double zu = reluBounds[j][i][1];
                        // stable active: y = z (no sign bound on y, so rounding in zl cannot make the LP infeasible)
                        int y = lp.addVariable(zl >= 0 ? Double.NEGATIVE_INFINITY : 0, Double.POSITIVE_INFINITY, false);
                        vars[j][i] = y;
                        if (zu <= 0) {
                            lp.addConstraint(new int[] {y}, new double[] {1}, 0, 0);
                        } else if (zl >= 0) {
                            lp.addConstraint(new int[] {y, z}, new double[] {1, -1}, 0, 0);
                        } else {
                            lp.addConstraint(new int[] {y, z}, new double[] {1, -1}, 0, Double.POSITIVE_INFINITY);
                            double scale = 1e-9 * Math.max(1, zu - zl);
                            if (zu < scale) {
                                // nearly inactive: a chord of slope ~1e-17 makes GLOP abort (ABNORMAL); y <= zu is
                                // sound (the chord never exceeds zu) and well conditioned
                                lp.setBounds(y, 0, zu);
                            } else if (-zl < scale) {
                                // nearly active: the chord is below z - zl, also sound
                                lp.addConstraint(new int[] {y, z}, new double[] {1, -1}, Double.NEGATIVE_INFINITY, -zl);
                            } else {
                                double s = zu / (zu - zl);
                                lp.addConstraint(new int[] {y, z}, new double[] {1, -s}, Double.NEGATIVE_INFINITY, -s * zl);
                            }
                        }
                    }
                }
            }
            LinearProgram.Solution s = lp.optimise(new int[] {vars[target][entry]}, new double[] {1}, 0, max, 10);
            assertTrue(s.optimal(), "LP status " + s.status() + " on [" + l + ", " + u + "]");
            return s.objective();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void clippedRampsAreTriangleExactOnMonotoneFunctions(long seed) {
        Cpwl f = RandomFunctions.monotone(seed, 3, seed % 2 == 0);
        Network net = Encoders.encode(f, "triangle").network();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < 50; k++) {
            double[] lu = RandomFunctions.subInterval(f, rnd);
            double[] exact = f.range(lu[0], lu[1]);
            double[] t = triangle(net, lu[0], lu[1]);
            assertEquals(exact[0], t[0], 1e-6, "lower on " + lu[0] + ":" + lu[1] + " for " + f);
            assertEquals(exact[1], t[1], 1e-6, "upper on " + lu[0] + ":" + lu[1] + " for " + f);
        }
    }

    @org.junit.jupiter.api.Test
    void differenceEncodingOfTheRampIsNotTriangleExact() {
        // §10.1: h2 = R(x - 1) - R(x - 2) on [0, 3] gets [-1/3, 4/3] under Triangle
        Network h2 = UnivariateForms.base((Cpwl) FunctionParser.parse("cpwl: 0:0, 1:0, 2:1, 3:1")).toNetwork();
        double[] t = triangle(h2, 0, 3);
        assertEquals(-1.0 / 3, t[0], 1e-6);
        assertEquals(4.0 / 3, t[1], 1e-6);
    }
}
