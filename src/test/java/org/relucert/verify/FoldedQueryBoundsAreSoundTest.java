package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Bounds;
import org.relucert.net.Sampler;

class FoldedQueryBoundsAreSoundTest {

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"1,3", "2,3", "3,5", "4,5", "5,2", "6,8", "7,40", "8,40", "9,36", "10,4"})
    void rowLowerBoundsStayBelowSampledDifferences(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        QueryBounds qb = new QueryBounder(q.net).bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        for (double[] x : Sampler.points(q.box, 400, seed, 6)) {
            double[] y = q.net.evaluate(x);
            for (int r = 0; r < q.c.length; r++) {
                assertTrue(qb.rowLower()[r] <= q.row(r, y) + 1e-9,
                        "row " + r + ": bound " + qb.rowLower()[r] + " above sampled " + q.row(r, y));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"11,3", "12,5", "13,40"})
    void intermediateBoundsContainSampledPreActivations(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        QueryBounds qb = new QueryBounder(q.net).bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        for (double[] x : Sampler.points(q.box, 300, seed, 6)) {
            double[][] values = q.net.evaluateAll(x);
            for (int j = 0; j < values.length; j++) {
                Bounds b = qb.nodeBounds()[j];
                for (int i = 0; i < values[j].length; i++) {
                    assertTrue(b.contains(i, values[j][i], 1e-9), "node " + j + " neuron " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"21", "22", "23", "24"})
    void foldedRowIsAtLeastAsTightAsDifferenceOfOutputBounds(long seed) {
        RandomQueries q = new RandomQueries(seed, 4);
        QueryBounds qb = new QueryBounder(q.net).bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        Bounds out = DeepPoly.propagate(q.net, q.box, DeepPoly.SlopeRule.AREA).bounds()[q.net.output()];
        for (int r = 0; r < q.c.length; r++) {
            double viaOutputs = -q.d[r];
            for (int j = 0; j < q.c[r].length; j++) {
                viaOutputs += q.c[r][j] >= 0 ? q.c[r][j] * out.lower()[j] : q.c[r][j] * out.upper()[j];
            }
            assertTrue(qb.rowLower()[r] >= viaOutputs - 1e-9,
                    "folded " + qb.rowLower()[r] + " looser than difference of bounds " + viaOutputs);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"31", "32"})
    void bestRowIsTheLargestLowerBound(long seed) {
        RandomQueries q = new RandomQueries(seed, 3);
        QueryBounds qb = new QueryBounder(q.net).bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : qb.rowLower()) {
            max = Math.max(max, v);
        }
        assertEquals(max, qb.value());
    }
}
