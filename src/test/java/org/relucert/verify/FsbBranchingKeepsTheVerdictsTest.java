package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.Progress;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

/**
 * The choice of neuron changes the search, never the answer: on random properties decided by ReLU
 * splitting (40 inputs), filtered smart branching and the intercept score alone give the same verdict,
 * and each verdict agrees with the forward pass.
 */
class FsbBranchingKeepsTheVerdictsTest {

    @ParameterizedTest(name = "seed {0}, threshold at {1} of the gap")
    @CsvSource({"41,0.5", "42,0.3", "43,0.3", "44,0.9", "45,0.6", "47,0.5", "48,0.7"})
    void filteredSmartBranchingAndTheInterceptScoreAgree(long seed, double share) {
        Network net = RandomNetworks.fullyConnected(seed, 40, new int[] {16, 16, 16}, 3);
        Box box = RandomNetworks.box(seed + 1, 40, 0.2);
        double[][] c = {{1, -1, 0}};
        double[] zero = {0};
        double min = Double.POSITIVE_INFINITY;
        for (double[] x : Sampler.points(box, 300, seed, 6)) {
            double[] y = net.evaluate(x);
            min = Math.min(min, y[0] - y[1]);
        }
        // the threshold between the root's bound and the sampled minimum: the root alone cannot decide it
        QueryBounder bounder = new QueryBounder(net);
        double root = new SlopeOptimiser(net).optimise(box, bounder.bound(box, ReluSplits.NONE, null, c, zero), c,
                zero, 20).value();
        assertTrue(root < min, "root bound " + root + " above the sampled minimum " + min);
        double[] d = {root + share * (min - root)};
        Property.Case cs = new Property.Case(box, c, d);
        Property p = new Property(net.inputSize(), net.outputSize(), List.of(cs));
        Verifier.Options options = new Verifier.Options(20, 2, 20, -1, 1);
        Verdict plain = Verifier.verify(net, p, options.withBranchCandidates(1), Progress.NONE);
        Verdict fsb = Verifier.verify(net, p, options.withBranchCandidates(8), Progress.NONE);
        assertNotEquals(Verdict.Kind.TIMEOUT, plain.kind(), plain.note());
        assertEquals(plain.kind(), fsb.kind(), "intercept score: " + plain.note() + "; FSB: " + fsb.note());
        if (fsb.kind() == Verdict.Kind.SAT) {
            assertTrue(box.contains(fsb.x(), 0));
            assertTrue(cs.margin(net.evaluate(fsb.x())) <= 0);
        }
        if (fsb.kind() == Verdict.Kind.UNSAT) {
            for (double[] x : Sampler.points(box, 2000, seed + 3, 6)) {
                assertTrue(cs.margin(net.evaluate(x)) > 0, "unsat but a sample violates");
            }
        }
        System.out.printf("seed %d share %.2f: %s, subproblems %d (intercept score) vs %d (FSB)%n", seed, share,
                fsb.kind(), plain.subproblems(), fsb.subproblems());
    }
}
