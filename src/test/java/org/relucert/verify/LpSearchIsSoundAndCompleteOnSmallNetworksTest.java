package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.Progress;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

/**
 * The LP search over ReLU phases ({@link LpSearch}) on seeded random DAG networks and conjunctions C·y &lt;= d:
 * unsat only where no sampled input is a counterexample, with a proved margin bound above 0 and no larger than
 * the smallest sampled margin (a node whose LP is provably empty holds no input, so it adds no bound); sat only with an input of the box that is a counterexample by the exact forward pass; and
 * sat wherever sampling found a counterexample (the search is complete). Both verdicts occur, so neither check
 * is vacuous.
 */
class LpSearchIsSoundAndCompleteOnSmallNetworksTest {

    @Test
    void verdictsAgreeWithSampledMarginsAndBoundsHold() {
        int sat = 0;
        int unsat = 0;
        for (long seed = 1; seed <= 40; seed++) {
            RandomQueries q = new RandomQueries(seed, 2 + (int) (seed % 3));
            Property.Case cs = new Property.Case(q.box, q.c, q.d);
            double sampled = Double.POSITIVE_INFINITY;
            for (double[] x : Sampler.points(q.box, 20_000, seed, 6)) {
                sampled = Math.min(sampled, cs.margin(q.net.evaluate(x)));
            }
            Bounds[] bounds = new QueryBounder(q.net).intermediate(q.box, ReluSplits.NONE, null, 0, true).bounds();
            LpSearch.Outcome o = new LpSearch(q.net, new Falsifier(q.net)).decide(cs, bounds, Deadline.after(30),
                    () -> false);
            assertNotNull(o, "seed " + seed + ": refused");
            assertNotNull(o.kind(), "seed " + seed + ": undecided: " + o.note());
            if (o.kind() == Verdict.Kind.UNSAT) {
                unsat++;
                assertTrue(sampled > 0, "seed " + seed + ": unsat, but a sampled input has margin " + sampled);
                assertTrue(o.provedBound() > 0 && o.provedBound() <= sampled, "seed " + seed + ": proved bound "
                        + o.provedBound() + " not in (0, sampled margin " + sampled + "]");
            } else {
                sat++;
                assertTrue(q.box.contains(o.x(), 0), "seed " + seed + ": counterexample outside the box");
                assertTrue(cs.margin(q.net.evaluate(o.x())) <= 0, "seed " + seed + ": not a counterexample");
            }
            if (sampled <= 0) {
                assertEquals(Verdict.Kind.SAT, o.kind(), "seed " + seed + ": a sampled counterexample, verdict " + o.kind());
            }
        }
        assertTrue(sat >= 5 && unsat >= 5, "sat " + sat + ", unsat " + unsat + ": too one-sided to test both");
    }

    @Test
    void aStoppedSearchIsUndecided() {
        RandomQueries q = new RandomQueries(7, 3);
        Property.Case cs = new Property.Case(q.box, q.c, q.d);
        Bounds[] bounds = new QueryBounder(q.net).intermediate(q.box, ReluSplits.NONE, null, 0, true).bounds();
        LpSearch.Outcome o = new LpSearch(q.net, new Falsifier(q.net)).decide(cs, bounds, Deadline.NONE, () -> true);
        assertNull(o.kind(), "a search stopped at once decided: " + o.note());
    }

    @Test
    void aSettledSearchEndsWithUnsatUnlessACounterexampleCameFirst() {
        List<Double> shares = new ArrayList<>();
        SearchQueue settledFirst = new SearchQueue(1, true, Long.MAX_VALUE, (done, total) -> shares.add(done / total));
        settledFirst.settle(0.25, "by the LP search");
        assertEquals(List.of(1.0), shares, "a settled search reports the whole space decided");
        settledFirst.addDecided(0.5); // a worker finishing a part after the settle
        assertEquals(List.of(1.0), shares, "progress past the whole space after a settle");
        assertTrue(settledFirst.ended());
        assertNull(settledFirst.take(), "a settled search hands out no more work");
        Verdict v = settledFirst.outcome();
        assertEquals(Verdict.Kind.UNSAT, v.kind());
        assertEquals(0.25, v.provedBound());

        SearchQueue foundFirst = new SearchQueue(1, true, Long.MAX_VALUE, Progress.NONE);
        RandomQueries q = new RandomQueries(3, 2);
        Property.Case cs = new Property.Case(q.box, q.c, q.d);
        Box box = q.box;
        foundFirst.report(new Falsifier(q.net).evaluate(cs, box.centre()), "a point reported first");
        foundFirst.settle(0.25, "by the LP search");
        assertEquals(Verdict.Kind.SAT, foundFirst.outcome().kind());
    }

    @Test
    void verifyOnTwoThreadsKeepsTheVerdictsOfOneThread() {
        for (long seed = 1; seed <= 12; seed++) {
            RandomQueries q = new RandomQueries(seed, 3);
            Property p = new Property(q.box.dim(), 3, List.of(new Property.Case(q.box, q.c, q.d)));
            Verdict one = Verifier.verify(q.net, p, new Verifier.Options(20, 1, 30, -1, 1), Progress.NONE);
            Verdict two = Verifier.verify(q.net, p, new Verifier.Options(20, 2, 30, -1, 1), Progress.NONE);
            assertEquals(one.kind(), two.kind(), "seed " + seed + ": " + one.note() + " / " + two.note());
        }
    }
}
