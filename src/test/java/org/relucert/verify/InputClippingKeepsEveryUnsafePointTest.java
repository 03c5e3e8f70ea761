package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.net.Box;
import org.relucert.net.Sampler;

class InputClippingKeepsEveryUnsafePointTest {

    /**
     * Row 0 of each random query is shifted so that only about a tenth of the sampled points violate it;
     * the box clipped by its bound (DeepPoly, then optimised slopes) must keep every such point.
     */
    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"1,2", "2,3", "3,4", "4,5", "5,3", "6,2", "7,4", "8,5"})
    void everySampledPointWhereTheRowIsNonPositiveStaysInTheClippedBox(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        double[][] c = {q.c[0]};
        double[][] xs = Sampler.points(q.box, 2000, seed, 6).toArray(new double[0][]);
        double[] rowAt = new double[xs.length];
        for (int k = 0; k < xs.length; k++) {
            rowAt[k] = q.row(0, q.net.evaluate(xs[k])) + q.d[0];
        }
        double[] sorted = rowAt.clone();
        Arrays.sort(sorted);
        double[] d = {sorted[sorted.length / 10]};
        QueryBounds qb = new QueryBounder(q.net).bound(q.box, ReluSplits.NONE, null, c, d);
        for (QueryBounds b : new QueryBounds[] {qb, new SlopeOptimiser(q.net).optimise(q.box, qb, c, d, 20)}) {
            Box clipped = InputClipping.clip(q.box, b.inputCoef(), b.planeOffset());
            for (int k = 0; k < xs.length; k++) {
                if (rowAt[k] - d[0] <= 0) {
                    assertTrue(clipped.contains(xs[k], 0), "an unsafe point " + Arrays.toString(xs[k])
                            + " was cut off; clipped box " + clipped);
                }
            }
        }
    }

    @Test
    void aSteepPlaneCutsTheBoxToTheSideWhereItCanBeNegative() {
        Box box = Box.cube(2, 0, 1);
        // 4·x1 - 1 is negative only for x1 < 1/4; x2 has no coefficient
        Box clipped = InputClipping.clip(box, new double[] {4, 0}, -1);
        assertTrue(clipped.upper()[0] >= 0.25 && clipped.upper()[0] < 0.2501, clipped.toString());
        assertTrue(clipped.lower()[0] == 0 && clipped.lower()[1] == 0 && clipped.upper()[1] == 1, clipped.toString());
        // -2·x2 + 1.5 is negative only for x2 > 3/4
        Box other = InputClipping.clip(box, new double[] {0, -2}, 1.5);
        assertTrue(other.lower()[1] <= 0.75 && other.lower()[1] > 0.7499, other.toString());
        assertTrue(InputClipping.keptFraction(clipped, box) < 0.2501, "kept " + InputClipping.keptFraction(clipped, box));
        // a plane positive on the whole box leaves it as it is (the box is decided by the bound itself)
        assertTrue(InputClipping.clip(box, new double[] {1, 1}, 0.5) == box);
    }
}
