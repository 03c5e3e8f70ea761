package org.relucert.net;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The back-substitution kernel of a {@link Conv}: a transposed convolution of coefficient rows, never the
 * layer's dense matrix. For every output pixel of a row, the kernels of the output channels weighted by the
 * pixel's coefficients are summed into one patch (input channels x kernel window, contiguous in the weight
 * layout), which is then added onto the pixel's receptive field. Sparse rows sum only the channels with a
 * non-zero coefficient, four at a time; rows whose used pixels are mostly non-zero get all their patches
 * from one matrix product through {@link DenseKernel}. Rows are independent; large calls run them in
 * parallel.
 */
final class ConvBackward {
    private final ConvLayout layout;
    private final int inC;
    private final int inH;
    private final int inW;
    private final int outC;
    private final int outH;
    private final int outW;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int padTop;
    private final int padLeft;
    private final int dh;
    private final int dw;
    private final int groups;
    private final double[] weight;
    private final double[] bias;
    private final double[] absolute;
    /** Per group, the kernel as og rows of cg x kh x kw (the weight layout), for {@link DenseKernel}. */
    private final double[][][] weightRows;

    /** Rows whose used pixels have at least this share of non-zero channel coefficients take the product. */
    static final double DENSE_SHARE = 0.5;
    /** Groups with fewer output channels than this always sum patches channel by channel. */
    static final int DENSE_MIN_CHANNELS = 8;

    ConvBackward(ConvLayout layout, double[] weight, double[] bias) {
        this.layout = layout;
        this.inC = layout.inC;
        this.inH = layout.inH;
        this.inW = layout.inW;
        this.outC = layout.outC;
        this.outH = layout.outH;
        this.outW = layout.outW;
        this.kh = layout.kh;
        this.kw = layout.kw;
        this.sh = layout.sh;
        this.sw = layout.sw;
        this.padTop = layout.padTop;
        this.padLeft = layout.padLeft;
        this.dh = layout.dh;
        this.dw = layout.dw;
        this.groups = layout.groups;
        this.weight = weight;
        this.bias = bias;
        this.absolute = new double[weight.length];
        for (int i = 0; i < weight.length; i++) {
            absolute[i] = Math.abs(weight[i]);
        }
        int og = outC / groups;
        int len = (inC / groups) * kh * kw;
        this.weightRows = new double[groups][og][];
        for (int g = 0; g < groups; g++) {
            for (int o = 0; o < og; o++) {
                weightRows[g][o] = Arrays.copyOfRange(weight, (g * og + o) * len, (g * og + o + 1) * len);
            }
        }
    }

    /** |weight|, entrywise (exact). Do not modify. */
    double[] absoluteWeight() {
        return absolute;
    }

    /** Rows of coefficients beyond this many entries are spread over the cores. */
    private static final long PARALLEL_ENTRIES = 1L << 16;

    /**
     * Source coefficients += the transposed convolution of each row, constants += the bias part; with
     * {@code error}, each row's rounding-error bound in the same (parallel) pass over the row. A source
     * coefficient is a sum of at most outC·kh·kw products and its old value, so as for a dense layer the
     * effect on a form is at most gamma·(2·|a|·(|W|·m) + |F|·m), with |W|·m a convolution of |W| (one entry
     * per output entry, cached per magnitudes); the constant a·b is a sum of one product per output entry.
     */
    void backward(double[] coef, int rows, double[] out, double[] constant, RoundingSlack error) {
        int n = layout.outSize();
        int m = layout.inSize();
        double[] weighted = error == null ? null : weightedMagnitude(error.magnitude()[0]);
        double mSum = error == null ? 0 : error.magnitudeTotal();
        IntStream range = IntStream.range(0, rows);
        if ((long) rows * n > PARALLEL_ENTRIES && rows > 1) {
            range = range.parallel();
        }
        range.forEach(r -> {
            constant[r] += backwardRow(coef, r * n, out, r * m);
            if (error != null) {
                addRowError(coef, r, out, error.magnitude()[0], weighted, mSum, error);
            }
        });
    }

