package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.Progress;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

/**
 * The verifier on residual convolutional networks (Conv and Add nodes, see {@link ConvAddNetworks}): sound
 * query bounds, slopes, multipliers and intermediate slopes on sampled points, the exact gradient of the
 * falsifier, stable-leaf LPs, and correct verdicts on a property that holds and one that is violated, for
 * a low-dimensional input (forward pass, input splitting) and a 50-dimensional one (ReLU splitting).
 */
class VerifyWorksOnConvAndAddNetworksTest {

    /** A network, a box and output rows c·y <= d. */
    private record Query(Network net, Box box, double[][] c, double[] d) {
        static Query of(long seed, boolean wide) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Network net = wide ? ConvAddNetworks.wide(seed) : ConvAddNetworks.small(seed);
            int dim = net.inputSize();
            double[] lo = new double[dim];
            double[] hi = new double[dim];
            double eps = wide ? 0.15 : 0.8;
            for (int i = 0; i < dim; i++) {
                double centre = rnd.nextDouble(-1, 1);
                lo[i] = centre - eps * rnd.nextDouble(0.2, 1);
                hi[i] = centre + eps * rnd.nextDouble(0.2, 1);
            }
            int rows = 1 + rnd.nextInt(3);
            double[][] c = new double[rows][3];
            double[] d = new double[rows];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < 3; k++) {
                    c[r][k] = rnd.nextDouble(-1, 1);
                }
                d[r] = rnd.nextDouble(-0.3, 0.3);
            }
            return new Query(net, new Box(lo, hi), c, d);
        }

        double row(int r, double[] y) {
            double s = -d[r];
            for (int k = 0; k < y.length; k++) {
                s += c[r][k] * y[k];
            }
            return s;
        }

        double sampledMin(int r, long seed) {
            double min = Double.POSITIVE_INFINITY;
            for (double[] x : Sampler.points(box, 3000, seed, 6)) {
                min = Math.min(min, row(r, net.evaluate(x)));
            }
            return min;
        }
    }

    @ParameterizedTest(name = "seed {0}, wide {1}")
    @CsvSource({"1,false", "2,false", "3,false", "4,false", "5,true", "6,true", "7,true"})
    void boundsSlopesAndMultipliersHoldOnSampledPoints(long seed, boolean wide) {
        Query q = Query.of(seed, wide);
        QueryBounder bounder = new QueryBounder(q.net());
        QueryBounds root = bounder.bound(q.box(), ReluSplits.NONE, null, q.c(), q.d());
        QueryBounds alpha = new SlopeOptimiser(q.net()).optimise(q.box(), root, q.c(), q.d(), 30);
        Bounds[] tight = new IntermediateSlopes(q.net()).tighten(q.box(), root.nodeBounds(), 10, Long.MAX_VALUE);
        for (int r = 0; r < q.c().length; r++) {
            assertTrue(alpha.rowLower()[r] >= root.rowLower()[r] - 1e-12, "slopes loosened row " + r);
        }
        for (double[] x : Sampler.points(q.box(), 1500, seed, 6)) {
            double[][] values = q.net().evaluateAll(x);
            double[] y = values[q.net().output()];
            for (int r = 0; r < q.c().length; r++) {
                assertTrue(root.rowLower()[r] <= q.row(r, y) + 1e-9, "row " + r);
                assertTrue(alpha.rowLower()[r] <= q.row(r, y) + 1e-9, "optimised row " + r);
            }
            for (int j = 0; j < values.length; j++) {
                for (int i = 0; i < values[j].length; i++) {
                    assertTrue(root.nodeBounds()[j].contains(i, values[j][i], 1e-9), "node " + j + " entry " + i);
                    assertTrue(tight[j].contains(i, values[j][i], 1e-9), "tightened node " + j + " entry " + i);
                }
            }
        }
        int[] neuron = firstUnstable(q.net(), root.nodeBounds());
        org.junit.jupiter.api.Assumptions.assumeTrue(neuron != null, "no unstable neuron");
        int size = q.net().node(neuron[0]).size();
        int source = q.net().relu(neuron[0]).source();
        for (int sign : new int[] {1, -1}) {
            ReluSplits splits = ReluSplits.NONE.with(neuron[0], size, neuron[1], sign);
            QueryBounds child = bounder.bound(q.box(), splits, root.nodeBounds(), neuron[0], q.c(), q.d(), true);
            QueryBounds beta = new SlopeOptimiser(q.net()).optimise(q.box(), child, q.c(), q.d(), 30, splits);
            for (double[] x : Sampler.points(q.box(), 1500, seed + sign, 6)) {
                double[][] values = q.net().evaluateAll(x);
                double z = values[source][neuron[1]];
                if (sign > 0 ? z < 0 : z > 0) {
                    continue;
                }
                double[] y = values[q.net().output()];
                for (int r = 0; r < q.c().length; r++) {
                    assertTrue(child.infeasible() || child.rowLower()[r] <= q.row(r, y) + 1e-9, "phase " + sign);
                    assertTrue(beta.infeasible() || beta.rowLower()[r] <= q.row(r, y) + 1e-9, "beta, phase " + sign);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, wide {1}")
    @CsvSource({"11,false", "12,true"})
    void falsifierGradientIsTheNetworksGradient(long seed, boolean wide) {
        Query q = Query.of(seed, wide);
        Property.Case cs = new Property.Case(q.box(), new double[][] {q.c()[0]}, new double[] {q.d()[0]});
        Falsifier f = new Falsifier(q.net());
        double h = 1e-7;
        for (double[] x : Sampler.points(q.box(), 5, seed, 0)) {
            double[] g = f.gradient(cs, x);
            for (int i = 0; i < x.length; i++) {
                double[] a = x.clone();
                double[] b = x.clone();
                a[i] -= h;
                b[i] += h;
                double fd = (q.row(0, q.net().evaluate(b)) - q.row(0, q.net().evaluate(a))) / (2 * h);
                assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), "input " + i);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"21", "22", "23"})
    void lowDimensionalVerdictsAreCorrect(long seed) {
        Query q = Query.of(seed, false);
        double[] c = q.c()[0];
        // a sound lower bound of the row, close to its minimum: DeepPoly on a 4^6 grid of sub-boxes
        double holds = gridLowerBound(q.net(), q.box(), c, 4) - q.d()[0] - 1e-6;
        double root = new QueryBounder(q.net()).bound(q.box(), ReluSplits.NONE, null, new double[][] {c},
                new double[] {q.d()[0]}).value();
        Verdict v = verify(q, c, q.d()[0] + holds);
        assertEquals(Verdict.Kind.UNSAT, v.kind(), "threshold " + holds + " (root bound " + root + "): " + v.note());
        double violated = q.sampledMin(0, seed) + 0.02;
        Verdict w = verify(q, c, q.d()[0] + violated);
        assertSat(q, c, q.d()[0] + violated, w);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"31", "32"})
    void highDimensionalVerdictsAreCorrect(long seed) {
        Query q = Query.of(seed, true);
        double[] c = q.c()[0];
        double root = new QueryBounder(q.net()).bound(q.box(), ReluSplits.NONE, null, new double[][] {c},
                new double[] {0}).value();
        Verdict v = verify(q, c, root - 1e-3);
        assertEquals(Verdict.Kind.UNSAT, v.kind(), v.note());
        // a box wide in three of the 50 inputs only: a grid over those gives a sound bound near the minimum,
        // and a threshold between the root bound and it needs ReLU splitting
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] lo = q.box().centre();
        double[] hi = lo.clone();
        int[] wideDims = {rnd.nextInt(50), rnd.nextInt(50), rnd.nextInt(50)};
        for (int i : wideDims) {
            lo[i] -= 0.6;
            hi[i] += 0.6;
        }
        Query thin = new Query(q.net(), new Box(lo, hi), q.c(), q.d());
        double sound = gridLowerBound(q.net(), thin.box(), c, 10);
        double thinRoot = new QueryBounder(q.net()).bound(thin.box(), ReluSplits.NONE, null, new double[][] {c},
                new double[] {0}).value();
        double between = sound - 0.25 * (sound - thinRoot);
        Verdict u = verify(thin, c, between);
        assertEquals(Verdict.Kind.UNSAT, u.kind(), "root " + thinRoot + ", threshold " + between + ", grid bound "
                + sound + ": " + u.note());
        double violated = q.sampledMin(0, seed) + q.d()[0] + 0.01;
        assertSat(q, c, violated, verify(q, c, violated));
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"41", "42"})
    void stableLeafLinearProgramDecidesAPhaseFixedLeaf(long seed) {
        Query q = Query.of(seed, true);
        Network net = q.net();
        double[] x0 = q.box().centre();
        double[][] at = net.evaluateAll(x0);
        QueryBounder bounder = new QueryBounder(net);
        double[][] c = {q.c()[0]};
        double[] d = {q.row(0, at[net.output()]) + q.d()[0] + 0.05};
        // fix every neuron that is unstable on the leaf to its phase at x0, until none is left
        ReluSplits splits = ReluSplits.NONE;
        QueryBounds qb = bounder.bound(q.box(), splits, null, c, d);
        for (int round = 0; round < 20; round++) {
            ReluSplits next = splits;
            for (int j = 0; j < net.nodes().size(); j++) {
                Relu r = net.relu(j);
                if (r == null) {
                    continue;
                }
                Bounds src = qb.nodeBounds()[r.source()];
                for (int i = 0; i < r.size(); i++) {
                    if (ReluLines.unstable(src.lower()[i], src.upper()[i]) && next.phase(j, i) == 0) {
                        next = next.with(j, r.size(), i, at[r.source()][i] >= 0 ? 1 : -1);
                    }
                }
            }
            if (next == splits) {
                break;
            }
            splits = next;
            qb = bounder.bound(q.box(), splits, null, c, d);
            assertFalse(qb.infeasible(), "x0 lies in the leaf");
        }
        LeafLp.Result feasible = LeafLp.solve(net, q.box(), splits, qb.lines(), qb.nodeBounds(), c, d, 10);
        assertFalse(feasible.infeasible(), "x0 is in the leaf and violates");
        assertNotNull(feasible.candidate());
        double[] y = net.evaluate(feasible.candidate());
        assertTrue(q.box().contains(feasible.candidate(), 0));
        assertTrue(q.row(0, y) + q.d()[0] <= d[0] + 1e-4, "the candidate's row " + (q.row(0, y) + q.d()[0]));
        double[] below = {d[0] + qb.value() - 0.01};
        LeafLp.Result none = LeafLp.solve(net, q.box(), splits, qb.lines(), qb.nodeBounds(), c, below, 10);
        assertTrue(none.infeasible(), "the leaf's bound rules this threshold out");
    }

    private static Verdict verify(Query q, double[] c, double d) {
        Property p = new Property(q.net().inputSize(), q.net().outputSize(),
                List.of(new Property.Case(q.box(), new double[][] {c}, new double[] {d})));
        return Verifier.verify(q.net(), p, new Verifier.Options(30, 2, 20, -1, 1), Progress.NONE);
    }

    private static void assertSat(Query q, double[] c, double d, Verdict v) {
        assertEquals(Verdict.Kind.SAT, v.kind(), v.note());
        assertTrue(q.box().contains(v.x(), 0));
        double s = -d;
        double[] y = q.net().evaluate(v.x());
        for (int k = 0; k < y.length; k++) {
            s += c[k] * y[k];
        }
        assertTrue(s <= 0, "counterexample margin " + s);
    }

    /**
     * min over a grid of sub-boxes (each dimension of positive width in {@code parts}) of the DeepPoly lower
     * bound of c·y: a sound lower bound over the box.
     */
    private static double gridLowerBound(Network net, Box box, double[] c, int partsPerDim) {
        int dim = box.dim();
        int[] index = new int[dim];
        int[] split = new int[dim];
        for (int i = 0; i < dim; i++) {
            split[i] = box.upper()[i] > box.lower()[i] ? partsPerDim : 1;
        }
        double min = Double.POSITIVE_INFINITY;
        while (true) {
            double[] lo = new double[dim];
            double[] hi = new double[dim];
            for (int i = 0; i < dim; i++) {
                int parts = split[i];
                double w = (box.upper()[i] - box.lower()[i]) / parts;
                lo[i] = box.lower()[i] + index[i] * w;
                hi[i] = index[i] == parts - 1 ? box.upper()[i] : lo[i] + w;
            }
            Bounds out = DeepPoly.propagate(net, new Box(lo, hi), DeepPoly.SlopeRule.AREA).bounds()[net.output()];
            double s = 0;
            for (int k = 0; k < c.length; k++) {
                s += c[k] >= 0 ? c[k] * out.lower()[k] : c[k] * out.upper()[k];
            }
            min = Math.min(min, s);
            int i = 0;
            while (i < dim && ++index[i] == split[i]) {
                index[i++] = 0;
            }
            if (i == dim) {
                return min;
            }
        }
    }

    private static int[] firstUnstable(Network net, Bounds[] bounds) {
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r != null && r.source() != Network.INPUT) {
                Bounds b = bounds[r.source()];
                for (int i = 0; i < r.size(); i++) {
                    if (ReluLines.unstable(b.lower()[i], b.upper()[i])) {
                        return new int[] {j, i};
                    }
                }
            }
        }
        return null;
    }
}
