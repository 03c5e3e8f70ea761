package org.relucert.net;

import java.util.Arrays;
import org.relucert.Limits;

/**
 * 2-D convolution (cross-correlation, as in ONNX and PyTorch) of one earlier node, with bias:
 * {@code y[o, i, j] = b[o] + sum_{c, p, q} w[o, c, p, q] * x[g(o)*cg + c, i*sh - pt + p*dh, j*sw - pl + q*dw]},
 * zero outside the input. Tensors are flat vectors in channel-major (CHW) order; a 1-D convolution is the
 * case of height 1. The weight is laid out as in ONNX: [outChannels][inChannels/groups][kh][kw].
 *
 * <p>Back-substitution never forms the dense matrix of the layer: coefficients flow backwards as a
 * transposed convolution, row by row, skipping zero coefficients (a row that starts at one neuron touches
 * only its receptive field).
 */
public final class Conv implements Node {
    private final String name;
    private final int source;
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
    private final double[] positive;
    private final double[] negative;

    /** The geometry of a convolution: kernel, stride, padding (top, left, bottom, right), dilation, groups. */
    public record Geometry(int kernelH, int kernelW, int strideH, int strideW, int padTop, int padLeft,
                           int padBottom, int padRight, int dilationH, int dilationW, int groups) {
        /** Output size along one axis, or a non-positive number when the kernel does not fit. */
        static int out(int in, int kernel, int stride, int padA, int padB, int dilation) {
            int span = dilation * (kernel - 1) + 1;
            int room = in + padA + padB - span;
            return room < 0 ? 0 : room / stride + 1;
        }
    }