    private void addRowError(double[] coef, int r, double[] out, double[] m, double[] weighted, double mSum,
                             RoundingSlack error) {
        int n = layout.outSize();
        int size = layout.inSize();
        int outHW = outH * outW;
        int base = r * n;
        double x = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double a = coef[base + i];
            if (a != 0) {
                double aa = Math.abs(a);
                x += aa * weighted[i];
                c += aa * Math.abs(bias[i / outHW]);
            }
        }
        x = 2 * x + RoundingError.absDot(out, r * size, m, size);
        error.add(r, (long) outC * kh * kw + 1, x, mSum, n, c);
    }

    /** |W|·m for the last magnitudes seen (one entry; the walks of one analysis share magnitudes). */
    private volatile Object[] weighted;

    private double[] weightedMagnitude(double[] m) {
        Object[] cached = weighted;
        if (cached != null && cached[0] == m) {
            return (double[]) cached[1];
        }
        double[] t = new double[layout.outSize()];
        layout.convolvePlanes(absolute, m, 1, t);
        weighted = new Object[] {m, t};
        return t;
    }

    /**
     * Transposed convolution of one coefficient row onto the source row; returns the bias part. Counts the
     * multiply-adds done in {@link WorkCounter}. Per group, the pixels with a non-zero coefficient are found
     * first; where at least {@link #DENSE_SHARE} of their channel coefficients are non-zero (rows deep in a
     * walk), all their patches come from one matrix product (pixels x channels) · (channels x patch) through
     * {@link DenseKernel}; otherwise each pixel's patch sums only its non-zero channels ({@link #sumPatch}).
     */
    private double backwardRow(double[] coef, int base, double[] out, int outBase) {
        int cg = inC / groups;
        int og = outC / groups;
        int outHW = outH * outW;
        int len = cg * kh * kw;
        int[] pixels = new int[outHW];
        int[] used = new int[og];
        double[] patch = null;
        double constant = 0;
        long work = 0;
        for (int g = 0; g < groups; g++) {
            int o0 = g * og;
            int c0 = g * cg;
            int count = 0;
            long nonZero = 0;
            for (int pix = 0; pix < outHW; pix++) {
                int k = 0;
                for (int o = 0; o < og; o++) {
                    k += coef[base + pix + (o0 + o) * outHW] != 0 ? 1 : 0;
                }
                if (k > 0) {
                    pixels[count++] = pix;
                    nonZero += k;
                }
            }
            if (count == 0) {
                continue;
            }
            if (og >= DENSE_MIN_CHANNELS && nonZero >= DENSE_SHARE * count * og) {
                double[] a = new double[count * og];
                for (int k = 0; k < count; k++) {
                    int pix = base + pixels[k];
                    for (int o = 0; o < og; o++) {
                        double v = coef[pix + (o0 + o) * outHW];
                        a[k * og + o] = v;
                        constant += v * bias[o0 + o];
                    }
                }
                double[] patches = new double[count * len];
                DenseKernel.multAddRows(a, count, og, weightRows[g], len, patches, false);
                work += (long) count * og * len;
                for (int k = 0; k < count; k++) {
                    scatter(patches, k * len, pixels[k], out, outBase, c0, cg);
                }
                continue;
            }
            if (patch == null) {
                patch = new double[len];
            }
            for (int k = 0; k < count; k++) {
                int pix = base + pixels[k];
                int n = 0;
                for (int o = 0; o < og; o++) {
                    used[n] = o0 + o;
                    n += coef[pix + (o0 + o) * outHW] != 0 ? 1 : 0;
                }
                work += (long) n * len;
                constant += sumPatch(coef, pix, outHW, used, n, len, patch);
                scatter(patch, 0, pixels[k], out, outBase, c0, cg);
            }
        }
        WorkCounter.add(work);
        return constant;
    }

    /** Adds the patch at {@code patch[from ...]} (cg x kh x kw) onto the receptive field of output pixel pix. */
    private void scatter(double[] patch, int from, int pix, double[] out, int outBase, int c0, int cg) {
        int kk = kh * kw;
        int inHW = inH * inW;
        int i = pix / outW;
        int j = pix - i * outW;
        int y0 = i * sh - padTop;
        int x0 = j * sw - padLeft;
        int pLo = firstInside(y0, dh);
        int pHi = endInside(y0, dh, kh, inH);
        int qLo = firstInside(x0, dw);
        int qHi = endInside(x0, dw, kw, inW);
        if (qLo == 0 && qHi == 3 && kw == 3 && dw == 1) {
            for (int c = 0; c < cg; c++) {
                int ib = outBase + (c0 + c) * inHW + x0;
                int tb = from + c * kk;
                for (int p = pLo; p < pHi; p++) {
                    int row = ib + (y0 + p * dh) * inW;
                    int tp = tb + p * 3;
                    out[row] += patch[tp];
                    out[row + 1] += patch[tp + 1];
                    out[row + 2] += patch[tp + 2];
                }
            }
            return;
        }
        for (int c = 0; c < cg; c++) {
            int ib = outBase + (c0 + c) * inHW + x0;
            int tb = from + c * kk;
            for (int p = pLo; p < pHi; p++) {
                int row = ib + (y0 + p * dh) * inW;
                int tp = tb + p * kw;
                for (int q = qLo; q < qHi; q++) {
                    out[row + q * dw] += patch[tp + q];
                }
            }
        }
    }

    /**
     * patch = sum over the used output channels o of coef[pix + o*outHW] * weight[o][.][.][.], four channels
     * per pass over the patch; returns the bias part sum a_o * bias[o].
     */
    private double sumPatch(double[] coef, int pix, int outHW, int[] used, int count, int len, double[] patch) {
        double constant = 0;
        Arrays.fill(patch, 0, len, 0.0);
        int k = 0;
        for (; k + 3 < count; k += 4) {
            int o0 = used[k];
            int o1 = used[k + 1];
            int o2 = used[k + 2];
            int o3 = used[k + 3];
            double a0 = coef[pix + o0 * outHW];
            double a1 = coef[pix + o1 * outHW];
            double a2 = coef[pix + o2 * outHW];
            double a3 = coef[pix + o3 * outHW];
            constant += a0 * bias[o0] + a1 * bias[o1] + a2 * bias[o2] + a3 * bias[o3];
            int w0 = o0 * len;
            int w1 = o1 * len;
            int w2 = o2 * len;
            int w3 = o3 * len;
            for (int t = 0; t < len; t++) {
                patch[t] += a0 * weight[w0 + t] + a1 * weight[w1 + t] + a2 * weight[w2 + t] + a3 * weight[w3 + t];
            }
        }
        for (; k < count; k++) {
            int o = used[k];
            double a = coef[pix + o * outHW];
            constant += a * bias[o];
            int w = o * len;
            for (int t = 0; t < len; t++) {
                patch[t] += a * weight[w + t];
            }
        }
        return constant;
    }

    /** The first kernel tap p with start + p*dilation >= 0. */
    private static int firstInside(int start, int dilation) {
        return start >= 0 ? 0 : (-start + dilation - 1) / dilation;
    }

    /** One past the last kernel tap p (< kernel) with start + p*dilation < extent. */
    private static int endInside(int start, int dilation, int kernel, int extent) {
        int room = extent - 1 - start;
        if (room < 0) {
            return 0;
        }
        return Math.min(kernel, room / dilation + 1);
    }
}
