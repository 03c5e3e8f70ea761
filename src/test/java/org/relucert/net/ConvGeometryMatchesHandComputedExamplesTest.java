package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Conv's padding, stride, dilation, groups and flat CHW layout against examples worked out by hand (the
 * arithmetic is in the comments), through every rule of the node: evaluate, interval, backward, forward,
 * and the dense lowering.
 */
class ConvGeometryMatchesHandComputedExamplesTest {

    /**
     * 1x3x3 input x[y][x] = 3y + x + 1 (1..9), one 2x2 kernel [[1, 10], [100, 1000]], stride 2, padding 1 on
     * every side, dilation 2, bias 0.5. The dilated kernel spans 2*(2-1)+1 = 3, so each axis has
     * (3 + 1 + 1 - 3) / 2 + 1 = 2 outputs. Output (i, j) reads rows 2i - 1 + 2p and columns 2j - 1 + 2q
     * (p, q in {0, 1}): for i = 0 rows -1 (padding) and 1, for i = 1 rows 1 and 3 (padding). So every output
     * reads only the centre x[1][1] = 5, each through a different tap:
     * (0,0): tap (1,1) 1000*5; (0,1): tap (1,0) 100*5; (1,0): tap (0,1) 10*5; (1,1): tap (0,0) 1*5.
     */
    private static Conv centreOnly() {
        return new Conv("c", Network.INPUT, new int[] {1, 3, 3}, new Conv.Geometry(2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1),
                new double[] {1, 10, 100, 1000}, new double[] {0.5});
    }

    private static final double[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void stridedDilatedPaddedKernelReadsOnlyTheCentre() {
        Conv c = centreOnly();
        assertArrayEquals(new int[] {1, 2, 2}, c.shape());
        assertArrayEquals(new double[] {5000.5, 500.5, 50.5, 5.5}, c.evaluate(new double[][] {ONE_TO_NINE}));
        // Only the centre matters: changing every other pixel leaves the output alone.
        double[] x = {-7, 8, 9, 1e6, 5, -3, 0, 2, 4};
        assertArrayEquals(new double[] {5000.5, 500.5, 50.5, 5.5}, c.evaluate(new double[][] {x}));
        // The dense lowering has one non-zero per row, in column 4 (the centre).
        double[] dense = DenseLowering.lower(c).weight();
        double[] expected = new double[4 * 9];
        expected[4] = 1000;
        expected[9 + 4] = 100;
        expected[18 + 4] = 10;
        expected[27 + 4] = 1;
        assertArrayEquals(expected, dense);
    }

    @Test
    void backwardSendsEachOutputCoefficientToTheCentreOnly() {
        Conv c = centreOnly();
        // Two rows over the 4 outputs: (1, 0, 0, 0) and (0, -1, 2, 3).
        double[] coef = {1, 0, 0, 0, 0, -1, 2, 3};
        double[] src = new double[2 * 9];
        double[] constant = new double[2];
        c.backward(coef, 2, 2, new double[][] {src}, constant, null);
        double[] expected = new double[18];
        expected[4] = 1000; //                     1 * 1000
        expected[9 + 4] = -100 + 20 + 3; //        -1 * 100 + 2 * 10 + 3 * 1 = -77
        assertArrayEquals(expected, src);
        assertArrayEquals(new double[] {0.5, (-1 + 2 + 3) * 0.5}, constant);
    }

    @Test
    void intervalAndForwardFormsUseTheSignOfEachTap() {
        // Kernel [[1, -1], [2, -2]] on the same geometry: (0,0) = -2 x5, (0,1) = 2 x5, (1,0) = -x5, (1,1) = x5.
        Conv c = new Conv("c", Network.INPUT, new int[] {1, 3, 3}, new Conv.Geometry(2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1),
                new double[] {1, -1, 2, -2}, new double[] {0});
        double[] lo = new double[9];
        double[] hi = new double[9];
        lo[4] = -1;
        hi[4] = 3;
        double[][] iv = c.interval(new double[][] {lo}, new double[][] {hi});
        // rounded outward by a rigorous error bound: a few ulps outside the exact values, never inside
        assertOutwardAndClose(new double[] {-6, -2, -3, -1}, iv[0], -1); // -2*3, 2*(-1), -1*3, 1*(-1)
        assertOutwardAndClose(new double[] {2, 6, 1, 3}, iv[1], 1); //     -2*(-1), 2*3, -1*(-1), 1*3
        // Forms over one variable t plus the constant (width 2): x5 in [t - 1, t + 2], other pixels 0.
        double[] low = new double[2 * 9];
        double[] high = new double[2 * 9];
        low[4] = 1;
        low[9 + 4] = -1;
        high[4] = 1;
        high[9 + 4] = 2;
        double[][] f = c.forward(new double[][] {low}, new double[][] {high}, 2, null);
        // Lower form of (0,0) = -2 x5 >= -2 (t + 2) = -2t - 4; of (0,1) = 2 x5 >= 2t - 2; and so on.
        assertArrayEquals(new double[] {-2, 2, -1, 1, -4, -2, -2, -1}, f[0]);
        assertArrayEquals(new double[] {-2, 2, -1, 1, 2, 4, 1, 2}, f[1]);
    }

    /**
     * 1-D, 2 channels, 2 groups: input ch0 = [1, 2, 3, 4, 5], ch1 = [10, 20, 30, 40, 50] (shape 2x1x5);
     * kernel width 3, padding left 2, right 0, stride 2; out ch0 reads in ch0 with [1, 0, -1] + 0.25, out ch1
     * reads in ch1 with [1, 1, 1] - 1. Width out (5 + 2 + 0 - 3) / 2 + 1 = 3; output j reads 2j - 2 + q.
     * ch0: j=0 reads -2, -1 (padding), 0: -1*1 = -1; j=1 reads 0, 1, 2: 1 - 3 = -2; j=2 reads 2, 3, 4: 3 - 5 = -2.
     * ch1: j=0: 10; j=1: 10 + 20 + 30 = 60; j=2: 30 + 40 + 50 = 120.
     */
    @Test
    void groupedOneDimensionalConvolutionWithAsymmetricPadding() {
        Conv c = new Conv("c", Network.INPUT, new int[] {2, 1, 5}, new Conv.Geometry(1, 3, 1, 2, 0, 2, 0, 0, 1, 1, 2),
                new double[] {1, 0, -1, 1, 1, 1}, new double[] {0.25, -1});
        assertArrayEquals(new int[] {2, 1, 3}, c.shape());
        double[] x = {1, 2, 3, 4, 5, 10, 20, 30, 40, 50};
        double[] expected = {-0.75, -1.75, -1.75, 9, 59, 119};
        assertArrayEquals(expected, c.evaluate(new double[][] {x}));
        assertArrayEquals(expected, DenseLowering.lower(c).evaluate(new double[][] {x}));
    }

    /**
     * 1x3x4 input x[y][x] = 10y + x; kernel 2x2 [[1, 2], [3, 4]], stride 1, padding bottom 1 and right 1
     * only, dilation 2 vertically and 1 horizontally. Spans 3 x 2; out (3 + 1 - 3) + 1 = 2 rows and
     * (4 + 1 - 2) + 1 = 4 columns; out (i, j) = sum w[p][q] x[i + 2p][j + q].
     * Row 0 reads rows 0 and 2: j=0: 1*0 + 2*1 + 3*20 + 4*21 = 146; j=1: 1 + 4 + 63 + 88 = 156;
     * j=2: 2 + 6 + 66 + 92 = 166; j=3: column 4 is padding: 3 + 3*23 = 72.
     * Row 1 reads row 1 and row 3 (padding): j=0: 10 + 2*11 = 32; j=1: 11 + 24 = 35; j=2: 12 + 26 = 38; j=3: 13.
     */
    @Test
    void rectangularInputWithOneSidedPaddingAndVerticalDilation() {
        Conv c = new Conv("c", Network.INPUT, new int[] {1, 3, 4}, new Conv.Geometry(2, 2, 1, 1, 0, 0, 1, 1, 2, 1, 1),
                new double[] {1, 2, 3, 4}, new double[] {0});
        assertArrayEquals(new int[] {1, 2, 4}, c.shape());
        double[] x = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23};
        double[] expected = {146, 156, 166, 72, 32, 35, 38, 13};
        assertArrayEquals(expected, c.evaluate(new double[][] {x}));
        assertArrayEquals(expected, DenseLowering.lower(c).evaluate(new double[][] {x}));
    }

