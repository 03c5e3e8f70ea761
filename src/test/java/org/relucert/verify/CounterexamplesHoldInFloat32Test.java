package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.Progress;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.spec.Property;

/**
 * A point that violates the property in double but not in float32 (where VNN-COMP judges it) is no
 * counterexample: y = 1000 (x - 1) with the unsafe set y <= -2e-5 at x = 1 - 2.5e-8 gives y = -2.5e-5 in
 * double, but x rounds to 1.0f and y to 0 in float32, 2e-5 beyond the unsafe set (tolerance 1e-5).
 */
class CounterexamplesHoldInFloat32Test {

    private static final double X = 1 - 2.5e-8;

    private static Network line() {
        List<Node> nodes = List.of(Affine.of("y", new int[] {Network.INPUT}, new int[] {1},
                new double[][] {{1000}}, new double[] {-1000}));
        return new Network(1, nodes, 0);
    }

    private static Property.Case unsafeBelow(double d, double lo, double hi) {
        return new Property.Case(new Box(new double[] {lo}, new double[] {hi}), new double[][] {{1}},
                new double[] {d});
    }

    @Test
    void aDoubleOnlyViolationIsRejected() {
        Network net = line();
        Property.Case cs = unsafeBelow(-2e-5, X, X);
        assertTrue(cs.margin(net.evaluate(new double[] {X})) <= 0, "violated in double");
        assertFalse(CounterexampleCheck.holds(net, cs, new double[] {X}));
        assertTrue(new Falsifier(net).evaluate(cs, new double[] {X}).margin() > 0);
    }

    @Test
    void aViolationInBothIsAccepted() {
        Network net = line();
        Property.Case cs = unsafeBelow(-2e-5, 0, 1);
        assertTrue(CounterexampleCheck.holds(net, cs, new double[] {0.5}));
        assertEquals(cs.margin(net.evaluate(new double[] {0.5})),
                new Falsifier(net).evaluate(cs, new double[] {0.5}).margin());
    }

    @Test
    void verifyDoesNotAnswerSatWithADoubleOnlyCounterexample() {
        Network net = line();
        Property property = new Property(1, 1, List.of(unsafeBelow(-2e-5, X, X)));
        Verdict v = Verifier.verify(net, property, Verifier.Options.defaults(3), Progress.NONE);
        assertNotEquals(Verdict.Kind.SAT, v.kind(), v.note());
        assertNotEquals(Verdict.Kind.UNSAT, v.kind(), "x is a counterexample in real arithmetic");
    }

    @Test
    void verifyAnswersSatWithAPointThatHoldsInFloat32() {
        Network net = line();
        Property property = new Property(1, 1, List.of(unsafeBelow(-2e-5, 0.5, 1)));
        Verdict v = Verifier.verify(net, property, Verifier.Options.defaults(10), Progress.NONE);
        assertEquals(Verdict.Kind.SAT, v.kind(), v.note());
        assertTrue(CounterexampleCheck.holds(net, property.cases().get(0), v.x()));
    }

    @Test
    void resultValuesArePlainDecimalsThatReadBackExactly() {
        double[] values = {1e-300, -1e-7, 1.2345678901234567e20, 0.1, -0.0, 3, Double.MIN_VALUE,
                -Double.MAX_VALUE, 1 - 2.5e-8};
        for (double v : values) {
            String s = Verdict.format(v);
            assertFalse(s.contains("E") || s.contains("e"), s);
            assertTrue(s.matches("-?[0-9]+\\.[0-9]+"), s);
            assertEquals(v == 0 ? 0.0 : v, new BigDecimal(s).doubleValue(), s);
        }
        Verdict sat = new Verdict(Verdict.Kind.SAT, new double[] {1e-9}, new double[] {-2e21}, 0, "");
        assertEquals("sat\n((X_0 0.000000001)\n (Y_0 -2000000000000000000000.0))\n", sat.vnnText());
    }
}
