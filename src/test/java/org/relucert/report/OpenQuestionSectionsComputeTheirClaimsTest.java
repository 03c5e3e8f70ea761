package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The P2 open-question sections: their claims and the prose follow the computed numbers. */
class OpenQuestionSectionsComputeTheirClaimsTest {

    @Test
    void hullReadingsSectionStatesWhichTheoremFailsUnderWhichReading() {
        Section s = HullReadingsSection.run(PaperSettings.quickSettings(1));
        Map<Boolean, Long> counts = s.claims().stream().collect(Collectors.groupingBy(Claim::reproduced, Collectors.counting()));
        System.out.println(s.markdown());
        s.claims().forEach(c -> System.out.println(c.markdown()));
        assertTrue(s.claims().get(0).reproduced(), "layer:reach exact on the phantom network");
        assertTrue(s.claims().get(1).reproduced(), "Thm 3.3 under the relaxed reading");
        assertFalse(s.claims().get(2).reproduced(), "Thm 3.3 contradicted under reach");
        assertFalse(s.claims().get(3).reproduced(), "Thm 5.1 contradicted under the relaxed reading");
        assertTrue(s.claims().get(4).reproduced(), "Thm 5.1 under reach");
        assertFalse(s.claims().get(5).reproduced(), "Lemma 3.2 bound below the true minimum");
        assertTrue(s.markdown().contains("Neither reading makes both theorems hold"));
        assertEquals(6, s.claims().size(), counts.toString());
    }

    @Test
    void completenessSectionRefutesPtwoVoneWithTheNetworkAndK() {
        Section s = CompletenessClaimSection.run(PaperSettings.quickSettings(1));
        s.claims().forEach(c -> System.out.println(c.markdown()));
        for (int i = 0; i < 4; i++) {
            Claim c = s.claims().get(i);
            assertFalse(c.reproduced(), c.what());
            assertTrue(c.what().contains("k = "), c.what());
        }
        assertTrue(s.claims().get(4).reproduced(), s.claims().get(4).observed());
    }
}
