package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

class ConjunctionRowsRefuteOnlyUnreachableConjunctionsTest {

    @Test
    void originalRowsComeFirstAndPairsAndAverageFollow() {
        double[][] c = {{1, 0}, {0, 1}, {1, 1}};
        double[] d = {1, 2, 3};
        ConjunctionRows.Rows r = ConjunctionRows.augment(c, d);
        assertEquals(3 + 3 * 3 + 1, r.c().length);
        for (int i = 0; i < 3; i++) {
            assertEquals(d[i], r.d()[i]);
        }
        // pair (0, 1) with weight 1/4: 0.25*(1,0) + 0.75*(0,1), offset 0.25*1 + 0.75*2
        assertEquals(0.25, r.c()[3][0]);
        assertEquals(0.75, r.c()[3][1]);
        assertEquals(1.75, r.d()[3], 1e-12);
        assertEquals(2.0, r.d()[r.d().length - 1], 1e-12);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
    void aPositiveCombinationBoundMeansNoSampleSatisfiesTheConjunction(long seed) {
        RandomQueries q = new RandomQueries(seed, 3);
        double[][] c = {q.c[0], {-q.c[0][0], -q.c[0][1], -q.c[0][2] + 0.3}, {0.5, -0.5, 0.2}};
        double[] d = {q.d[0], -q.d[0] + 0.2, 0.1};
        ConjunctionRows.Rows rows = ConjunctionRows.augment(c, d);
        QueryBounds qb = new QueryBounder(q.net).bound(q.box, ReluSplits.NONE, null, rows.c(), rows.d());
        Property.Case cs = new Property.Case(q.box, c, d);
        for (double[] x : Sampler.points(q.box, 500, seed, 6)) {
            double[] y = q.net.evaluate(x);
            for (int r = 0; r < rows.c().length; r++) {
                double v = -rows.d()[r];
                for (int j = 0; j < y.length; j++) {
                    v += rows.c()[r][j] * y[j];
                }
                assertTrue(qb.rowLower()[r] <= v + 1e-9, "combination row " + r + " bound above a sample");
            }
            if (qb.verified()) {
                assertTrue(cs.margin(y) > 0, "verified but a sample satisfies the conjunction");
            }
        }
    }

    @Test
    void aCombinationThatIsAConstantAtMostZeroIsLeftOutAndAPositiveOneKept() {
        // an output box |y_0| <= 0.25: the half-half combination of its two rows is the constant -0.25
        double[][] c = {{1, 0}, {-1, 0}};
        double[] d = {0.25, 0.25};
        ConjunctionRows.Rows r = ConjunctionRows.augment(c, d);
        assertEquals(2 + 2, r.c().length, "weights 1/4 and 3/4 kept, 1/2 (the constant) left out");
        for (int k = 2; k < r.c().length; k++) {
            assertTrue(r.c()[k][0] != 0, "row " + k + " is not a constant");
        }
        // an empty output set: y_0 <= -1 and -y_0 <= -1 (y_0 >= 1); the constant combination is +1 and refutes
        ConjunctionRows.Rows empty = ConjunctionRows.augment(c, new double[] {-1, -1});
        assertEquals(2 + 3, empty.c().length);
        assertEquals(-1.0, empty.d()[3], 0.0);
        // the box |y_0|, |y_1| <= 0.25: the average of its four rows is the constant -0.25 too
        ConjunctionRows.Rows box = ConjunctionRows.augment(new double[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}},
                new double[] {0.25, 0.25, 0.25, 0.25});
        assertEquals(4 + 6 * 3 - 2, box.c().length, "two half-half constants left out, and the average");
        assertTrue(ConjunctionRows.neverRefutes(new double[] {0, 0}, 0.0));
        assertFalse(ConjunctionRows.neverRefutes(new double[] {0, 0}, -1e-9));
        assertFalse(ConjunctionRows.neverRefutes(new double[] {0, 1e-300}, 5));
    }
}
