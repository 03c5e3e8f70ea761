package org.relucert.certify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.relucert.net.Box;

/** Pixels 0-255 in HWC order become CHW inputs in [0, 1], normalised per channel; boxes are clipped first. */
class InputLayoutMapsHwcPixelsToNormalisedChwTest {

    @Test
    void threeChannelPixelsAreReorderedAndNormalised() {
        // 2x2 image with 3 channels would be 12 inputs, not 3 x a square; give the channels explicitly
        InputLayout layout = InputLayout.of(12, 3, "0.5,0,0:0.5,1,2");
        double[] hwc = {255, 0, 0, 0, 255, 0, 0, 0, 255, 51, 102, 204}; // pixel by pixel: R, G, B
        double[] x = layout.input(hwc);
        assertArrayEquals(new double[] {1, -1, -1, -0.6, 0, 1, 0, 0.4, 0, 0, 0.5, 0.4}, x, 1e-12);
    }

    @Test
    void cifarSizedInputsDefaultToThreeChannels() {
        assertEquals(3, InputLayout.of(3072, null, null).channels());
        assertEquals(1, InputLayout.of(784, null, null).channels());
        assertEquals(3, InputLayout.of(3072, null, "0.5:0.25").mean().length);
    }

    @Test
    void theBoxIsClippedToThePixelRangeBeforeNormalising() {
        InputLayout layout = InputLayout.of(2, null, "0.5:0.5");
        Box b = layout.box(new double[] {0, 255}, 0.1);
        assertArrayEquals(new double[] {-1, 0.8}, b.lower(), 1e-12);
        assertArrayEquals(new double[] {-0.8, 1}, b.upper(), 1e-12);
    }
}
