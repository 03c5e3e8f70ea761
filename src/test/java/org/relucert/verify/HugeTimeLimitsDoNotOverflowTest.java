package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.Progress;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.spec.Property;

/**
 * A time limit of 1e10 s or infinity is "no limit", not a deadline that overflowed into the past (which
 * answered "timeout" at once, as the reproducer `verify --timeout 1e10` showed).
 */
class HugeTimeLimitsDoNotOverflowTest {

    @ParameterizedTest(name = "{0} s")
    @ValueSource(doubles = {1e10, 9.3e9, 1e300, Double.POSITIVE_INFINITY})
    void aHugeLimitStillDecidesTheProperty(double seconds) {
        long before = System.nanoTime();
        long deadline = Verifier.deadlineAfter(seconds);
        assertTrue(deadline - before > 0, "deadline " + deadline + " is not after " + before);
        Affine split = Affine.of("split", new int[] {Network.INPUT}, new int[] {1}, new double[][] {{1}, {-1}},
                new double[] {0, 0});
        Affine sum = Affine.of("sum", new int[] {1}, new int[] {2}, new double[][] {{1, 1}}, new double[] {0});
        Network abs = new Network(1, List.of(split, new Relu("relu", 0, 2), sum), 2);
        Property p = new Property(1, 1, List.of(new Property.Case(Box.cube(1, -1, 1), new double[][] {{1}},
                new double[] {-0.1})));
        Verdict v = Verifier.verify(abs, p, Verifier.Options.defaults(seconds), Progress.NONE);
        assertEquals(Verdict.Kind.UNSAT, v.kind());
    }
}
