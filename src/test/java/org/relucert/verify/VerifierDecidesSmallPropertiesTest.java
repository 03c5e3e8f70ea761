package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

class VerifierDecidesSmallPropertiesTest {

    /** y = relu(x) + relu(-x) = |x| on one input. */
    private static Network absoluteValue() {
        Affine split = Affine.of("split", new int[] {Network.INPUT}, new int[] {1}, new double[][] {{1}, {-1}}, new double[] {0, 0});
        Relu relu = new Relu("relu", 0, 2);
        Affine sum = Affine.of("sum", new int[] {1}, new int[] {2}, new double[][] {{1, 1}}, new double[] {0});
        return new Network(1, List.of(split, relu, sum), 2);
    }

    private static Verdict verify(Network net, Box box, double[][] c, double[] d) {
        Property p = new Property(net.inputSize(), net.outputSize(), List.of(new Property.Case(box, c, d)));
        return Verifier.verify(net, p, new Verifier.Options(20, 2, 20, -1, 1), Progress.NONE);
    }

    @Test
    void absoluteValueNeverNegativeIsUnsat() {
        Verdict v = verify(absoluteValue(), Box.cube(1, -1, 1), new double[][] {{1}}, new double[] {-0.1});
        assertEquals(Verdict.Kind.UNSAT, v.kind());
    }

    @Test
    void absoluteValueReachingPointNineIsSatWithCheckedCounterexample() {
        // unsafe: -y <= -0.9, i.e. |x| >= 0.9
        Verdict v = verify(absoluteValue(), Box.cube(1, -1, 1), new double[][] {{-1}}, new double[] {-0.9});
        assertEquals(Verdict.Kind.SAT, v.kind());
        assertTrue(Math.abs(v.x()[0]) >= 0.9 && Math.abs(v.x()[0]) <= 1.0, "x = " + v.x()[0]);
        assertEquals(Math.abs(v.x()[0]), v.y()[0], 1e-12);
        assertTrue(v.vnnText().startsWith("sat\n((X_0 "), v.vnnText());
        assertTrue(v.vnnText().contains("(Y_0 "), v.vnnText());
    }

    @Test
    void mismatchedPropertySizeIsABadInput() {
        Property p = new Property(2, 1, List.of(new Property.Case(Box.cube(2, 0, 1), new double[][] {{1}}, new double[] {0})));
        try {
            Verifier.verify(absoluteValue(), p, Verifier.Options.defaults(5), Progress.NONE);
            throw new AssertionError("expected InvalidInputException");
        } catch (InvalidInputException e) {
            assertTrue(e.getMessage().contains("2 inputs") || e.getMessage().contains("declares 2"), e.getMessage());
        }
    }

    /**
     * Branch and bound tells its listener the share of the property decided, as (f, 1): every update lies in
     * [0, 1], and the unsat verdicts of these properties, found by splitting, report the whole property decided.
     */
    @ParameterizedTest(name = "seed {0}, {1} inputs, offset {2}")
    @CsvSource({"1,3,0.02", "3,4,0.02"})
    void progressIsAShareOfOneThatReachesOneOnUnsat(long seed, int inputs, double offset) {
        RandomQueries q = new RandomQueries(seed, inputs);
        double[][] c = {q.c[0]};
        double[] d = {q.d[0] + q.sampledMin(0, 300, seed) - offset};
        Property p = new Property(q.net.inputSize(), q.net.outputSize(), List.of(new Property.Case(q.box, c, d)));
        List<double[]> updates = new CopyOnWriteArrayList<>();
        Verdict v = Verifier.verify(q.net, p, new Verifier.Options(20, 2, 20, -1, 1),
                (done, total) -> updates.add(new double[] {done, total}));
        double most = 0;
        for (double[] u : updates) {
            assertEquals(1.0, u[1], "total");
            assertTrue(u[0] >= 0 && u[0] <= 1 + 1e-9, "done " + u[0]);
            most = Math.max(most, u[0]);
        }
        assertEquals(Verdict.Kind.UNSAT, v.kind(), v.note());
        assertTrue(!updates.isEmpty(), "no update from branch and bound");
        assertEquals(1.0, most, 1e-9, updates.size() + " updates");
    }

    /**
     * Thresholds just above and just below the sampled minimum of a random row: a sat verdict must carry
     * a counterexample that the forward pass confirms; an unsat verdict must agree with every sample.
     */
    @ParameterizedTest(name = "seed {0}, {1} inputs, offset {2}")
    @CsvSource({"1,3,0.02", "2,3,-0.02", "3,4,0.02", "4,4,-0.02", "5,2,0.01", "6,40,0.05", "7,40,-0.05", "8,5,0.0"})
    void verdictsAgreeWithTheForwardPass(long seed, int inputs, double offset) {
        RandomQueries q = new RandomQueries(seed, inputs);
        double[][] c = {q.c[0]};
        double[] d = {q.d[0] + q.sampledMin(0, 300, seed) - offset};
        Verdict v = verify(q.net, q.box, c, d);
        assertNotEquals(Verdict.Kind.TIMEOUT, v.kind(), v.note());
        Property.Case cs = new Property.Case(q.box, c, d);
        if (v.kind() == Verdict.Kind.SAT) {
            assertTrue(q.box.contains(v.x(), 0));
            assertTrue(cs.margin(q.net.evaluate(v.x())) <= 0);
        }
        if (v.kind() == Verdict.Kind.UNSAT) {
            for (double[] x : Sampler.points(q.box, 2000, seed + 3, 6)) {
                assertTrue(cs.margin(q.net.evaluate(x)) > 0, "unsat but a sample violates");
            }
        }
        if (offset < 0) {
            // a sampled point violates the property, so the only right answer is sat
            assertEquals(Verdict.Kind.SAT, v.kind());
        }
    }
}
