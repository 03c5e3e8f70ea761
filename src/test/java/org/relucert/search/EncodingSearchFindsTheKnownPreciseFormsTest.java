package org.relucert.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.Progress;
import org.relucert.construct.Cpwl;
import org.relucert.construct.EncodingGrammar;
import org.relucert.construct.FunctionParser;
import org.relucert.domains.Domains;

class EncodingSearchFindsTheKnownPreciseFormsTest {

    private static Cpwl cpwl(String text) {
        return (Cpwl) FunctionParser.parse(text);
    }

    private static final EncodingSearch.Options SMALL = new EncodingSearch.Options(60, 150, 1, 1, 0, 0);

    @Test
    void convexFunctionUnderDeepPolyZeroHasTheMinimalFormWithoutGap() {
        Cpwl f = cpwl("cpwl: -2:2, 0:0, 1:1, 3:7");
        EncodingSearch.Result r = EncodingSearch.run(f, Domains.parse("deeppoly0"), SMALL, Progress.NONE);
        assertTrue(r.ranked().get(0).noGapFound());
        assertTrue(r.withoutGap().stream().anyMatch(c -> c.candidate().name().equals("dp0")),
                "dp0 among the candidates without a gap");
        EncodingSearch.Ranked base = r.ranked().stream().filter(c -> c.candidate().name().equals("base")).findFirst().orElseThrow();
        assertTrue(!base.noGapFound() && base.gap() > 1e-3, "the base form has a gap under DP-0: " + base.gap());
        assertEquals(0, r.wrongFunction());
    }

    @Test
    void monotoneFunctionUnderIbpHasTheClippedRampsWithoutGap() {
        Cpwl f = cpwl("cpwl: 0:0, 1:2, 2:2, 3:5");
        EncodingSearch.Result r = EncodingSearch.run(f, Domains.parse("ibp"), SMALL, Progress.NONE);
        assertTrue(r.withoutGap().stream().anyMatch(c -> c.candidate().name().equals("ramps")));
        // every term of the one-layer form oriented "-+" is non-decreasing, so IBP is exact on it too, with fewer ReLUs
        assertTrue(r.withoutGap().get(0).relus() <= r.withoutGap().stream()
                .filter(c -> c.candidate().name().equals("ramps")).findFirst().orElseThrow().relus());
        EncodingSearch.Ranked base = r.ranked().stream().filter(c -> c.candidate().name().equals("base")).findFirst().orElseThrow();
        assertTrue(!base.noGapFound(), "the one-layer form has a gap under IBP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpwl: 0:1, 1:0, 2:1, 3:0, 4:1", "cpwl: 0:0, 1:1, 2:0, 3:1, 4:0, 5:1", "cpwl: -2:2, 0:0, 1:1, 3:7",
        "cpwl: 0:0, 1:2, 2:2, 3:5", "cpwl: 0:0, 1:3, 2:1, 3:2.5, 4:-1"})
    void everyCandidateComputesTheFunction(String text) {
        Cpwl f = cpwl(text);
        List<EncodingGrammar.Candidate> all = EncodingGrammar.enumerate(f, 2, 7);
        assertTrue(all.size() > 10, "candidates: " + all.size());
        for (EncodingGrammar.Candidate c : all) {
            double err = EncodingSearch.maxError(c.network(), f, 3);
            assertTrue(err <= 1e-9, c.name() + " differs from f by " + err);
        }
    }

    @Test
    void searchIsDeterministicForASeed() {
        Cpwl f = cpwl("cpwl: 0:1, 1:0, 2:1, 3:0, 4:1");
        EncodingSearch.Options o = new EncodingSearch.Options(30, 80, 2, 5, 0, 0);
        EncodingSearch.Result a = EncodingSearch.run(f, Domains.parse("deeppoly0"), o, Progress.NONE);
        EncodingSearch.Result b = EncodingSearch.run(f, Domains.parse("deeppoly0"),
                new EncodingSearch.Options(30, 80, 2, 5, 1, 0), Progress.NONE);
        assertEquals(a.ranked().size(), b.ranked().size());
        for (int i = 0; i < a.ranked().size(); i++) {
            assertEquals(a.ranked().get(i).candidate().name(), b.ranked().get(i).candidate().name());
            assertEquals(a.ranked().get(i).gap(), b.ranked().get(i).gap(), 0.0);
        }
    }
}
