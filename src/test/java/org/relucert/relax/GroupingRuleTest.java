package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingRuleTest {

    @Test
    void consecutiveGroupsCutInOrderWithASmallerLastGroup() {
        List<int[]> g = Grouping.groups(new int[] {1, 4, 5, 7, 9}, 2, false);
        assertEquals(3, g.size());
        assertArrayEquals(new int[] {1, 4}, g.get(0));
        assertArrayEquals(new int[] {5, 7}, g.get(1));
        assertArrayEquals(new int[] {9}, g.get(2));
    }

    @Test
    void overlappingWindowsAdvanceByHalfAndEndAtTheLastNeuron() {
        List<int[]> g = Grouping.groups(new int[] {0, 1, 2, 3, 4}, 4, true);
        assertEquals(2, g.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, g.get(0));
        assertArrayEquals(new int[] {1, 2, 3, 4}, g.get(1));
        assertEquals(1, Grouping.groups(new int[] {3, 6}, Integer.MAX_VALUE, true).size());
        assertEquals(0, Grouping.groups(new int[0], 2, false).size());
    }
}
