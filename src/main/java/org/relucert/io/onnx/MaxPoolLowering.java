package org.relucert.io.onnx;

import org.relucert.net.Conv;

/**
 * MaxPool (2-D, or 1-D as height 1) lowered to existing node kinds through max(a, b) = b + relu(a - b).
 * With the kernel offsets t = (p, q) in row-major order t_0 .. t_{K-1}, the selection
 * S_t[c, i, j] = x[c, i*sh + p*dh, j*sw + q*dw] is a depthwise {@link Conv} (groups = channels) with a one-hot
 * kernel at (p, q) and the pool's stride and dilation, and
 * <pre>
 *   m_0 = S_0,   m_k = S_k + relu(m_{k-1} - S_k),   m_{k-1} - S_k = Add(m_{k-1}, -S_k),
 * </pre>
 * where -S_k is the same selection with kernel -1. The result is m_{K-1}. Each ReLU's pre-activation is the
 * sum of exactly (m_{k-1}, -x_k), the pair over which single-neuron hulls with the layer inputs bound max
 * exactly (THEORY.md §7.5, nested max), which is why the difference is not folded into one convolution of x.
 *
 * <p>MaxPool pads with -infinity, which a zero-padded convolution cannot express at partial border
 * windows: padding and ceil_mode=1 go to {@link MaxPoolWindows} (gathers of each window's valid entries);
 * the Indices output and storage_order are refused.
 */
final class MaxPoolLowering {
    private MaxPoolLowering() {
    }

    static Value maxPool(Operators op) {
        Value x = op.input(0);
        int[] chw = ConvOps.image(x, "MaxPool");
        int rank = x.shape.length - 2;
        long[] kernel = op.attrs.ints("kernel_shape");
        if (kernel == null || kernel.length != rank) {
            throw new IllegalArgumentException("MaxPool needs kernel_shape with " + rank + " entries");
        }
        if (op.node.getOutputCount() > 1 && !op.node.getOutput(1).isEmpty()) {
            throw new IllegalArgumentException("the Indices output (output 2, '" + op.node.getOutput(1)
                    + "') is not supported; only the pooled values are");
        }
        if (op.attrs.i("storage_order", 0) != 0) {
            throw new IllegalArgumentException("storage_order=" + op.attrs.i("storage_order", 0) + " is not supported "
                    + "(it only concerns the Indices output)");
        }
        Conv.Geometry g = ConvOps.geometry(op, chw, kernel, chw[0]);
        PoolWindows.checkAutoPad(op, chw, g);
        boolean ceil = PoolWindows.ceilMode(op, chw, g);
        int[] outHW = PoolWindows.outShape(chw, g, ceil);
        if (ceil || g.padTop() != 0 || g.padLeft() != 0 || g.padBottom() != 0 || g.padRight() != 0) {
            return MaxPoolWindows.maxPool(op, x, chw, g, ceil);
        }
        String name = op.outputName();
        Emitter e = op.graph.emitter;
        int channels = chw[0];
        int kh = g.kernelH();
        int kw = g.kernelW();
        if (x.isConstant()) {
            return constant(x, chw, g, outHW);
        }
        int size = 0;
        int[] shape = null;
        int m = -1;
        for (int k = 0; k < kh * kw; k++) {
            int p = k / kw;
            int q = k % kw;
            String at = kh == 1 ? String.valueOf(q) : p + "_" + q;
            int last = kh * kw - 1;
            int s = ConvFolding.emit(e, x, op.inputName(0), k == 0 && last == 0 ? name : name + "/x" + at, g,
                    oneHot(channels, kh, kw, k, 1.0), new double[channels], k == 0 && last == 0 ? name : null);
            shape = e.shapeOf(s);
            size = shape[0] * shape[1] * shape[2];
            if (k == 0) {
                m = s;
                continue;
            }
            int neg = ConvFolding.emit(e, x, op.inputName(0), name + "/-x" + at, g,
                    oneHot(channels, kh, kw, k, -1.0), new double[channels], null);
            int d = e.add(name + "/d" + k, new int[] {m, neg}, shape);
            int r = e.relu(d, size, name + "/r" + k);
            m = e.add(k == last ? name : name + "/max" + k, new int[] {s, r}, shape);
        }
        long[] out = x.shape.length == 4 ? new long[] {1, shape[0], shape[1], shape[2]}
                : new long[] {1, shape[0], shape[2]};
        return Value.of(m, out, size);
    }

    /** Depthwise weight [C][1][kh][kw] with {@code v} at kernel entry k of every channel. */
    private static double[] oneHot(int channels, int kh, int kw, int k, double v) {
        double[] w = new double[channels * kh * kw];
        for (int c = 0; c < channels; c++) {
            w[c * kh * kw + k] = v;
        }
        return w;
    }

    /** The pool of a constant tensor without padding, computed directly. */
    private static Value constant(Value x, int[] chw, Conv.Geometry g, int[] outHW) {
        int outH = outHW[0];
        int outW = outHW[1];
        double[] y = new double[chw[0] * outH * outW];
        for (int c = 0; c < chw[0]; c++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int p = 0; p < g.kernelH(); p++) {
                        for (int q = 0; q < g.kernelW(); q++) {
                            int r = i * g.strideH() + p * g.dilationH();
                            int s = j * g.strideW() + q * g.dilationW();
                            best = Math.max(best, x.bias[(c * chw[1] + r) * chw[2] + s]);
                        }
                    }
                    y[(c * outH + i) * outW + j] = best;
                }
            }
        }
        long[] shape = x.shape.length == 4 ? new long[] {1, chw[0], outH, outW} : new long[] {1, chw[0], outW};
        return Value.constant(shape, y);
    }
}
