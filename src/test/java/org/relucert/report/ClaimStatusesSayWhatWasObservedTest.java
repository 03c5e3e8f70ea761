package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Claim statuses are what was observed (reproduced, not reproduced, contradicted), the summary counts
 * each kind instead of calling every checked claim reproduced, and the nested-max prose follows the numbers.
 */
class ClaimStatusesSayWhatWasObservedTest {

    @Test
    void eachKindIsCountedAndLabelled() {
        Claim ok = Claim.computed("a bound", "1", "1", true);
        Claim wrong = Claim.computed("a bound", "1", "2", false);
        Claim unseen = new Claim("a theorem", "error 0", "error 1", false);
        assertEquals(Claim.Status.REPRODUCED, ok.status());
        assertEquals(Claim.Status.CONTRADICTED, wrong.status());
        assertEquals(Claim.Status.NOT_REPRODUCED, unseen.status());
        assertFalse(unseen.reproduced());
        assertTrue(wrong.markdown().startsWith("- **CONTRADICTED**"), wrong.markdown());
        assertTrue(unseen.markdown().startsWith("- **NOT REPRODUCED**"), unseen.markdown());
        Section s = new Section("t", "", List.of(ok, wrong, unseen, ok));
        assertEquals(2, s.reproducedCount());
        assertEquals("4 claims: 2 reproduced, 1 not reproduced, 1 contradicted", Section.counts(s.claims()));
        assertEquals("1 claim: 1 reproduced", Section.counts(List.of(ok)));
    }

    private static NestedMaxSection.Cell cell(double upper) {
        return new NestedMaxSection.Cell(0, upper, null, 0);
    }

    @Test
    void theHullProseFollowsTheComputedCells() {
        Map<String, NestedMaxSection.Cell[]> cells = new LinkedHashMap<>();
        cells.put("multi:1", new NestedMaxSection.Cell[] {null, null, cell(1), cell(1.25), cell(1.5)});
        cells.put("layer", new NestedMaxSection.Cell[] {null, null, cell(1), cell(1), cell(1)});
        String prose = NestedMaxSection.hullProse(cells, 4);
        assertTrue(prose.contains("`multi:1` gives the exact 1 for d = 2 and stays above 1 for d = 3: 1.25, d = 4: 1.5"), prose);
        assertTrue(prose.contains("`layer` gives the exact 1 for d = 2..4"), prose);
        assertTrue(prose.contains("bounds above 1 listed above"), prose);
        cells.put("multi:1", new NestedMaxSection.Cell[] {null, null, cell(1), cell(1), cell(1)});
        String exact = NestedMaxSection.hullProse(cells, 4);
        assertFalse(exact.contains("stays above 1"), exact);
        assertTrue(exact.contains("every box hull-set bound computed is the exact 1"), exact);
    }

    @Test
    void aClaimWhoseWordsSayContradictedIsCountedAsContradicted() {
        // the quick report said "contradicted, with the computation" in 8 claims counted as not reproduced,
        // and its summary showed 0 contradicted
        PaperSettings quick = PaperSettings.quickSettings(1);
        int contradicted = 0;
        for (Section s : List.of(HullReadingsSection.run(quick), CompletenessClaimSection.run(quick))) {
            for (Claim c : s.claims()) {
                boolean saysContradicted = c.what().contains("contradicted");
                assertEquals(saysContradicted, c.status() == Claim.Status.CONTRADICTED, c.markdown());
                contradicted += saysContradicted ? 1 : 0;
            }
        }
        assertTrue(contradicted > 0, "the phantom network contradicts some reading of P2's claims");
    }
}
