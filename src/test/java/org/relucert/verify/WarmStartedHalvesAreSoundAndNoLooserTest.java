package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * Halves of input splitting whose parent carries optimised intermediate slopes start their own
 * intermediate-slope optimisation from them ({@link InputBranching#WARM_STEPS} steps instead of
 * {@link InputBranching#INTERMEDIATE_STEPS}): their bounds must still hold at every sampled point of the
 * half, and be no looser than what the parent's bound already gives on the half.
 */
class WarmStartedHalvesAreSoundAndNoLooserTest {

    /** A deep narrow network like ACAS Xu (few inputs, several hidden layers), a box and one or two rows. */
    private record Case(Network net, Box box, double[][] c, double[] d) {
        double row(int r, double[] y) {
            double s = -d[r];
            for (int j = 0; j < y.length; j++) {
                s += c[r][j] * y[j];
            }
            return s;
        }
    }

    /** Rows whose constant is the sampled minimum: no half that contains a minimiser can be closed. */
    private static Case randomCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Network net = RandomNetworks.fullyConnected(seed, 5, new int[] {16, 16, 16, 16}, 3);
        Box box = RandomNetworks.box(seed + 1, 5, 1.0);
        int rows = 1 + rnd.nextInt(2);
        double[][] c = new double[rows][3];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 3; j++) {
                c[r][j] = rnd.nextDouble(-1, 1);
            }
        }
        double[] d = new double[rows];
        for (int r = 0; r < rows; r++) {
            double min = Double.POSITIVE_INFINITY;
            for (double[] x : Sampler.points(box, 400, seed, 6)) {
                double[] y = net.evaluate(x);
                double v = 0;
                for (int j = 0; j < 3; j++) {
                    v += c[r][j] * y[j];
                }
                min = Math.min(min, v);
            }
            d[r] = min;
        }
        return new Case(net, box, c, d);
    }

    private static Subproblem subproblem(Box box, QueryBounds qb, int depth) {
        return new Subproblem(0, box, ReluSplits.NONE, qb.value(), 0, null, qb.inputCoef(), qb.minimiser(), null,
                qb.nodeBounds(), depth, 1, 0, qb.optimised(), qb.planeOffset(), qb.best());
    }

    /** The parent's best-row plane inputCoef·x + planeOffset minimised over the box: its bound restricted there. */
    private static double planeMin(Subproblem parent, Box box) {
        double v = parent.planeOffset();
        for (int i = 0; i < box.dim(); i++) {
            double a = parent.inputCoef()[i];
            v += Math.min(a * box.lower()[i], a * box.upper()[i]);
        }
        return v;
    }

    /** The halves of the root's halves: the second generation starts warm, from the first's slopes. */
    private static List<Object[]> grandchildren(Case k) {
        QueryBounder bounder = new QueryBounder(k.net);
        InputBranching branching = new InputBranching(k.net, bounder, new SlopeOptimiser(k.net), 10, Long.MAX_VALUE,
                null);
        ConjunctionRows.Rows rows = new ConjunctionRows.Rows(k.c, k.d);
        QueryBounds rootBounds = bounder.bound(k.box, ReluSplits.NONE, null, k.c, k.d);
        List<Object[]> out = new ArrayList<>();
        InputBranching.Half[] halves = branching.split(subproblem(k.box, rootBounds, 0), rows);
        for (InputBranching.Half h : halves) {
            if (h.bounds().verified()) {
                continue;
            }
            Subproblem parent = subproblem(h.box(), h.bounds(), 1);
            assertNotNull(parent.warm(), "an open half carries its slopes");
            assertNotNull(parent.warm().intermediate(), "an open half carries its intermediate slopes");
            InputBranching.Half[] second = branching.split(parent, rows);
            for (InputBranching.Half g : second) {
                out.add(new Object[] {parent, g});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"41", "42", "43", "44", "45", "46", "47", "48"})
    void warmStartedHalvesBoundEverySampledPointOfTheirBox(long seed) {
        Case k = randomCase(seed);
        List<Object[]> pairs = grandchildren(k);
        org.junit.jupiter.api.Assumptions.assumeFalse(pairs.isEmpty(), "the root's halves closed on this seed");
        for (Object[] p : pairs) {
            InputBranching.Half g = (InputBranching.Half) p[1];
            QueryBounds qb = g.bounds();
            for (double[] x : Sampler.points(g.box(), 500, seed + 7, 6)) {
                double[] y = k.net.evaluate(x);
                for (int r = 0; r < k.c.length; r++) {
                    assertTrue(qb.rowLower()[r] <= k.row(r, y) + 1e-9,
                            "row " + r + ": bound " + qb.rowLower()[r] + " above sampled " + k.row(r, y));
                }
                Bounds[] nb = qb.nodeBounds();
                if (nb == null) {
                    continue; // closed by the quick estimate, which has no node bounds of its own to check
                }
                double[][] v = k.net.evaluateAll(x);
                for (int j = 0; j < v.length; j++) {
                    for (int i = 0; i < v[j].length; i++) {
                        assertTrue(nb[j].lower()[i] <= v[j][i] + 1e-9 && v[j][i] <= nb[j].upper()[i] + 1e-9,
                                "node " + j + " neuron " + i + " value " + v[j][i] + " outside "
                                        + nb[j].lower()[i] + ".." + nb[j].upper()[i]);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"41", "42", "43", "44", "45", "46", "47", "48"})
    void warmStartedHalvesAreNoLooserThanTheirParentOnThem(long seed) {
        Case k = randomCase(seed);
        List<Object[]> pairs = grandchildren(k);
        org.junit.jupiter.api.Assumptions.assumeFalse(pairs.isEmpty(), "the root's halves closed on this seed");
        for (Object[] p : pairs) {
            Subproblem parent = (Subproblem) p[0];
            InputBranching.Half g = (InputBranching.Half) p[1];
            double restricted = planeMin(parent, g.box());
            assertTrue(g.bounds().rowLower()[parent.row()] >= restricted - 1e-9,
                    "half's bound " + g.bounds().rowLower()[parent.row()] + " below the parent's plane on it "
                            + restricted);
            Bounds[] nb = g.bounds().nodeBounds();
            if (nb == null) {
                continue;
            }
            for (int j = 0; j < nb.length; j++) {
                for (int i = 0; i < nb[j].size(); i++) {
                    assertTrue(nb[j].lower()[i] >= parent.inherited()[j].lower()[i]
                                    && nb[j].upper()[i] <= parent.inherited()[j].upper()[i],
                            "node " + j + " neuron " + i + " wider than in the parent");
                }
            }
        }
    }
}
