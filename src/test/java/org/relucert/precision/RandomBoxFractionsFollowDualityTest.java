package org.relucert.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.domains.Domains;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * THEORY.md §10.2: on the same random boxes, DP-0 of the DP-0 form and DP-1 of the DP-1 form are exact on all
 * of them, and the flip duality makes DP-1 on the DP-0 form exact exactly where DP-0 on the DP-1 form is.
 */
class RandomBoxFractionsFollowDualityTest {
    private static final Network DP0_FORM = NetJson.readResource("/examples/f3_dp0.json");
    private static final Network DP1_FORM = NetJson.readResource("/examples/f3_dp1.json");
    private static final Box OVER = new Box(new double[] {-2}, new double[] {3});

    private static RandomBoxes.Sample sample(Network net, String domain) {
        return RandomBoxes.exactFraction(net, Domains.parse(domain), OVER, 300, 42, 0, Tolerance.DEFAULT);
    }

    @Test
    void ownDomainsAreExactOnEverySampledBox() {
        assertEquals(1.0, sample(DP0_FORM, "deeppoly0").fraction(), 0);
        assertEquals(1.0, sample(DP1_FORM, "deeppoly1").fraction(), 0);
    }

    @Test
    void crossedDomainsHaveEqualFractionsBelowOne() {
        RandomBoxes.Sample a = sample(DP0_FORM, "deeppoly1");
        RandomBoxes.Sample b = sample(DP1_FORM, "deeppoly0");
        assertEquals(a.exact(), b.exact());
        assertTrue(a.fraction() < 1 && a.fraction() > 0, "fraction " + a.fraction());
    }
}