    /**
     * @param inShape {channels, height, width} of the source
     * @param weight  [outChannels][inChannels/groups][kh][kw], flattened
     * @param bias    one entry per output channel
     * @throws IllegalArgumentException naming the node when the sizes do not fit together
     */
    public Conv(String name, int source, int[] inShape, Geometry g, double[] weight, double[] bias) {
        this.name = name;
        this.source = source;
        if (inShape.length != 3 || inShape[0] <= 0 || inShape[1] <= 0 || inShape[2] <= 0) {
            throw new IllegalArgumentException("conv node '" + name + "': input shape must be 3 positive numbers "
                    + "(channels, height, width), got " + Arrays.toString(inShape));
        }
        this.inC = inShape[0];
        this.inH = inShape[1];
        this.inW = inShape[2];
        this.outC = bias.length;
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
        this.outH = Geometry.out(inH, kh, sh, g.padTop(), g.padBottom(), dh);
        this.outW = Geometry.out(inW, kw, sw, g.padLeft(), g.padRight(), dw);
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
        if (weight.length != expected) {
            throw new IllegalArgumentException("conv node '" + name + "': weight has " + weight.length
                    + " entries, expected " + outC + " x " + (inC / groups) + " x " + kh + " x " + kw);
        }
        this.weight = weight.clone();
        this.bias = bias.clone();
        this.positive = new double[weight.length];
        this.negative = new double[weight.length];
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] > 0) {
                positive[i] = weight[i];
            } else {
                negative[i] = weight[i];
            }
        }
        this.geometry = g;
        this.transposed = new ConvBackward(inShape, new int[] {outC, outH, outW}, g, this.weight, this.bias);
    }

    private final Geometry geometry;
    private final ConvBackward transposed;

    @Override public String name() { return name; }
    @Override public int[] from() { return new int[] {source}; }
    @Override public int size() { return outC * outH * outW; }
    @Override public int[] shape() { return new int[] {outC, outH, outW}; }

    /** The index of the source node. */
    public int source() { return source; }

    /** {channels, height, width} of the source. */
    public int[] inputShape() { return new int[] {inC, inH, inW}; }

    /** Kernel, stride, padding, dilation and groups. */
    public Geometry geometry() { return geometry; }

    /** [outChannels][inChannels/groups][kh][kw], flattened. Do not modify. */
    public double[] weight() { return weight; }

    /** One bias per output channel. Do not modify. */
    public double[] bias() { return bias; }

    @Override
    public void checkSources(int[] sizes) {
        if (sizes[0] != inC * inH * inW) {
            throw new IllegalArgumentException("conv node '" + name + "': source has size " + sizes[0]
                    + " but the input shape " + inC + "x" + inH + "x" + inW + " needs " + inC * inH * inW);
        }
    }

    /** out[outOffset + o*outHW + ...] += conv(kernel, x[inOffset ...]) without bias. */
    private void convolve(double[] kernel, double[] x, int inOffset, double[] out, int outOffset) {
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
                    for (int q = 0; q < kw; q++) {
                        double w = kernel[kbase + p * kw + q];
                        if (w == 0) {
                            continue;
                        }
                        for (int i = 0; i < outH; i++) {
                            int y = i * sh - padTop + p * dh;
                            if (y < 0 || y >= inH) {
                                continue;
                            }
                            int row = ibase + y * inW;
                            int orow = obase + i * outW;
                            int x0 = q * dw - padLeft;
                            for (int j = 0; j < outW; j++) {
                                int xx = j * sw + x0;
                                if (xx >= 0 && xx < inW) {
                                    out[orow + j] += w * x[row + xx];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private double[] withBias() {
        double[] y = new double[size()];
        int outHW = outH * outW;
        for (int o = 0; o < outC; o++) {
            Arrays.fill(y, o * outHW, (o + 1) * outHW, bias[o]);
        }
        return y;
    }

    @Override
    public double[] evaluate(double[][] inputs) {
        double[] y = withBias();
        convolve(weight, inputs[0], 0, y, 0);
        return y;
    }

    @Override
    public float[] evaluateFloat(float[][] inputs) {
        return Float32.conv(inputShape(), shape(), geometry, weight, bias, inputs[0]);
    }

    @Override
    public double[][] interval(double[][] lower, double[][] upper) {
        double[] lo = withBias();
        double[] hi = withBias();
        convolve(positive, lower[0], 0, lo, 0);
        convolve(negative, upper[0], 0, lo, 0);
        convolve(positive, upper[0], 0, hi, 0);
        convolve(negative, lower[0], 0, hi, 0);
        // outward rounding: each entry is a sum of at most 2 x (inC/groups) x kh x kw products and the bias
        double[] mag = withBias();
        for (int i = 0; i < mag.length; i++) {
            mag[i] = Math.abs(mag[i]);
        }
        convolve(absolute(), RoundingError.magnitude(lower[0], upper[0]), 0, mag, 0);
        long terms = 2L * (inC / groups) * kh * kw + 1;
        for (int i = 0; i < lo.length; i++) {
            double e = RoundingError.sum(terms, mag[i]);
            lo[i] = RoundingError.down(lo[i], e);
            hi[i] = RoundingError.up(hi[i], e);
        }
        return new double[][] {lo, hi};
    }

    /** |weight|, entrywise (exact). */
    private double[] absolute() {
        double[] a = new double[weight.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(weight[i]);
        }
        return a;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A transposed convolution of each row. For every output pixel of a row, the kernels of the output
     * channels whose coefficient is non-zero are summed, four at a time, into one patch (input channels x
     * kernel window, contiguous in the weight layout), which is then added onto the pixel's receptive field.
     * Zero coefficients (e.g. where a ReLU is stable-inactive, or outside the receptive field of a unit row)
     * cost one comparison. Rows are independent, so the result of a row does not depend on the other rows;
     * large calls run the rows in parallel.
     */
    @Override
    public void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                         ReluLines lines) {
        transposed.backward(coef, rows, fromCoef[0], constant);
    }

    /** |W|·m for the last magnitudes seen (one entry), see {@link ConvBackward#backwardError}. */
    private volatile Object[] weighted;

    @Override
    public void backwardError(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[][] magnitude,
                              ReluLines lines, double[] slack) {
        Object[] cached = weighted;
        double[] t;
        if (cached != null && cached[0] == magnitude[0]) {
            t = (double[]) cached[1];
        } else {
            t = new double[size()];
            convolve(absolute(), magnitude[0], 0, t, 0);
            weighted = new Object[] {magnitude[0], t};
        }
        transposed.backwardError(coef, rows, fromCoef[0], magnitude[0], t, slack);
    }

    @Override
    public double[][] forward(double[][] low, double[][] high, int width, ReluLines lines) {
        int n = size();
        int in = inC * inH * inW;
        double[] lo = new double[width * n];
        double[] hi = new double[width * n];
        for (int t = 0; t < width; t++) {
            convolve(positive, low[0], t * in, lo, t * n);
            convolve(negative, high[0], t * in, lo, t * n);
            convolve(positive, high[0], t * in, hi, t * n);
            convolve(negative, low[0], t * in, hi, t * n);
        }
        double[] b = withBias();
        int last = (width - 1) * n;
        for (int i = 0; i < n; i++) {
            lo[last + i] += b[i];
            hi[last + i] += b[i];
        }
        return new double[][] {lo, hi};
    }

    /** One sparse row per output entry over its receptive field (never the dense matrix of the layer). */
    @Override
    public void encode(int[][] sources, int[] outputs, LinearSink sink) {
        int[] x = sources[0];
        int cg = inC / groups;
        int og = outC / groups;
        int field = cg * kh * kw;
        int[] vars = new int[field];
        double[] coefs = new double[field];
        for (int o = 0; o < outC; o++) {
            int c0 = (o / og) * cg;
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
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
                    sink.define(outputs[(o * outH + i) * outW + j], Arrays.copyOf(vars, n), Arrays.copyOf(coefs, n),
                            bias[o]);
                }
            }
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.conv(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conv c && name.equals(c.name) && source == c.source && geometry.equals(c.geometry)
                && Arrays.equals(inputShape(), c.inputShape()) && Arrays.equals(weight, c.weight)
                && Arrays.equals(bias, c.bias);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(weight);
    }

    @Override
    public String toString() {
        return "Conv[" + name + ", " + inC + "x" + inH + "x" + inW + " -> " + outC + "x" + outH + "x" + outW + "]";
    }
}
