package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.Progress;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

/**
 * On a low-dimensional network with at most {@link SubproblemProcessor#FEW_UNSTABLE} ReLUs every box has few
 * unstable ReLUs, so input splitting hands each subproblem to ReLU splitting: an unsat found by branch and
 * bound must say so, not "input splitting" alone.
 */
class VerdictNamesReluSplittingUnderInputSplittingTest {

    @Test
    void anUnsatOfBranchAndBoundOnFewReluNetworksNamesTheReluSplits() {
        int searched = 0;
        for (long seed = 1; seed <= 30 && searched < 3; seed++) {
            Network net = RandomNetworks.fullyConnected(seed, 3, new int[] {5, 5}, 1);
            Box box = RandomNetworks.box(seed + 1, 3, 1.0);
            double min = Double.POSITIVE_INFINITY;
            for (double[] x : Sampler.points(box, 3000, seed, 6)) {
                min = Math.min(min, net.evaluate(x)[0]);
            }
            // y <= min - 0.01 is unsafe: no sampled point reaches it, and the root bound is rarely that tight
            Property p = new Property(3, 1, List.of(new Property.Case(box, new double[][] {{1}},
                    new double[] {min - 0.01})));
            Verdict v = Verifier.verify(net, p, new Verifier.Options(20, 1, 0, 0, 1), Progress.NONE);
            if (v.kind() == Verdict.Kind.UNSAT && v.note().startsWith("verified by branch and bound")) {
                searched++;
                assertTrue(v.note().contains("ReLU splitting of"), v.note());
            }
        }
        assertTrue(searched > 0, "no seed needed branch and bound");
    }
}
