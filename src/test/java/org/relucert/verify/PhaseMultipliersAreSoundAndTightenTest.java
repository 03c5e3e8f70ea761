package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Bounds;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.Sampler;

/** The beta-CROWN multipliers of phase constraints: sound on every point of the phase, and they do tighten. */
class PhaseMultipliersAreSoundAndTightenTest {

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"21,3", "22,4", "23,5", "24,30", "25,3", "26,36", "27,2", "28,6"})
    void boundsWithMultipliersHoldOnEverySampledPointOfTheSubproblem(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        QueryBounder bounder = new QueryBounder(q.net);
        QueryBounds root = bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        SplittableRandom rnd = new SplittableRandom(seed);
        ReluSplits splits = ReluSplits.NONE;
        int fixed = 0;
        for (int j = 0; j < q.net.nodes().size() && fixed < 3; j++) {
            if (q.net.node(j) instanceof Relu r && r.source() != Network.INPUT) {
                Bounds b = root.nodeBounds()[r.source()];
                for (int i = 0; i < r.size() && fixed < 3; i++) {
                    if (ReluLines.unstable(b.lower()[i], b.upper()[i])) {
                        splits = splits.with(j, r.size(), i, rnd.nextBoolean() ? 1 : -1);
                        fixed++;
                    }
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(fixed > 0, "no unstable neuron on this seed");
        QueryBounds child = bounder.bound(q.box, splits, root.nodeBounds(), q.c, q.d);
        org.junit.jupiter.api.Assumptions.assumeFalse(child.infeasible(), "contradictory phases on this seed");
        QueryBounds tight = new SlopeOptimiser(q.net).optimise(q.box, child, q.c, q.d, 60, splits);
        int inPhase = 0;
        for (double[] x : Sampler.points(q.box, 3000, seed, 6)) {
            double[][] values = q.net.evaluateAll(x);
            if (!inPhase(q.net, splits, values)) {
                continue;
            }
            inPhase++;
            double[] y = q.net.evaluate(x);
            for (int r = 0; r < q.c.length; r++) {
                assertTrue(tight.rowLower()[r] <= q.row(r, y) + 1e-9, "row " + r);
            }
        }
        for (int r = 0; r < q.c.length; r++) {
            assertTrue(tight.rowLower()[r] >= child.rowLower()[r], "multipliers loosened row " + r);
        }
        assertTrue(inPhase > 0 || fixed > 1, "no sampled point in a single-split phase");
    }

    @Test
    void anActivePhaseLiftsTheBoundOfAnOutputThatBypassesTheSplitNeuron() {
        // y = x on [-1, 1] through a skip connection; the split fixes relu(x) active, i.e. x >= 0.
        // Clamping the neuron's bounds cannot help y (it does not read the neuron): its bound stays -1.
        // The multiplier of x >= 0 (bound of y - beta*x) reaches the true minimum 0 at beta = 1.
        Network net = NetJson.parse("""
                {"format": "relucert-net/1", "inputs": 1, "nodes": [
                  {"name": "h", "op": "affine", "from": ["input"], "weight": [[1]], "bias": [0]},
                  {"name": "r", "op": "relu", "from": ["h"]},
                  {"name": "y", "op": "affine", "from": ["r", "input"], "weight": [[0, 1]], "bias": [0]}],
                 "output": "y"}""", "bypass");
        Box box = new Box(new double[] {-1}, new double[] {1});
        double[][] c = {{1}};
        double[] d = {0};
        int relu = 1;
        ReluSplits active = ReluSplits.NONE.with(relu, 1, 0, 1);
        QueryBounder bounder = new QueryBounder(net);
        QueryBounds child = bounder.bound(box, active, null, c, d);
        assertEquals(-1.0, child.rowLower()[0], 1e-9);
        QueryBounds noMultipliers = new SlopeOptimiser(net).optimise(box, child, c, d, 40);
        assertEquals(-1.0, noMultipliers.rowLower()[0], 1e-9);
        QueryBounds withMultipliers = new SlopeOptimiser(net).optimise(box, child, c, d, 40, active);
        assertTrue(withMultipliers.rowLower()[0] > -0.15, "bound " + withMultipliers.rowLower()[0]);
        assertTrue(withMultipliers.rowLower()[0] <= 1e-9, "above the true minimum 0: " + withMultipliers.rowLower()[0]);

        // inactive phase, x <= 0: the minimum of y is -1 (no multiplier may lift it), that of -y is 0
        ReluSplits inactive = ReluSplits.NONE.with(relu, 1, 0, -1);
        SlopeOptimiser optimiser = new SlopeOptimiser(net);
        QueryBounds ofY = optimiser.optimise(box, bounder.bound(box, inactive, null, c, d), c, d, 40, inactive);
        assertTrue(ofY.rowLower()[0] <= -1 + 1e-9, "above the true minimum -1: " + ofY.rowLower()[0]);
        QueryBounds ofMinusY = optimiser.optimise(box, bounder.bound(box, inactive, null, new double[][] {{-1}}, d),
                new double[][] {{-1}}, d, 40, inactive);
        assertTrue(ofMinusY.rowLower()[0] > -0.15 && ofMinusY.rowLower()[0] <= 1e-9, "bound " + ofMinusY.rowLower()[0]);
    }

    private static boolean inPhase(Network net, ReluSplits splits, double[][] values) {
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.node(j) instanceof Relu r && !splits.none(j)) {
                double[] z = r.source() == Network.INPUT ? null : values[r.source()];
                for (int i = 0; i < r.size(); i++) {
                    int p = splits.phase(j, i);
                    if (p > 0 && z[i] < 0 || p < 0 && z[i] > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
