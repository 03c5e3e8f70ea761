package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.relucert.net.Box;

class InputSplitTriesOnlyWideDimensionsOfLargestSmearTest {

    @Test
    void theTwoWideDimensionsOfLargestSmearAreTriedAndNarrowOnesNeverAre() {
        // widths 1, 1, 0.2, 1, 0.8; dimension 2 is narrow (below half the widest) despite its large coefficient
        Box box = new Box(new double[] {0, 0, 0, 0, 0}, new double[] {1, 1, 0.2, 1, 0.8});
        double[] coef = {0.1, -2.0, 100.0, 0.5, 1.0};
        // smears of the wide ones: 0.1, 2.0, -, 0.5, 0.8
        boolean[] tried = InputBranching.topSmear(box, coef, 1.0, 2);
        assertArrayEquals(new boolean[] {false, true, false, false, true}, tried);
    }

    @Test
    void fewerWideDimensionsThanAskedAreAllTried() {
        Box box = new Box(new double[] {0, 0, 0}, new double[] {1, 0.1, 0.1});
        boolean[] tried = InputBranching.topSmear(box, new double[] {0, 5, 5}, 1.0, 2);
        assertArrayEquals(new boolean[] {true, false, false}, tried);
    }
}
