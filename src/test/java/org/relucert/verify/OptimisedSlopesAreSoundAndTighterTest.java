package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimisedSlopesAreSoundAndTighterTest {

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"1,3", "2,4", "3,5", "4,6", "5,40", "6,2", "7,3", "8,36"})
    void optimisedRowsAreBetweenDeepPolyAndTheSampledMinimum(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        // a threshold that no sample reaches would be verified outright; shift d so every row is open
        for (int r = 0; r < q.d.length; r++) {
            q.d[r] += q.sampledMin(r, 200, seed) - 0.01;
        }
        QueryBounder bounder = new QueryBounder(q.net);
        QueryBounds dp = bounder.bound(q.box, ReluSplits.NONE, null, q.c, q.d);
        QueryBounds alpha = new SlopeOptimiser(q.net).optimise(q.box, dp, q.c, q.d, 40);
        for (int r = 0; r < q.c.length; r++) {
            double min = q.sampledMin(r, 600, seed + 7);
            assertTrue(alpha.rowLower()[r] >= dp.rowLower()[r] - 1e-12, "row " + r + " got looser");
            assertTrue(alpha.rowLower()[r] <= min + 1e-9,
                    "row " + r + ": optimised bound " + alpha.rowLower()[r] + " above sampled minimum " + min);
        }
        assertTrue(alpha.value() >= dp.value() - 1e-12);
    }

    @org.junit.jupiter.api.Test
    void optimisationStrictlyTightensSomeRowOnRandomNetworks() {
        int improved = 0;
        for (long seed = 1; seed <= 10; seed++) {
            RandomQueries q = new RandomQueries(seed, 4);
            for (int r = 0; r < q.d.length; r++) {
                q.d[r] += q.sampledMin(r, 200, seed) - 0.01;
            }
            QueryBounds dp = new QueryBounder(q.net).bound(q.box, ReluSplits.NONE, null, q.c, q.d);
            QueryBounds alpha = new SlopeOptimiser(q.net).optimise(q.box, dp, q.c, q.d, 40);
            for (int r = 0; r < q.c.length; r++) {
                if (alpha.rowLower()[r] > dp.rowLower()[r] + 1e-6) {
                    improved++;
                }
            }
        }
        assertTrue(improved > 0, "slope optimisation never improved a row on 10 random networks");
    }
}
