package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.Sampler;

/**
 * The filtered smart branching estimates ({@link FsbScore}): each is a sound bound of its child; on one
 * hidden layer (where a split changes nothing but the split neuron's lines) it is exactly the bound the
 * child gets; and where the row used a neuron's lower line, a multiplier of the new phase constraint
 * gives back the parent's bound, which is what lets the estimate take the parent's bound as a floor.
 */
class FsbEstimatesAreSoundAndExactTest {

    /** A subproblem of the queue for the bounds qb on the box under splits. */
    private static Subproblem subproblem(Box box, ReluSplits splits, QueryBounds qb) {
        return new Subproblem(0, box, splits, qb.value(), 0, null, qb.inputCoef(), qb.minimiser(), qb.reluCoef(),
                qb.nodeBounds(), splits.count(), 1, 0, qb.optimised(), qb.planeOffset(), qb.best());
    }

    /** {node, neuron} of every unsplit neuron unstable under the subproblem's bounds. */
    private static List<int[]> unstable(Network net, Subproblem s) {
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r == null || r.source() == Network.INPUT) {
                continue;
            }
            Bounds b = s.inherited()[r.source()];
            for (int i = 0; i < r.size(); i++) {
                if (ReluLines.unstable(b.lower()[i], b.upper()[i]) && s.splits().phase(j, i) == 0) {
                    out.add(new int[] {j, i});
                }
            }
        }
        return out;
    }

    /** True when x satisfies every phase constraint of splits. */
    private static boolean inPhases(Network net, ReluSplits splits, double[] x) {
        double[][] all = net.evaluateAll(x);
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r == null || splits.none(j)) {
                continue;
            }
            double[] z = r.source() == Network.INPUT ? x : all[r.source()];
            for (int i = 0; i < r.size(); i++) {
                int p = splits.phase(j, i);
                if ((p > 0 && z[i] < 0) || (p < 0 && z[i] > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"1,40", "2,40", "3,36", "4,5", "5,40", "6,3"})
    void everyChildEstimateBoundsEverySampledPointOfItsChild(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        QueryBounder bounder = new QueryBounder(q.net);
        SlopeOptimiser slopes = new SlopeOptimiser(q.net);
        QueryBounds root = slopes.optimise(q.box, bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d), q.c, q.d, 10);
        Subproblem parent = subproblem(q.box, ReluSplits.NONE, root);
        List<int[]> first = unstable(q.net, parent);
        Assumptions.assumeTrue(!first.isEmpty(), "no unstable neuron on this seed");
        // a parent that is itself split, so that its optimised multipliers enter the estimates
        int[] n0 = first.get(0);
        ReluSplits splits = ReluSplits.NONE.with(n0[0], q.net.node(n0[0]).size(), n0[1], 1);
        QueryBounds qb = slopes.optimise(q.box, bounder.bound(q.box, splits, root.nodeBounds(), q.c, q.d), q.c, q.d,
                10, splits, root.optimised());
        Assumptions.assumeTrue(!qb.infeasible(), "the active phase is empty on this seed");
        Subproblem s = subproblem(q.box, splits, qb);
        FsbScore.Parent p = new FsbScore(q.net).parent(s, q.c[s.row()], q.d[s.row()]);
        List<double[]> points = Sampler.points(q.box, 800, seed + 5, 6);
        int checked = 0;
        for (int[] n : unstable(q.net, s)) {
            for (int sign : new int[] {1, -1}) {
                ReluSplits child = splits.with(n[0], q.net.node(n[0]).size(), n[1], sign);
                double estimate = p.child(n[0], n[1], sign);
                for (double[] x : points) {
                    if (inPhases(q.net, child, x)) {
                        checked++;
                        double value = q.row(s.row(), q.net.evaluate(x));
                        assertTrue(estimate <= value + 1e-9, "neuron " + n[0] + "/" + n[1] + " phase " + sign
                                + ": estimate " + estimate + " above " + value);
                    }
                }
            }
        }
        for (double[] x : points) {
            if (inPhases(q.net, splits, x)) {
                assertTrue(p.bound() <= q.row(s.row(), q.net.evaluate(x)) + 1e-9, "parent bound");
            }
        }
        assertTrue(checked > 0 || unstable(q.net, s).isEmpty(), "no sampled point in any child");
    }

    @ParameterizedTest(name = "seed {0}, {1} inputs, {2} hidden")
    @CsvSource({"11,40,12", "12,40,20", "13,36,8", "14,4,10", "15,40,30"})
    void onOneHiddenLayerAnEstimateIsTheBoundTheChildGets(long seed, int inputs, int hidden) {
        Network net = RandomNetworks.fullyConnected(seed, inputs, new int[] {hidden}, 3);
        RandomQueries q = new RandomQueries(seed, inputs);
        Box box = q.box;
        QueryBounder bounder = new QueryBounder(net);
        QueryBounds root = bounder.bound(box, ReluSplits.NONE, null, q.c, q.d);
        Subproblem s = subproblem(box, ReluSplits.NONE, root);
        FsbScore.Parent p = new FsbScore(net).parent(s, q.c[s.row()], q.d[s.row()]);
        assertEquals(root.rowLower()[s.row()], p.bound(), 1e-9 * (1 + Math.abs(p.bound())), "parent");
        List<int[]> unstable = unstable(net, s);
        Assumptions.assumeTrue(!unstable.isEmpty(), "no unstable neuron on this seed");
        for (int[] n : unstable) {
            for (int sign : new int[] {1, -1}) {
                ReluSplits child = ReluSplits.NONE.with(n[0], hidden, n[1], sign);
                // the child's own bound: the nodes before the split keep the parent's bounds, as in branching
                double actual = bounder.bound(box, child, root.nodeBounds(), n[0], q.c, q.d, true).rowLower()[s.row()];
                double estimate = p.exactChild(n[0], n[1], sign);
                assertEquals(actual, estimate, 1e-9 * (1 + Math.abs(actual)), "neuron " + n[1] + " phase " + sign);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"21,40", "22,40", "23,36", "24,5", "25,40"})
    void aMultiplierGivesBackTheParentsBoundWhereTheRowUsedTheLowerLine(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        QueryBounder bounder = new QueryBounder(q.net);
        QueryBounds root = bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        Subproblem s = subproblem(q.box, ReluSplits.NONE, root);
        FsbScore.Parent p = new FsbScore(q.net).parent(s, q.c[s.row()], q.d[s.row()]);
        int tried = 0;
        for (int[] n : unstable(q.net, s)) {
            double a = s.reluCoef()[n[0]][n[1]];
            if (a <= 0) {
                continue;
            }
            tried++;
            for (int sign : new int[] {1, -1}) {
                ReluLines[] lines = root.lines().clone();
                ReluLines l = lines[n[0]];
                double slope = l.lowerSlope()[n[1]];
                double[][] term = new double[q.net.nodes().size()][];
                term[n[0]] = new double[q.net.node(n[0]).size()];
                // the term -beta·s·z with beta = a·slope (inactive) or a·(1 - slope) (active)
                double beta = sign < 0 ? a * slope : a * (1 - slope);
                assertTrue(beta >= 0, "multiplier " + beta);
                term[n[0]][n[1]] = -sign * beta;
                lines[n[0]] = exact(l, n[1], sign);
                double withBeta = BackSubstitution.run(q.net, q.net.output(), q.c[s.row()], 1, lines,
                        BackSubstitution.Options.oneSided(1).withTerm(term)
                                .withMagnitudes(BackSubstitution.magnitudes(root.nodeBounds(), q.box)))
                        .bounds().lowerBound(0, q.box) - q.d[s.row()];
                assertEquals(p.bound(), withBeta, 1e-9 * (1 + Math.abs(withBeta)), "phase " + sign);
                assertTrue(p.child(n[0], n[1], sign) >= p.bound(), "estimate below the parent's bound");
            }
        }
        Assumptions.assumeTrue(tried > 0, "no neuron with a positive coefficient on this seed");
    }

    @ParameterizedTest(name = "seed {0}, K = {1}")
    @CsvSource({"31,1", "32,3", "33,8", "34,100"})
    void theCandidatesAreTheBestInterceptScoresInOrder(long seed, int k) {
        RandomQueries q = new RandomQueries(seed, 40);
        QueryBounder bounder = new QueryBounder(q.net);
        QueryBounds root = bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        Subproblem s = subproblem(q.box, ReluSplits.NONE, root);
        List<int[]> all = unstable(q.net, s);
        Assumptions.assumeTrue(!all.isEmpty(), "no unstable neuron on this seed");
        Comparator<int[]> byScore = Comparator.comparingDouble(n -> -score(q.net, s, n));
        all.sort(byScore); // stable: ties keep node and neuron order
        int[][] top = new ReluBranching(q.net, bounder, new SlopeOptimiser(q.net), 0, k).topCandidates(s);
        assertEquals(Math.min(k, all.size()), top.length);
        for (int r = 0; r < top.length; r++) {
            assertArrayEquals(all.get(r), top[r], "candidate " + r);
        }
    }

    private static double score(Network net, Subproblem s, int[] n) {
        Bounds b = s.inherited()[net.relu(n[0]).source()];
        return ReluBranching.cheapScore(s.reluCoef()[n[0]][n[1]], b.lower()[n[1]], b.upper()[n[1]]);
    }

    /** The lines l with neuron i on its exact line for the phase sign. */
    private static ReluLines exact(ReluLines l, int i, int sign) {
        double[] ls = l.lowerSlope().clone();
        double[] li = l.lowerIntercept().clone();
        double[] us = l.upperSlope().clone();
        double[] ui = l.upperIntercept().clone();
        ls[i] = sign > 0 ? 1 : 0;
        us[i] = ls[i];
        li[i] = 0;
        ui[i] = 0;
        return new ReluLines(ls, li, us, ui);
    }
}
