package org.relucert.io.onnx;

import java.util.Arrays;
import org.relucert.net.Conv;

/**
 * AveragePool (2-D, or 1-D as height 1) as exact linear nodes. Output cell (c, i, j) is the sum of its
 * window's input entries divided by its divisor: with count_include_pad=0 the number of window entries
 * inside the input, with count_include_pad=1 the number inside the padded input (cells of a ceil_mode window
 * past the padded end are not counted, as in onnxruntime). The window positions and the output size follow
 * {@link PoolWindows}.
 *
 * <p>When every divisor is the full kernel size (no padding or count_include_pad=1, and no partial ceil_mode
 * window), the pool is one depthwise {@link Conv} with weights 1/(kh*kw), zero-padded. Otherwise it is a
 * depthwise Conv with weights 1 that sums each window (zeros past the input, end padding extended to the
 * ceil_mode windows, add nothing), and the pending value scales entry (c, i, j) by 1/divisor; the scaling
 * folds into a following affine node or becomes a 1x1 depthwise Conv ({@link Emitter#materialize}).
 */
final class AveragePoolLowering {
    private AveragePoolLowering() {
    }

    static Value averagePool(Operators op) {
        Value x = op.input(0);
        int[] chw = ConvOps.image(x, "AveragePool");
        long[] kernel = op.attrs.ints("kernel_shape");
        if (kernel == null || kernel.length != x.shape.length - 2) {
            throw new IllegalArgumentException("AveragePool needs kernel_shape with " + (x.shape.length - 2) + " entries");
        }
        long include = op.attrs.i("count_include_pad", 0);
        if (include != 0 && include != 1) {
            throw new IllegalArgumentException("count_include_pad must be 0 or 1, got " + include);
        }
        int channels = chw[0];
        Conv.Geometry g = ConvOps.geometry(op, chw, kernel, channels);
        PoolWindows.checkAutoPad(op, chw, g);
        boolean ceil = PoolWindows.ceilMode(op, chw, g);
        int[] out = PoolWindows.outShape(chw, g, ceil);
        int outH = out[0];
        int outW = out[1];
        int[] rows = divisors(chw[1], g.kernelH(), g.strideH(), g.padTop(), g.padBottom(), g.dilationH(), outH,
                include == 1);
        int[] cols = divisors(chw[2], g.kernelW(), g.strideW(), g.padLeft(), g.padRight(), g.dilationW(), outW,
                include == 1);
        int window = g.kernelH() * g.kernelW();
        boolean full = Arrays.stream(rows).allMatch(r -> r == g.kernelH())
                && Arrays.stream(cols).allMatch(c -> c == g.kernelW());
        double[] scale = full ? null : reciprocals(rows, cols, channels);
        double[] weight = new double[channels * window];
        Arrays.fill(weight, full ? 1.0 / window : 1.0);
        Value pooled = checked(ConvOps.emit(op, x, convGeometry(g, chw, outH, outW), weight, new double[channels]),
                channels, outH, outW);
        return full ? pooled : pooled.scaled(scale);
    }

    /** 1/divisor of every output entry (c, i, j); a divisor of 0 is refused. */
    private static double[] reciprocals(int[] rows, int[] cols, int channels) {
        int outH = rows.length;
        int outW = cols.length;
        double[] scale = new double[channels * outH * outW];
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                if (rows[i] * cols[j] == 0) {
                    throw new IllegalArgumentException("window (" + i + ", " + j + ") lies entirely in the "
                            + "padding: with count_include_pad=0 its average divides by zero (pads as large as "
                            + "the kernel)");
                }
                for (int c = 0; c < channels; c++) {
                    scale[(c * outH + i) * outW + j] = 1.0 / (rows[i] * cols[j]);
                }
            }
        }
        return scale;
    }

    /**
     * The pool's geometry when a convolution with it has the pool's output size, else the same windows with
     * the end padding set to where the last window ends (ceil_mode windows past the padded end, or a dropped
     * window that would start in the end padding).
     */
    private static Conv.Geometry convGeometry(Conv.Geometry g, int[] chw, int outH, int outW) {
        if (Arrays.equals(PoolWindows.outShape(chw, g, false), new int[] {outH, outW})) {
            return g;
        }
        return new Conv.Geometry(g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), g.padTop(), g.padLeft(),
                PoolWindows.convPadEnd(chw[1], g.kernelH(), g.strideH(), g.padTop(), g.dilationH(), outH),
                PoolWindows.convPadEnd(chw[2], g.kernelW(), g.strideW(), g.padLeft(), g.dilationW(), outW),
                g.dilationH(), g.dilationW(), g.groups());
    }

    /** The divisor's factor along one axis for each of the {@code out} windows. */
    private static int[] divisors(int in, int kernel, int stride, int padA, int padB, int dilation, int out,
                                  boolean includePad) {
        int lo = includePad ? -padA : 0;
        int hi = includePad ? in + padB : in;
        int[] n = new int[out];
        for (int i = 0; i < out; i++) {
            n[i] = PoolWindows.countIn(i * stride - padA, kernel, dilation, lo, hi);
        }
        return n;
    }

    /** The convolution's result, checked to have the pool's output shape. */
    private static Value checked(Value v, int channels, int outH, int outW) {
        int[] chw = v.spatial();
        if (chw == null || chw[0] != channels || chw[1] != outH || chw[2] != outW) {
            throw new IllegalStateException("AveragePool lowered to shape " + Shapes.str(v.shape) + ", expected "
                    + channels + "x" + outH + "x" + outW);
        }
        return v;
    }
}
