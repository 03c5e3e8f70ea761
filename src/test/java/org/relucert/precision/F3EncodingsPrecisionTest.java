package org.relucert.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.exact.ExactRange;
import org.relucert.exact.Range;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;

/** THEORY.md §10.2 and §9 test 4: f3 = max(-x, x, 3x - 2) on [-2, 3] in its DP-0 and DP-1 forms. */
class F3EncodingsPrecisionTest {
    private static final Network DP0_FORM = NetJson.readResource("/examples/f3_dp0.json");
    private static final Network DP1_FORM = NetJson.readResource("/examples/f3_dp1.json");
    private static final Box OVER = new Box(new double[] {-2}, new double[] {3});
    private static final PrecisionSearch.Options OPTIONS = PrecisionSearch.Options.defaults().withBudget(1500).withSeed(7);

    static boolean registered(String name) {
        return Domains.all().stream().anyMatch(e -> e.name().equals(name));
    }

    private static PrecisionSearch.Result search(Network net, String domain) {
        return new PrecisionSearch(net, Domains.parse(domain), OVER, OPTIONS).run();
    }

    /** The witness gap equals a fresh analysis against a fresh exact range. */
    private static void assertWitnessReproduces(Network net, String domain, PrecisionSearch.Result r) {
        assertEquals(PrecisionSearch.Verdict.IMPRECISE, r.verdict(), domain + " should have a witness box");
        assertTrue(r.verified());
        Relaxation d = Domains.parse(domain);
        Analysis a = d.analyse(net, r.witness().box());
        Range exact = ExactRange.of(net, r.witness().box(), 0);
        double gap = Math.max(0, exact.min() - a.lower()[0]) + Math.max(0, a.upper()[0] - exact.max());
        assertEquals(gap, r.witness().gap(), 1e-9);
        assertTrue(gap > 1e-6, "witness gap " + gap + " is within tolerance");
    }

    private static void assertNoGap(PrecisionSearch.Result r) {
        assertEquals(PrecisionSearch.Verdict.NO_GAP_FOUND, r.verdict(), () -> "witness " + r.witness().box()
                + " gap " + r.witness().gap());
        assertEquals(1.0, r.exactFraction(), 0);
        assertEquals(0, r.unsound());
        assertTrue(r.boxesChecked() >= 1000, "only " + r.boxesChecked() + " boxes checked");
    }

    @Test
    void dp0FormHasNoGapUnderDeepPoly0() {
        assertNoGap(search(DP0_FORM, "deeppoly0"));
    }

    @Test
    void dp0FormHasWitnessesUnderDeepPoly1AndIbp() {
        assertWitnessReproduces(DP0_FORM, "deeppoly1", search(DP0_FORM, "deeppoly1"));
        assertWitnessReproduces(DP0_FORM, "ibp", search(DP0_FORM, "ibp"));
    }

    @Test
    void dp1FormHasNoGapUnderDeepPoly1() {
        assertNoGap(search(DP1_FORM, "deeppoly1"));
    }

    @Test
    void dp1FormHasWitnessUnderDeepPoly0() {
        assertWitnessReproduces(DP1_FORM, "deeppoly0", search(DP1_FORM, "deeppoly0"));
    }

    @Test
    void bothFormsHaveNoGapUnderTriangleWhenRegistered() {
        assumeTrue(registered("triangle"), "the triangle domain is not registered in this build");
        assertNoGap(search(DP0_FORM, "triangle"));
        assertNoGap(search(DP1_FORM, "triangle"));
    }

    @Test
    void theLargestDeepPoly1GapOnTheDp0FormIsAtLeastTheB4Gap() {
        // §9 test 4: DP-1 on the DP-0 form gives [-6, 7] on B4 = [-2, 3] against the exact [0, 7].
        PrecisionSearch.Result r = search(DP0_FORM, "deeppoly1");
        assertTrue(r.witness().gap() >= 6 - 1e-9, "largest gap " + r.witness().gap());
    }

    @Test
    void sameSeedGivesTheSameResultOnOneOrTwoThreads() {
        PrecisionSearch.Options one = OPTIONS.withThreads(1).withBudget(600);
        PrecisionSearch.Options two = OPTIONS.withThreads(2).withBudget(600);
        PrecisionSearch.Result a = new PrecisionSearch(DP1_FORM, Domains.parse("ibp"), OVER, one).run();
        PrecisionSearch.Result b = new PrecisionSearch(DP1_FORM, Domains.parse("ibp"), OVER, two).run();
        assertEquals(a.witness().box(), b.witness().box());
        assertEquals(a.witness().gap(), b.witness().gap(), 0);
        assertEquals(a.boxesChecked(), b.boxesChecked());
        assertEquals(a.exactBoxes(), b.exactBoxes());
    }
}
