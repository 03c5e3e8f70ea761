package org.relucert.precision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.relucert.domains.Domains;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;

/** THEORY.md §9 test 4: f3 on the boxes B1..B5, gaps split into lower and upper sides. */
class BoxGapMatchesTheoryTableTest {

    @ParameterizedTest(name = "{0} under {1} on [{2}, {3}]")
    @CsvSource({
        // encoding, domain, box, exact range, domain bounds
        "f3_dp0, deeppoly1, -1, 2, 0, 4, -4, 4",
        "f3_dp0, deeppoly1, -2, 3, 0, 7, -6, 7",
        "f3_dp0, ibp, -1, 2, 0, 4, 0, 5",
        "f3_dp0, ibp, -2, 3, 0, 7, 0, 9",
        "f3_dp1, deeppoly0, -1, 2, 0, 4, -4, 4",
        "f3_dp1, deeppoly0, 0.5, 2, 0.5, 4, -0.5, 4",
        "f3_dp0, deeppoly0, -1.5, -0.5, 0.5, 1.5, 0.5, 1.5",
        "f3_dp1, deeppoly1, -0.5, 0.5, 0, 0.5, 0, 0.5",
    })
    void gapSidesMatchTheTable(String encoding, String domain, double a, double b, double min, double max,
                               double lower, double upper) {
        Network net = NetJson.readResource("/examples/" + encoding + ".json");
        BoxGap g = Gaps.of(net, new Box(new double[] {a}, new double[] {b}), Domains.parse(domain));
        assertEquals(min, g.exact().min(), 1e-9);
        assertEquals(max, g.exact().max(), 1e-9);
        assertEquals(lower, g.domainLower(), 1e-9);
        assertEquals(upper, g.domainUpper(), 1e-9);
        assertEquals(min - lower, g.lowerGap(), 1e-9);
        assertEquals(upper - max, g.upperGap(), 1e-9);
        assertEquals(g.lowerGap() < 1e-7 && g.upperGap() < 1e-7, g.exactWithinTolerance());
        assertFalse(g.unsound());
    }

    @Test
    void witnessInputsAttainTheExactRange() {
        Network net = NetJson.readResource("/examples/f3_dp0.json");
        BoxGap g = Gaps.of(net, new Box(new double[] {-1}, new double[] {2}), Domains.parse("ibp"));
        assertArrayEquals(new double[] {0}, g.exact().argMin(), 1e-12);
        assertArrayEquals(new double[] {2}, g.exact().argMax(), 1e-12);
    }

    @Test
    void aLooserToleranceTurnsASmallGapIntoExactWithinTolerance() {
        Network net = NetJson.readResource("/examples/f3_dp0.json");
        Box box = new Box(new double[] {-1}, new double[] {2});
        BoxGap strict = Gaps.of(net, box, Domains.parse("ibp"), 0, Tolerance.DEFAULT, 14);
        BoxGap loose = Gaps.of(net, box, Domains.parse("ibp"), 0, new Tolerance(0.5), 14);
        assertFalse(strict.exactWithinTolerance());
        assertTrue(loose.exactWithinTolerance());
        assertEquals(strict.gap(), loose.gap(), 0);
    }
}
