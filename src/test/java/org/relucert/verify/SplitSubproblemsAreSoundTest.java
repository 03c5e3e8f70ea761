package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.Sampler;

class SplitSubproblemsAreSoundTest {

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"1,3", "2,4", "3,5", "4,40", "5,3", "6,36"})
    void reluPhaseChildrenBoundEveryPointOfTheirPhase(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        QueryBounder bounder = new QueryBounder(q.net);
        QueryBounds root = bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        int[] neuron = firstUnstable(q.net, root.nodeBounds());
        org.junit.jupiter.api.Assumptions.assumeTrue(neuron != null, "no unstable neuron on this seed");
        Relu relu = (Relu) q.net.node(neuron[0]);
        for (int sign : new int[] {1, -1}) {
            ReluSplits splits = ReluSplits.NONE.with(neuron[0], relu.size(), neuron[1], sign);
            QueryBounds child = bounder.bound(q.box, splits, root.nodeBounds(), q.c, q.d);
            QueryBounds tight = new SlopeOptimiser(q.net).optimise(q.box, child, q.c, q.d, 20);
            int inPhase = 0;
            for (double[] x : Sampler.points(q.box, 600, seed + sign, 6)) {
                double z = q.net.evaluateAll(x)[relu.source()][neuron[1]];
                if (sign > 0 ? z < 0 : z > 0) {
                    continue;
                }
                inPhase++;
                double[] y = q.net.evaluate(x);
                for (int r = 0; r < q.c.length; r++) {
                    assertTrue(child.infeasible() || child.rowLower()[r] <= q.row(r, y) + 1e-9, "phase " + sign);
                    assertTrue(tight.infeasible() || tight.rowLower()[r] <= q.row(r, y) + 1e-9, "phase " + sign);
                }
            }
            assertTrue(inPhase == 0 || !child.infeasible(), "a phase with sampled points was called empty");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13", "14"})
    void inputHalvesWithInheritedBoundsStaySound(long seed) {
        RandomQueries q = new RandomQueries(seed, 3);
        QueryBounder bounder = new QueryBounder(q.net);
        QueryBounds root = bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        Box box = q.box;
        int dim = InputBranching.chooseDimension(box, root.inputCoef());
        double mid = 0.5 * (box.lower()[dim] + box.upper()[dim]);
        double[] hi = box.upper().clone();
        hi[dim] = mid;
        Box left = new Box(box.lower(), hi);
        for (boolean refine : new boolean[] {true, false}) {
            QueryBounds child = bounder.bound(left, ReluSplits.NONE, root.nodeBounds(), q.c, q.d, refine);
            for (double[] x : Sampler.points(left, 300, seed, 6)) {
                double[] y = q.net.evaluate(x);
                for (int r = 0; r < q.c.length; r++) {
                    assertTrue(child.rowLower()[r] <= q.row(r, y) + 1e-9, "refine " + refine + " row " + r);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"1,3", "2,4", "3,5", "4,40", "6,36"})
    void reusingTheParentsBoundsBeforeTheSplitChangesNothing(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        QueryBounder bounder = new QueryBounder(q.net);
        QueryBounds root = bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        int[] neuron = lastUnstable(q.net, root.nodeBounds());
        org.junit.jupiter.api.Assumptions.assumeTrue(neuron != null, "no unstable neuron on this seed");
        Relu relu = (Relu) q.net.node(neuron[0]);
        for (int sign : new int[] {1, -1}) {
            ReluSplits splits = ReluSplits.NONE.with(neuron[0], relu.size(), neuron[1], sign);
            QueryBounds full = bounder.bound(q.box, splits, root.nodeBounds(), q.c, q.d);
            QueryBounds reused = bounder.bound(q.box, splits, root.nodeBounds(), neuron[0], q.c, q.d, true);
            assertEquals(full.infeasible(), reused.infeasible(), "phase " + sign);
            for (int r = 0; r < q.c.length && !full.infeasible(); r++) {
                assertEquals(full.rowLower()[r], reused.rowLower()[r], 1e-9 * (1 + Math.abs(full.rowLower()[r])),
                        "phase " + sign + " row " + r);
            }
        }
    }

    private static int[] lastUnstable(Network net, Bounds[] bounds) {
        int[] last = null;
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.node(j) instanceof Relu r && r.source() != Network.INPUT) {
                Bounds b = bounds[r.source()];
                for (int i = 0; i < r.size(); i++) {
                    if (ReluLines.unstable(b.lower()[i], b.upper()[i])) {
                        last = new int[] {j, i};
                    }
                }
            }
        }
        return last;
    }

    private static int[] firstUnstable(Network net, Bounds[] bounds) {
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.node(j) instanceof Relu r && r.source() != Network.INPUT) {
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
