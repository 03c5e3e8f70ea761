package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Relaxation;

/** The orientation count of §5.4: 2^n networks per convex function, and which of them DP-0 / DP-1 keep. */
class SolutionSpaceTest {
    private static final Relaxation DP0 = new DeepPoly(DeepPoly.SlopeRule.ZERO);
    private static final Relaxation DP1 = new DeepPoly(DeepPoly.SlopeRule.ONE);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void randomConvexFunctionHasTwoToTheNOrientationsEachEncodingIt(int n) {
        Cpwl f = RandomFunctions.convex(100 + n, n);
        assertEquals(n, f.kinks().length);
        List<Encoding> all = Encoders.triangleOrientations(f);
        assertEquals(1 << n, all.size());
        for (Encoding e : all) {
            Checks.encodes(e.network(), f, n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void increasingConvexFunctionKeepsOneOrientationPerDeepPoly(int n) {
        Cpwl f = RandomFunctions.convexIncreasing(200 + n, n);
        assertEquals(List.of("+".repeat(n)), SolutionSpace.count(f, DP0, 200, n, 1e-9).withoutGap());
        assertEquals(List.of("-".repeat(n)), SolutionSpace.count(f, DP1, 200, n, 1e-9).withoutGap());
    }

    @Test
    void noF3OrientationIsDeepPolyPreciseAsSection54Says() {
        Cpwl f3 = (Cpwl) FunctionParser.parse("cpwl: -2:2, 0:0, 1:1, 3:7");
        assertEquals(List.of(), SolutionSpace.count(f3, DP0, 300, 1, 1e-9).withoutGap());
        assertEquals(List.of(), SolutionSpace.count(f3, DP1, 300, 1, 1e-9).withoutGap());
    }

    @Test
    void endOrFlatMinimiserLeavesExactlyOneDeepPolyPreciseOrientation() {
        // increasing convex: the minimiser is the left end; all '+' is the DP-0 form, all '-' its flip
        Cpwl rising = (Cpwl) FunctionParser.parse("cpwl: 0:0, 1:1, 2:3, 3:6");
        assertEquals(List.of("++"), SolutionSpace.count(rising, DP0, 300, 2, 1e-9).withoutGap());
        assertEquals(List.of("--"), SolutionSpace.count(rising, DP1, 300, 2, 1e-9).withoutGap());
        // flat minimum on [1, 2]: '-' left of it and '+' right of it
        Cpwl flat = (Cpwl) FunctionParser.parse("cpwl: 0:2, 1:1, 2:1, 3:3");
        assertEquals(List.of("-+"), SolutionSpace.count(flat, DP0, 300, 3, 1e-9).withoutGap());
        assertEquals(List.of("+-"), SolutionSpace.count(flat, DP1, 300, 3, 1e-9).withoutGap());
    }
}
