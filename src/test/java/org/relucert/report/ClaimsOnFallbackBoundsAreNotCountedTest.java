package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.relax.LpSettings;
import org.relucert.relax.Triangle;

/** A section whose analyses fell back to looser bounds counts none of its claims as reproduced or contradicted. */
class ClaimsOnFallbackBoundsAreNotCountedTest {
    private static final Network NET = RandomNetworks.fullyConnected(21, 5, new int[] {40, 40, 40}, 5);
    private static final Box BOX = RandomNetworks.box(22, 5, 1.0);

    private static Section section() {
        return new Section("s", "body", List.of(
                Claim.computed("a", "1", "1", true),
                Claim.computed("b", "1", "2", false),
                new Claim("c", "1", "?", false)));
    }

    @Test
    void aSectionWithFallbackBoundsHasOnlyNotReproducedClaimsAndSaysWhy() {
        Evidence.reset();
        // an iteration cap of 1 makes every LP solve fail: the bounds fall back to IBP/DeepPoly, with notes
        Analysis a = Evidence.analyse(new Triangle(new LpSettings(true, 0, 1)), NET, BOX);
        assertFalse(a.notes().isEmpty(), "the capped solves must be noted");
        Section q = Evidence.qualify(section());
        assertEquals(3, q.count(Claim.Status.NOT_REPRODUCED), q.claims().toString());
        assertTrue(q.claims().get(0).observed().contains("reproduced on bounds that include fallbacks"),
                q.claims().get(0).observed());
        assertTrue(q.claims().get(1).observed().contains("contradicted on bounds that include fallbacks"),
                q.claims().get(1).observed());
        assertTrue(q.markdown().contains("**Fallback bounds.**") && q.markdown().contains("kept the IBP/DeepPoly bound"),
                q.markdown());
        // the notes belong to that section only
        Section next = section();
        assertSame(next, Evidence.qualify(next));
    }

    @Test
    void aSectionWhoseAnalysesAllSucceededIsUnchanged() {
        Evidence.reset();
        Analysis a = Evidence.analyse(Domains.parse("triangle"), NET, BOX);
        assertTrue(a.notes().isEmpty(), a.notes().toString());
        Section s = section();
        assertSame(s, Evidence.qualify(s));
        assertEquals(1, s.count(Claim.Status.REPRODUCED));
        assertEquals(1, s.count(Claim.Status.CONTRADICTED));
    }
}
