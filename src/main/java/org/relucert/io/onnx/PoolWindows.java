package org.relucert.io.onnx;

import java.util.Arrays;
import org.relucert.net.Conv;

/**
 * The ONNX pooling-window rule along one spatial axis, shared by AveragePool and MaxPool: how many windows
 * there are, where each starts and how many of its entries fall inside a range. Window i starts at
 * {@code i*stride - padA} (in unpadded coordinates) and covers {@code start + p*dilation} for p below the
 * kernel size. Output size: floor((in + padA + padB - span) / stride) + 1, with ceil instead of floor under
 * ceil_mode=1, where a last window that would start in the end padding is dropped (ONNX's rule, which
 * onnxruntime follows).
 */
final class PoolWindows {
    private PoolWindows() {
    }

    /**
     * The ceil_mode attribute (0 or 1) as a flag. With auto_pad other than NOTSET, ONNX's formulas do not
     * depend on ceil_mode while onnxruntime applies the ceil rule anyway (VALID), so a ceil_mode=1 that would
     * change the output shape there is refused rather than guessed.
     */
    static boolean ceilMode(Operators op, int[] chw, Conv.Geometry g) {
        long ceil = op.attrs.i("ceil_mode", 0);
        if (ceil != 0 && ceil != 1) {
            throw new IllegalArgumentException("ceil_mode must be 0 or 1, got " + ceil);
        }
        String auto = op.attrs.s("auto_pad", "NOTSET");
        if (ceil == 1 && !auto.equals("NOTSET") && !Arrays.equals(outShape(chw, g, true), outShape(chw, g, false))) {
            throw new IllegalArgumentException("ceil_mode=1 with auto_pad " + auto + " is not supported here: ONNX "
                    + "defines auto_pad's output shape without ceil_mode, onnxruntime adds a partial window (use "
                    + "explicit pads)");
        }
        return ceil == 1;
    }

    /**
     * Refuses auto_pad SAME_UPPER/SAME_LOWER where ONNX's pad formula, (out-1)*stride + span - in with
     * out = ceil(in/stride), is negative at the start (a stride larger than the window): onnxruntime's pools
     * then start every window that many entries late, which a zero padding cannot express (a negative end
     * pad only shortens the room and changes no window, and is taken as 0).
     */
    static void checkAutoPad(Operators op, int[] chw, Conv.Geometry g) {
        String auto = op.attrs.s("auto_pad", "NOTSET");
        if (!auto.startsWith("SAME_")) {
            return;
        }
        int[][] axes = {{chw[1], g.kernelH(), g.strideH(), g.dilationH()}, {chw[2], g.kernelW(), g.strideW(),
                g.dilationW()}};
        for (int[] a : axes) {
            long out = ((long) a[0] + a[2] - 1) / a[2];
            long total = (out - 1) * a[2] + (long) a[3] * (a[1] - 1) + 1 - a[0];
            long head = auto.equals("SAME_UPPER") ? total / 2 : (total + 1) / 2;
            if (head < 0) {
                throw new IllegalArgumentException("auto_pad " + auto + " with stride " + a[2] + " over a window of "
                        + ((long) a[3] * (a[1] - 1) + 1) + " on " + a[0] + " entries pads the start by " + head
                        + " (onnxruntime then skips entries), which is not supported (use explicit pads)");
            }
        }
    }

    /** {height, width} of the pool's output on a {channels, height, width} input; checks the windows fit. */
    static int[] outShape(int[] chw, Conv.Geometry g, boolean ceil) {
        return new int[] {outSize(chw[1], g.kernelH(), g.strideH(), g.padTop(), g.padBottom(), g.dilationH(), ceil),
                outSize(chw[2], g.kernelW(), g.strideW(), g.padLeft(), g.padRight(), g.dilationW(), ceil)};
    }

    /** Number of windows along one axis, per the ONNX output-shape rule; checks the window fits. */
    static int outSize(int in, int kernel, int stride, int padA, int padB, int dilation, boolean ceil) {
        if (kernel <= 0 || stride <= 0 || dilation <= 0) {
            throw new IllegalArgumentException("kernel_shape, strides and dilations must be positive, got kernel "
                    + kernel + ", stride " + stride + ", dilation " + dilation);
        }
        long span = (long) dilation * (kernel - 1) + 1;
        long room = (long) in + padA + padB - span;
        if (room < 0) {
            throw new IllegalArgumentException("the pooling window (" + span + ") does not fit the padded input ("
                    + ((long) in + padA + padB) + ")");
        }
        long out = (ceil ? Math.floorDiv(room + stride - 1, stride) : Math.floorDiv(room, stride)) + 1;
        if (ceil && (out - 1) * stride >= (long) in + padA) {
            out--; // the last window would start in the end padding
        }
        if (out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pooling output of " + out + " entries along an axis is too large");
        }
        return (int) out;
    }

    /** Entries {@code start + p*dilation}, p in [0, kernel), that lie in [lo, hi). */
    static int countIn(int start, int kernel, int dilation, int lo, int hi) {
        int n = 0;
        for (int p = 0; p < kernel; p++) {
            int r = start + p * dilation;
            if (r >= lo && r < hi) {
                n++;
            }
        }
        return n;
    }

    /**
     * End padding that makes a convolution (floor rule) with these windows give exactly {@code out} windows:
     * the last window ends at {@code (out-1)*stride + span - padA}; zeros past the input add nothing to a sum.
     */
    static int convPadEnd(int in, int kernel, int stride, int padA, int dilation, int out) {
        long end = (long) (out - 1) * stride + (long) dilation * (kernel - 1) + 1;
        return (int) Math.max(0, end - in - padA);
    }
}
