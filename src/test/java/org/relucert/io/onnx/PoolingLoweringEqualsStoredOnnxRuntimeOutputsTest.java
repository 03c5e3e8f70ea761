package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.io.NetworkFiles;
import org.relucert.net.Network;

/**
 * AveragePool with count_include_pad 0/1, pads and ceil_mode=1 (partial windows, the window dropped when it
 * would start in the end padding, dilation, 1-D), alone and between Conv, Pad, Relu and Gemm, and MaxPool with
 * ceil_mode and pads: the network read evaluates to onnxruntime's stored output within 1e-6.
 */
class PoolingLoweringEqualsStoredOnnxRuntimeOutputsTest {

    static List<StoredPoolingCases.Case> cases() throws Exception {
        return StoredPoolingCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theNetworkReadEqualsOnnxRuntimeWithinOneMillionth(StoredPoolingCases.Case c) {
        Network net = NetworkFiles.read(c.file());
        double[] y = net.evaluate(c.input());
        assertEquals(c.output().length, y.length, c.name() + ": output size");
        for (int j = 0; j < y.length; j++) {
            assertEquals(c.output()[j], y[j], 1e-6, c.name() + " (" + c.what() + "): output " + j);
        }
    }

    private static Network read(String name) throws Exception {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst()
                .map(c -> NetworkFiles.read(c.file())).orElseThrow();
    }

    private static double[] ones(int n) {
        double[] x = new double[n];
        Arrays.fill(x, 1.0);
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("excludingPadding")
    void excludingThePaddingFromTheDivisorAveragesOnesToOneEverywhere(String name) throws Exception {
        Network net = read(name);
        double[] y = net.evaluate(ones(net.inputSize()));
        for (int j = 0; j < y.length; j++) {
            assertEquals(1.0, y[j], 1e-12, name + ": output " + j + " divides by the entries inside the input");
        }
    }

    static List<String> excludingPadding() {
        return List.of("avg_exclude_pad_k3_s1_p1", "avg_exclude_pad_asymmetric", "avg_ceil_partial_window",
                "avg_ceil_exclude_pad", "avg_ceil_dilated", "avg_ceil_stride_3_2", "avg_1d_ceil_exclude_pad");
    }

    @Test
    void includingThePaddingCountsPaddedCellsButNotCellsPastThePaddedEnd() throws Exception {
        // 6x6, 3x3 stride 2, pads 1, ceil_mode=1: 4x4 windows starting at rows/columns -1, 1, 3, 5
        Network net = read("avg_ceil_include_pad");
        double[] y = net.evaluate(ones(net.inputSize()));
        assertEquals(32, y.length, "2 channels of 4x4");
        assertEquals(4.0 / 9, y[0], 1e-12, "corner: 2x2 inside of 3x3 counted");
        assertEquals(1.0, y[5], 1e-12, "window (1, 1) lies inside");
        assertEquals(2.0 / 6, y[3], 1e-12, "window (0, 3): rows -1..1 (3 counted, 2 inside) by columns 5..7 "
                + "(2 counted, column 7 being past the padded end; 1 inside)");
        assertEquals(1.0 / 4, y[15], 1e-12, "window (3, 3): 1x1 inside of 2x2 counted");
    }
}
