package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A disjunction whose cases share one input box ("some other output scores at least as high as output 0")
 * is searched with the cases sharing the intermediate bounds of the boxes they halve alike
 * ({@link BoxBoundsCache}). Its verdict must be the one the cases give on their own: unsat exactly when
 * every case alone is unsat, sat with a counterexample of some case when one is. The threshold is set from
 * samples so that some seeds are sat and some unsat.
 */
class CasesOfOneBoxKeepTheirVerdictsWhenSharingBoundsTest {

    private static Verdict verify(Network net, List<Property.Case> cases, int outputs) {
        return Verifier.verify(net, new Property(net.inputSize(), outputs, cases),
                new Verifier.Options(30, 2, 10, -1, 1), Progress.NONE);
    }

    /** The cases y_0 - y_k <= -shift, k = 1..outputs-1, on one box. */
    private static List<Property.Case> cases(Box box, int outputs, double shift) {
        List<Property.Case> cases = new ArrayList<>();
        for (int k = 1; k < outputs; k++) {
            double[] row = new double[outputs];
            row[0] = 1;
            row[k] = -1;
            cases.add(new Property.Case(box, new double[][] {row}, new double[] {-shift}));
        }
        return cases;
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6"})
    void aSecondCaseReusesTheFirstCasesHalvesAndItsBoundsStillHold(long seed) {
        int outputs = 3;
        Network net = RandomNetworks.fullyConnected(seed, 4, new int[] {12, 12, 12}, outputs);
        Box box = RandomNetworks.box(seed + 1, 4, 0.5);
        List<Property.Case> cases = cases(box, outputs, -10); // unsafe everywhere: no half is refuted
        QueryBounder bounder = new QueryBounder(net);
        BoxBoundsCache cache = new BoxBoundsCache(1 << 20);
        InputBranching branching = new InputBranching(net, bounder, new SlopeOptimiser(net), 10, Long.MAX_VALUE,
                cache);
        QueryBounds root = bounder.bound(box, ReluSplits.NONE, null, cases.get(0).c(), cases.get(0).d());
        for (int k = 0; k < cases.size(); k++) {
            Property.Case cs = cases.get(k);
            QueryBounds qb = bounder.bound(box, ReluSplits.NONE, root.nodeBounds(), cs.c(), cs.d());
            Subproblem s = new Subproblem(k, box, ReluSplits.NONE, qb.value(), 0, null, qb.inputCoef(),
                    qb.minimiser(), null, qb.nodeBounds(), 0, 1, 0, qb.optimised(), qb.planeOffset(), qb.best());
            for (InputBranching.Half h : branching.split(s, new ConjunctionRows.Rows(cs.c(), cs.d()))) {
                for (double[] x : Sampler.points(h.box(), 500, seed + k, 6)) {
                    double[] y = net.evaluate(x);
                    double v = cs.c()[0][0] * y[0] + cs.c()[0][k + 1] * y[k + 1] - cs.d()[0];
                    assertTrue(h.bounds().rowLower()[0] <= v + 1e-9, "case " + k + ": bound above a sampled value");
                }
            }
        }
        assertTrue(cache.hits() > 0, "the second case found none of the first case's halves");
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"})
    void theDisjunctionAgreesWithItsCasesOnTheirOwn(long seed) {
        int outputs = 4;
        Network net = RandomNetworks.fullyConnected(seed, 4, new int[] {12, 12, 12}, outputs);
        Box box = RandomNetworks.box(seed + 1, 4, 0.5);
        SplittableRandom rnd = new SplittableRandom(seed);
        // y_k - y_0 >= shift is the unsafe set of case k; shift just above the sampled maximum of some case
        double best = Double.NEGATIVE_INFINITY;
        for (double[] x : Sampler.points(box, 2000, seed, 6)) {
            double[] y = net.evaluate(x);
            for (int k = 1; k < outputs; k++) {
                best = Math.max(best, y[k] - y[0]);
            }
        }
        double shift = best + (rnd.nextBoolean() ? 0.01 : -0.01);
        List<Property.Case> cases = cases(box, outputs, shift);
        Verdict joint = verify(net, cases, outputs);
        boolean allUnsat = true;
        boolean anySat = false;
        for (Property.Case cs : cases) {
            Verdict alone = verify(net, List.of(cs), outputs);
            allUnsat &= alone.kind() == Verdict.Kind.UNSAT;
            anySat |= alone.kind() == Verdict.Kind.SAT;
        }
        if (joint.kind() == Verdict.Kind.UNSAT) {
            assertTrue(!anySat, "unsat, but a case alone has a counterexample");
            for (double[] x : Sampler.points(box, 3000, seed + 9, 6)) {
                double[] y = net.evaluate(x);
                for (Property.Case cs : cases) {
                    assertTrue(!cs.unsafe(y, 0), "unsat, but a sampled point is unsafe");
                }
            }
        }
        if (joint.kind() == Verdict.Kind.SAT) {
            boolean holds = false;
            for (Property.Case cs : cases) {
                holds |= CounterexampleCheck.holds(net, cs, joint.x());
            }
            assertTrue(holds, "the counterexample holds for no case");
        }
        if (allUnsat) {
            assertEquals(Verdict.Kind.UNSAT, joint.kind(), "every case alone is unsat: " + joint.note());
        }
        if (anySat) {
            assertEquals(Verdict.Kind.SAT, joint.kind(), "a case alone is sat: " + joint.note());
        }
    }
}
