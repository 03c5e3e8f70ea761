package org.relucert.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/** The MILP domain, the univariate breakpoint method and pattern enumeration are independent; they must agree. */
class MilpAgreesWithIndependentExactMethodsTest {

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void milpEqualsBreakpointRangeOnUnivariateNetworks(long seed) {
        Network net = seed % 2 == 0
                ? RandomNetworks.fullyConnected(seed, 1, new int[] {7, 6}, 1)
                : RandomNetworks.dag(seed, 1, 3, 6, 0.5, 1);
        Box box = RandomNetworks.box(seed, 1, 3);
        Range bp = Breakpoints.of(net, 0, box.lower()[0], box.upper()[0]).range(box.lower()[0], box.upper()[0]);
        Analysis milp = new MilpExact().analyse(net, box);
        assertEquals(bp.min(), milp.lower()[0], 1e-6 * bp.scale());
        assertEquals(bp.max(), milp.upper()[0], 1e-6 * bp.scale());
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35, 36})
    void milpEqualsPatternEnumerationOnSmallMultivariateNetworks(long seed) {
        Network net = seed % 2 == 0
                ? RandomNetworks.fullyConnected(seed, 3, new int[] {5, 4}, 1)
                : RandomNetworks.dag(seed, 2, 2, 5, 0.5, 1);
        Box box = RandomNetworks.box(seed, net.inputSize(), 2);
        Range pe = new PatternEnumeration(20).range(net, box, 0);
        Analysis milp = new MilpExact().analyse(net, box);
        assertEquals(pe.min(), milp.lower()[0], 1e-6 * pe.scale());
        assertEquals(pe.max(), milp.upper()[0], 1e-6 * pe.scale());
    }
}
