package org.relucert.net;

import java.util.Arrays;

/**
 * A convolution of several planes at once as one matrix product (im2col): for each group, the receptive
 * fields of every output position of every plane become the columns of a matrix, which the kernel's rows
 * (output channel x (input channel, kernel row, kernel column), the weight layout itself) multiply through
 * {@link DenseKernel}. On CIFAR-sized layers this runs many times faster than a loop per kernel tap, whose
 * innermost loop is only an output row long (4 to 32 entries); the sums are the same products in another
 * order, which the rounding-error bounds of {@link RoundingError} cover (they hold for any order).
 *
 * <p>Planes are stored one after another: plane t of the input at {@code t * inSize}, of the output at
 * {@code t * outSize}. Work is done in chunks of planes so that the column matrix stays under
 * {@link #MAX_COLUMN_ENTRIES} entries; a layer whose single plane exceeds that, or whose receptive field is
 * smaller than {@link #MIN_FIELD} (depthwise selections, 1x1 kernels on few channels), is left to the direct
 * loop of {@link ConvLayout#convolve}.
 */
final class ConvProduct {
    /** Receptive fields smaller than this are convolved directly (the product has too little to gain). */
    static final int MIN_FIELD = 16;
    /** Largest column matrix built at once (8 bytes an entry). */
    static final long MAX_COLUMN_ENTRIES = 1L << 22;

    private ConvProduct() {
    }

    /** True when {@link #convolvePlanes} is used for this layout. */
    static boolean worthwhile(ConvLayout l) {
        long field = l.fieldSize();
        return field >= MIN_FIELD && field * l.outH * l.outW <= MAX_COLUMN_ENTRIES;
    }

    /** out[t * outSize + ...] += conv(kernel, x[t * inSize ...]) without bias, for t = 0 .. planes - 1. */
    static void convolvePlanes(ConvLayout l, double[] kernel, double[] x, int planes, double[] out) {
        int field = (int) l.fieldSize();
        int outHW = l.outH * l.outW;
        int chunk = (int) Math.max(1, Math.min(planes, MAX_COLUMN_ENTRIES / ((long) field * outHW)));
        int cg = l.inC / l.groups;
        int og = l.outC / l.groups;
        for (int t0 = 0; t0 < planes; t0 += chunk) {
            int count = Math.min(chunk, planes - t0);
            int cols = count * outHW;
            for (int g = 0; g < l.groups; g++) {
                double[][] col = columns(l, x, t0, count, g * cg);
                double[] a = l.groups == 1 ? kernel
                        : Arrays.copyOfRange(kernel, g * og * field, (g + 1) * og * field);
                double[] y = new double[og * cols];
                DenseKernel.multAddRows(a, og, field, col, cols, y, false);
                for (int o = 0; o < og; o++) {
                    for (int t = 0; t < count; t++) {
                        int dst = (t0 + t) * l.outSize() + (g * og + o) * outHW;
                        int src = o * cols + t * outHW;
                        for (int k = 0; k < outHW; k++) {
                            out[dst + k] += y[src + k];
                        }
                    }
                }
            }
        }
    }

    /**
     * The column matrix of planes t0 .. t0 + count - 1 for the input channels c0 .. c0 + inC/groups - 1: row
     * (c, p, q) holds, for every plane and output position (i, j), the input entry that tap (p, q) of channel c
     * meets there (0 in the padding).
     */
    private static double[][] columns(ConvLayout l, double[] x, int t0, int count, int c0) {
        int cg = l.inC / l.groups;
        int outHW = l.outH * l.outW;
        int inHW = l.inH * l.inW;
        double[][] col = new double[cg * l.kh * l.kw][count * outHW];
        for (int p = 0; p < l.kh; p++) {
            int y0 = p * l.dh - l.padTop;
            int i0 = ConvLayout.firstInside(y0, l.sh);
            int i1 = Math.min(l.outH, ConvLayout.lastInside(y0, l.sh, l.inH) + 1);
            for (int q = 0; q < l.kw; q++) {
                int x0 = q * l.dw - l.padLeft;
                int j0 = ConvLayout.firstInside(x0, l.sw);
                int j1 = Math.min(l.outW, ConvLayout.lastInside(x0, l.sw, l.inW) + 1);
                for (int c = 0; c < cg; c++) {
                    double[] row = col[(c * l.kh + p) * l.kw + q];
                    for (int t = 0; t < count; t++) {
                        int ibase = (t0 + t) * l.inSize() + (c0 + c) * inHW;
                        for (int i = i0; i < i1; i++) {
                            int src = ibase + (i * l.sh + y0) * l.inW + x0;
                            int dst = t * outHW + i * l.outW;
                            for (int j = j0; j < j1; j++) {
                                row[dst + j] = x[src + j * l.sw];
                            }
                        }
                    }
                }
            }
        }
        return col;
    }
}