    /** Two output channels from one input channel: the flat output is channel-major (CHW). */
    @Test
    void outputChannelsAreLaidOutChannelMajor() {
        // 1x2x2 input [1, 2; 3, 4], 1x1 kernels 1 and -1, biases 0 and 10: out = [1 2 3 4, 9 8 7 6].
        Conv c = new Conv("c", Network.INPUT, new int[] {1, 2, 2}, new Conv.Geometry(1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                new double[] {1, -1}, new double[] {0, 10});
        assertArrayEquals(new double[] {1, 2, 3, 4, 9, 8, 7, 6}, c.evaluate(new double[][] {{1, 2, 3, 4}}));
        Add add = new Add("a", new int[] {0, 0}, new int[] {2, 2, 2});
        assertArrayEquals(new double[] {2, 4, 6, 8, 18, 16, 14, 12},
                add.evaluate(new double[][] {{1, 2, 3, 4, 9, 8, 7, 6}, {1, 2, 3, 4, 9, 8, 7, 6}}));
    }

    /** actual is on the outer side of expected (side -1: below, 1: above) by at most 1e-12 relative. */
    static void assertOutwardAndClose(double[] expected, double[] actual, int side) {
        assertArrayEquals(expected, actual, 1e-12 * (1 + java.util.Arrays.stream(expected).map(Math::abs).max().orElse(0)));
        for (int i = 0; i < expected.length; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(side * (actual[i] - expected[i]) >= 0,
                    "entry " + i + ": " + actual[i] + " is inside " + expected[i]);
        }
    }
}
