package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Analysis;
import org.relucert.net.Box;
import org.relucert.net.Network;

class TriangleMatchesTheoryTableTest {

    private static final double TOL = 1e-7;

    @Test
    void maxOnUnitSquareGivesUpperOnePointFive() {
        Analysis a = Triangle.lpBounds().analyse(TheoryNetworks.maxOfTwo(), Box.cube(2, 0, 1));
        assertEquals(0, a.lower()[0], TOL);
        assertEquals(1.5, a.upper()[0], TOL);
        assertEquals(0, a.notes().size());
    }

    @ParameterizedTest
    @CsvSource({"2, 1.5", "3, 1.9", "4, 2.245", "5, 2.553"})
    void nestedMaxUpperBoundsMatchTheTable(int d, double upper) {
        Analysis a = Triangle.lpBounds().analyse(TheoryNetworks.nestedMax(d), Box.cube(d, 0, 1));
        assertEquals(upper, a.upper()[0], 5e-4, "values of THEORY are rounded to 3 decimals");
        assertEquals(0, a.lower()[0], TOL);
    }

    @Test
    void phantomNetworkGetsZeroToTwo() {
        Analysis a = Triangle.lpBounds().analyse(TheoryNetworks.phantom(), Box.cube(2, -1, 1));
        assertEquals(0, a.lower()[0], TOL);
        assertEquals(2, a.upper()[0], TOL);
    }

    @Test
    void differenceRampOnZeroToThreeGetsMinusThirdToFourThirds() {
        Network h2 = TheoryNetworks.univariate(0, 0, new double[][] {{1, 1, -1}, {-1, 1, -2}});
        Analysis a = Triangle.lpBounds().analyse(h2, new Box(new double[] {0}, new double[] {3}));
        assertEquals(-1.0 / 3, a.lower()[0], TOL);
        assertEquals(4.0 / 3, a.upper()[0], TOL);
    }

    /** f3 = max(-x, x, 3x - 2): six encodings, each Delta-exact on B1..B5 (THEORY §9 item 4, §5.4). */
    @ParameterizedTest
    @CsvSource({"-1, 2, 0, 4", "-0.5, 0.5, 0, 0.5", "0.5, 2, 0.5, 4", "-2, 3, 0, 7", "-1.5, -0.5, 0.5, 1.5"})
    void f3EncodingsAreExactUnderTriangle(double l, double u, double min, double max) {
        Network[] encodings = {
            TheoryNetworks.univariate(0, 0, new double[][] {{1, 1, 0}, {1, -1, 0}, {2, 1, -1}}),
            TheoryNetworks.univariate(-2, 2, new double[][] {{1, 1, 0}, {1, -1, 0}, {2, -1, 1}}),
            TheoryNetworks.univariate(0, -1, new double[][] {{2, 1, 0}, {2, 1, -1}}),
            TheoryNetworks.univariate(0, 1, new double[][] {{2, -1, 0}, {2, 1, -1}}),
            TheoryNetworks.univariate(-2, 1, new double[][] {{2, 1, 0}, {2, -1, 1}}),
            TheoryNetworks.univariate(-2, 3, new double[][] {{2, -1, 0}, {2, -1, 1}}),
        };
        Box box = new Box(new double[] {l}, new double[] {u});
        for (int e = 0; e < encodings.length; e++) {
            Analysis a = Triangle.lpBounds().analyse(encodings[e], box);
            assertEquals(min, a.lower()[0], TOL, "encoding " + e + " lower on " + box);
            assertEquals(max, a.upper()[0], TOL, "encoding " + e + " upper on " + box);
        }
    }
}
