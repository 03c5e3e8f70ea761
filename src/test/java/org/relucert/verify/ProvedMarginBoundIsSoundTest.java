package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.Progress;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

/**
 * {@link Verdict#provedBound} never exceeds the property margin at any sampled input of any case (sampling
 * gives an upper bound of the true minimum), whatever the verdict, and is positive for unsat verdicts
 * (non-negative under input splitting, where clipped-off parts count as 0).
 */
class ProvedMarginBoundIsSoundTest {
    /** Slack for the rounding of the forward pass at the samples (the bound is sound for exact arithmetic). */
    private static final double FORWARD_SLACK = 1e-9;

    @ParameterizedTest(name = "{0} inputs, box scale {1}, time limit {2} s")
    @CsvSource({"3, 1.0, 20", "3, 1.0, 0.05", "40, 0.2, 5", "40, 0.2, 0.2"})
    void provedBoundIsBelowEverySampledMarginAndPositiveWhenUnsat(int inputs, double scale, double seconds) {
        int unsat = 0;
        int finite = 0;
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed * 31 + inputs);
            Network net = RandomNetworks.dag(seed, inputs, 3 + rnd.nextInt(2), 16, 0.3, 3);
            List<Property.Case> cases = new ArrayList<>();
            int caseCount = 1 + rnd.nextInt(2);
            for (int k = 0; k < caseCount; k++) {
                cases.add(shiftedCase(net, RandomNetworks.box(seed * 7 + k, inputs, scale), rnd));
            }
            Property p = new Property(inputs, net.outputSize(), cases);
            Verdict v = Verifier.verify(net, p, new Verifier.Options(seconds, 2, 20, -1, seed), Progress.NONE);
            double sampled = Double.POSITIVE_INFINITY;
            for (Property.Case cs : cases) {
                for (double[] x : Sampler.points(cs.input(), 3000, seed + 99, 6)) {
                    sampled = Math.min(sampled, cs.margin(net.evaluate(x)));
                }
            }
            String what = "seed " + seed + ": " + v.kind() + " bound " + v.provedBound() + " sampled min " + sampled;
            assertTrue(v.provedBound() <= sampled + FORWARD_SLACK, what);
            if (v.kind() == Verdict.Kind.UNSAT) {
                unsat++;
                assertTrue(inputs > QueryBounder.FORWARD_MAX_DIM ? v.provedBound() > 0 : v.provedBound() >= 0, what);
            }
            if (v.kind() == Verdict.Kind.SAT) {
                assertTrue(v.provedBound() <= 0, what);
            }
            finite += Double.isFinite(v.provedBound()) ? 1 : 0;
        }
        if (seconds >= 1) {
            assertTrue(unsat > 0, "no unsat verdict: the test proves nothing about unsat bounds");
        }
        assertTrue(finite > 0, "no finite bound in any verdict");
    }

    /**
     * A case of one or two random rows, shifted so that the smallest sampled margin is a random value in
     * [-0.02, 0.1]: some violated, most safe by a small margin (hard enough for branch and bound).
     */
    private static Property.Case shiftedCase(Network net, Box box, SplittableRandom rnd) {
        int rows = 1 + rnd.nextInt(2);
        double[][] c = new double[rows][net.outputSize()];
        double[] d = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < c[r].length; j++) {
                c[r][j] = rnd.nextDouble(-1, 1);
            }
        }
        Property.Case raw = new Property.Case(box, c, d);
        double min = Double.POSITIVE_INFINITY;
        for (double[] x : Sampler.points(box, 500, rnd.nextLong(), 6)) {
            min = Math.min(min, raw.margin(net.evaluate(x)));
        }
        double target = rnd.nextDouble(-0.02, 0.1);
        for (int r = 0; r < rows; r++) {
            d[r] = min - target;
        }
        return new Property.Case(box, c, d);
    }
}
