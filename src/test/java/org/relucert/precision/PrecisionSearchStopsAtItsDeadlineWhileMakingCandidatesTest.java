package org.relucert.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.bounds.Deadline;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/**
 * On an ACAS Xu-sized network, making the kink-snapped candidate boxes alone took longer than a short limit
 * (precision --timeout 5 on ACAS Xu ran 9 s unloaded, 27 s at load 6): the candidates stop at the deadline
 * too, so the search ends within its limit plus a margin, with its boxes counted as skipped, never as checked.
 */
class PrecisionSearchStopsAtItsDeadlineWhileMakingCandidatesTest {

    /** Seconds a run may overshoot its limit here (loaded CI machine). */
    private static final double MARGIN = 3.0;

    @Test
    void aSearchOnAnAcasSizedNetworkEndsWithinItsLimitAndCountsNoUncheckedBox() {
        Network net = RandomNetworks.fullyConnected(61, 5, new int[] {50, 50, 50, 50, 50, 50}, 5);
        Box over = RandomNetworks.box(62, 5, 1.0);
        double limit = 1.0;
        long t0 = System.nanoTime();
        PrecisionSearch search = new PrecisionSearch(net, Domains.parse("deeppoly"), over,
                PrecisionSearch.Options.defaults().withBudget(4000).withThreads(2)).within(Deadline.after(limit));
        PrecisionSearch.Result r = null;
        try {
            r = search.run();
        } catch (Deadline.Expired e) {
            // no box was checked in time: no result, as the command's exit 12 says
            assertTrue(e.getMessage().contains("time limit of 1 s reached"), e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds <= limit + MARGIN, "the search took " + seconds + " s with a limit of " + limit + " s");
        if (r != null) {
            assertTrue(r.timeLimited(), "boxes not checked in time are reported as skipped");
            assertTrue(r.boxesChecked() < 4000, "only the boxes checked in time count: " + r.boxesChecked());
        }
    }

    @Test
    void pastTheDeadlineNoKinkBoxIsMadeAndTheWholeDomainStaysFirst() {
        Network net = RandomNetworks.fullyConnected(63, 3, new int[] {8, 8}, 1);
        Box over = RandomNetworks.box(64, 3, 1.0);
        var all = CandidateBoxes.multivariate(net, over, 200, 7, Deadline.NONE);
        var passed = CandidateBoxes.multivariate(net, over, 200, 7, Deadline.after(0));
        assertEquals(200, all.size());
        assertTrue(passed.size() < all.size(), passed.size() + " candidates past the deadline");
        assertEquals(CandidateBoxes.WHOLE, passed.get(0).strategy());
        assertTrue(passed.stream().noneMatch(c -> c.strategy().equals(CandidateBoxes.KINK)
                || c.strategy().equals(CandidateBoxes.SNAPPED)), "no kink box is looked for past the deadline");
    }
}
