package org.relucert.net;

import java.util.Arrays;

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
    private final ConvLayout layout;
    private final Geometry geometry;
    private final double[] weight;
    private final double[] bias;
    private final double[] positive;
    private final double[] negative;
    private final ConvBackward transposed;

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
        this.layout = new ConvLayout(name, inShape, g, bias.length, weight.length);
        this.geometry = g;
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
        this.transposed = new ConvBackward(layout, this.weight, this.bias);
    }

    @Override public String name() { return name; }
    @Override public int[] from() { return new int[] {source}; }
    @Override public int size() { return layout.outSize(); }
    @Override public int[] shape() { return new int[] {layout.outC, layout.outH, layout.outW}; }

    /** The index of the source node. */
    public int source() { return source; }

    /** {channels, height, width} of the source. */
    public int[] inputShape() { return new int[] {layout.inC, layout.inH, layout.inW}; }

    /** Kernel, stride, padding, dilation and groups. */
    public Geometry geometry() { return geometry; }

    /** [outChannels][inChannels/groups][kh][kw], flattened. Do not modify. */
    public double[] weight() { return weight; }

    /** One bias per output channel. Do not modify. */
    public double[] bias() { return bias; }

    @Override
    public void checkSources(int[] sizes) {
        if (sizes[0] != layout.inSize()) {
            throw new IllegalArgumentException("conv node '" + name + "': source has size " + sizes[0]
                    + " but the input shape " + layout.inC + "x" + layout.inH + "x" + layout.inW + " needs "
                    + layout.inSize());
        }
    }

    @Override
    public double[] evaluate(double[][] inputs) {
        double[] y = layout.withBias(bias);
        layout.convolvePlanes(weight, inputs[0], 1, y);
        return y;
    }

    @Override
    public float[] evaluateFloat(float[][] inputs) {
        return Float32.conv(inputShape(), shape(), geometry, weight, bias, inputs[0]);
    }

    @Override
    public double[][] interval(double[][] lower, double[][] upper) {
        double[] lo = layout.withBias(bias);
        double[] hi = layout.withBias(bias);
        layout.convolvePlanes(positive, lower[0], 1, lo);
        layout.convolvePlanes(negative, upper[0], 1, lo);
        layout.convolvePlanes(positive, upper[0], 1, hi);
        layout.convolvePlanes(negative, lower[0], 1, hi);
        // outward rounding: each entry is a sum of at most 2 x (inC/groups) x kh x kw products and the bias
        double[] mag = layout.withBias(bias);
        for (int i = 0; i < mag.length; i++) {
            mag[i] = Math.abs(mag[i]);
        }
        layout.convolvePlanes(transposed.absoluteWeight(), RoundingError.magnitude(lower[0], upper[0]), 1, mag);
        long terms = 2L * layout.fieldSize() + 1;
        for (int i = 0; i < lo.length; i++) {
            double e = RoundingError.sum(terms, mag[i]);
            lo[i] = RoundingError.down(lo[i], e);
            hi[i] = RoundingError.up(hi[i], e);
        }
        return new double[][] {lo, hi};
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
                         ReluLines lines, RoundingSlack error) {
        transposed.backward(coef, rows, fromCoef[0], constant, error);
    }

    @Override
    public double[][] forward(double[][] low, double[][] high, int width, ReluLines lines) {
        int n = size();
        double[] lo = new double[width * n];
        double[] hi = new double[width * n];
        layout.convolvePlanes(positive, low[0], width, lo);
        layout.convolvePlanes(negative, high[0], width, lo);
        layout.convolvePlanes(positive, high[0], width, hi);
        layout.convolvePlanes(negative, low[0], width, hi);
        double[] b = layout.withBias(bias);
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
        int field = (int) layout.fieldSize();
        int[] vars = new int[field];
        double[] coefs = new double[field];
        for (int o = 0; o < layout.outC; o++) {
            for (int i = 0; i < layout.outH; i++) {
                for (int j = 0; j < layout.outW; j++) {
                    int n = layout.receptiveField(o, i, j, weight, sources[0], vars, coefs);
                    sink.define(outputs[(o * layout.outH + i) * layout.outW + j], Arrays.copyOf(vars, n),
                            Arrays.copyOf(coefs, n), bias[o]);
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
        return "Conv[" + name + ", " + layout.inC + "x" + layout.inH + "x" + layout.inW + " -> " + layout.outC + "x"
                + layout.outH + "x" + layout.outW + "]";
    }
}
