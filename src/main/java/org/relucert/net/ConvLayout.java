package org.relucert.net;

import java.util.Arrays;
import org.relucert.Limits;

/**
 * The geometry of a {@link Conv} resolved against its input: the validated dimensions (input and output
 * channels x height x width, kernel, stride, padding, dilation, groups) and the index arithmetic that slides
 * the kernel over a flat CHW tensor: the forward convolution and the receptive field of one output entry.
 * The node's rules (evaluation, interval, back-substitution, forward forms, LP rows) sit in {@link Conv} and
 * {@link ConvBackward} and read the layer only through this class.
 */
final class ConvLayout {
    final int inC;
    final int inH;
    final int inW;
    final int outC;
    final int outH;
    final int outW;
    final int kh;
    final int kw;
    final int sh;
    final int sw;
    final int padTop;
    final int padLeft;
    final int dh;
    final int dw;
    final int groups;

    /**
     * @throws IllegalArgumentException naming the node when the sizes do not fit together
     */
    ConvLayout(String name, int[] inShape, Conv.Geometry g, int outC, int weightLength) {
        if (inShape.length != 3 || inShape[0] <= 0 || inShape[1] <= 0 || inShape[2] <= 0) {
            throw new IllegalArgumentException("conv node '" + name + "': input shape must be 3 positive numbers "
                    + "(channels, height, width), got " + Arrays.toString(inShape));
        }
        this.inC = inShape[0];
        this.inH = inShape[1];
        this.inW = inShape[2];
        this.outC = outC;
        this.kh = g.kernelH();
        this.kw = g.kernelW();
        this.sh = g.strideH();
        this.sw = g.strideW();
        this.padTop = g.padTop();
        this.padLeft = g.padLeft();
        this.dh = g.dilationH();
        this.dw = g.dilationW();
        this.groups = g.groups();
        if (kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0 || dh <= 0 || dw <= 0 || groups <= 0
                || g.padTop() < 0 || g.padLeft() < 0 || g.padBottom() < 0 || g.padRight() < 0) {
            throw new IllegalArgumentException("conv node '" + name + "': kernel, stride, dilation and groups must "
                    + "be positive and padding non-negative, got " + g);
        }
        if (outC == 0) {
            throw new IllegalArgumentException("conv node '" + name + "': needs at least one output channel "
                    + "(the bias is empty)");
        }
        if (inC % groups != 0 || outC % groups != 0) {
            throw new IllegalArgumentException("conv node '" + name + "': " + inC + " input and " + outC
                    + " output channels are not divisible into " + groups + " groups");
        }
        this.outH = Conv.Geometry.out(inH, kh, sh, g.padTop(), g.padBottom(), dh);
        this.outW = Conv.Geometry.out(inW, kw, sw, g.padLeft(), g.padRight(), dw);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("conv node '" + name + "': a " + kh + "x" + kw + " kernel with "
                    + "dilation " + dh + "x" + dw + " spans " + (dh * (kh - 1) + 1) + "x" + (dw * (kw - 1) + 1)
                    + " and does not fit the " + inH + "x" + inW + " input padded to "
                    + (inH + g.padTop() + g.padBottom()) + "x" + (inW + g.padLeft() + g.padRight()));
        }
        try {
            Limits.entries(outC, outH, outW);
            Limits.entries(inC, inH, inW);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("conv node '" + name + "': " + e.getMessage());
        }
        int expected = outC * (inC / groups) * kh * kw;
        if (weightLength != expected) {
            throw new IllegalArgumentException("conv node '" + name + "': weight has " + weightLength
                    + " entries, expected " + outC + " x " + (inC / groups) + " x " + kh + " x " + kw);
        }
    }

    /** Entries of the input tensor. */
    int inSize() {
        return inC * inH * inW;
    }

    /** Entries of the output tensor. */
    int outSize() {
        return outC * outH * outW;
    }

    /**
     * out[t * outSize + ...] += conv(kernel, x[t * inSize ...]) without bias for the planes t = 0 .. planes - 1:
     * as one matrix product ({@link ConvProduct}) where that pays, else plane by plane ({@link #convolve}).
     */
    void convolvePlanes(double[] kernel, double[] x, int planes, double[] out) {
        if (ConvProduct.worthwhile(this)) {
            ConvProduct.convolvePlanes(this, kernel, x, planes, out);
            return;
        }
        for (int t = 0; t < planes; t++) {
            convolve(kernel, x, t * inSize(), out, t * outSize());
        }
    }

    /**
     * out[outOffset + o*outHW + ...] += conv(kernel, x[inOffset ...]) without bias, tap by tap. The output rows
     * and columns a kernel tap reaches inside the input are found once per tap, so the innermost loop has no
     * bounds test.
     */
    void convolve(double[] kernel, double[] x, int inOffset, double[] out, int outOffset) {
        int cg = inC / groups;
        int og = outC / groups;
        int outHW = outH * outW;
        for (int o = 0; o < outC; o++) {
            int c0 = (o / og) * cg;
            int obase = outOffset + o * outHW;
            for (int c = 0; c < cg; c++) {
                int ibase = inOffset + (c0 + c) * inH * inW;
                int kbase = (o * cg + c) * kh * kw;
                for (int p = 0; p < kh; p++) {
                    int y0 = p * dh - padTop;
                    int i0 = firstInside(y0, sh);
                    int i1 = Math.min(outH, lastInside(y0, sh, inH) + 1);
                    for (int q = 0; q < kw; q++) {
                        double w = kernel[kbase + p * kw + q];
                        if (w == 0) {
                            continue;
                        }
                        int x0 = q * dw - padLeft;
                        int j0 = firstInside(x0, sw);
                        int j1 = Math.min(outW, lastInside(x0, sw, inW) + 1);
                        for (int i = i0; i < i1; i++) {
                            int row = ibase + (i * sh + y0) * inW + x0;
                            int orow = obase + i * outW;
                            for (int j = j0; j < j1; j++) {
                                out[orow + j] += w * x[row + j * sw];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first n &gt;= 0 with n * stride + offset &gt;= 0. */
    static int firstInside(int offset, int stride) {
        return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    }

    /** The last n with n * stride + offset &lt; size (negative when there is none). */
    static int lastInside(int offset, int stride, int size) {
        int room = size - 1 - offset;
        return room < 0 ? -1 : room / stride;
    }

    /** The output tensor filled with each channel's bias. */
    double[] withBias(double[] bias) {
        double[] y = new double[outSize()];
        int outHW = outH * outW;
        for (int o = 0; o < outC; o++) {
            Arrays.fill(y, o * outHW, (o + 1) * outHW, bias[o]);
        }
        return y;
    }

    /** Products in one output entry's sum: at most (inC/groups) x kh x kw. */
    long fieldSize() {
        return (long) (inC / groups) * kh * kw;
    }

    /**
     * The receptive field of output entry (o, i, j): writes the input indices {@code x[...]} and the non-zero
     * weights that act on them into {@code vars} and {@code coefs} (each of {@link #fieldSize} entries at
     * least); returns how many.
     */
    int receptiveField(int o, int i, int j, double[] weight, int[] x, int[] vars, double[] coefs) {
        int cg = inC / groups;
        int c0 = (o / (outC / groups)) * cg;
        int n = 0;
        for (int c = 0; c < cg; c++) {
            int ibase = (c0 + c) * inH * inW;
            int kbase = (o * cg + c) * kh * kw;
            for (int p = 0; p < kh; p++) {
                int y = i * sh - padTop + p * dh;
                if (y < 0 || y >= inH) {
                    continue;
                }
                for (int q = 0; q < kw; q++) {
                    int xx = j * sw - padLeft + q * dw;
                    double w = weight[kbase + p * kw + q];
                    if (xx >= 0 && xx < inW && w != 0) {
                        vars[n] = x[ibase + y * inW + xx];
                        coefs[n++] = w;
                    }
                }
            }
        }
        return n;
    }
}
