package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class AxisTicksLabelAtMostTenStepsTest {

    @Test
    void fortyOneFineTicksGetElevenLabelsOnOneTwoFiveSteps() {
        // the gap map's y axis over [-2, 3] had a tick every 0.125, each labelled
        Function<Double, String> f = AxisTicks.labels(-2, 3);
        int labelled = 0;
        for (int k = 0; k <= 40; k++) {
            String s = f.apply(-2 + 0.125 * k);
            if (!s.isEmpty()) {
                labelled++;
            }
        }
        assertEquals(11, labelled);
        assertEquals("0.5", f.apply(0.5));
        assertEquals("", f.apply(0.625));
        assertEquals("0", f.apply(1e-17));
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.5, AxisTicks.step(-2, 3), 1e-15);
        assertEquals(1.0, AxisTicks.step(0, 10), 1e-15);
        assertEquals(2.0, AxisTicks.step(0, 11), 1e-15);
        assertEquals(0.02, AxisTicks.step(0.1, 0.25), 1e-15);
        assertTrue(Double.isNaN(AxisTicks.step(1, 1)));
    }

    @Test
    void onlyAxesWithFixedLimitsGetTheLabels() {
        XYChart c = new XYChartBuilder().width(200).height(200).build();
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        AxisTicks.apply(c);
        assertTrue(c.getStyler().getxAxisTickLabelsFormattingFunction() != null);
        assertEquals(null, c.getStyler().getyAxisTickLabelsFormattingFunction());
    }
}
