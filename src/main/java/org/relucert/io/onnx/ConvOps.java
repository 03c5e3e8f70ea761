package org.relucert.io.onnx;

import java.util.Arrays;
import org.relucert.net.Conv;

/**
 * Conv and GlobalAveragePool on tensors [1, C, H, W] (2-D) or [1, C, L] (1-D, as height 1), lowered to
 * {@link Conv} nodes (GlobalAveragePool is a depthwise convolution with weights 1/(H*W); AveragePool, in
 * {@link AveragePoolLowering}, emits through {@link #emit} too), and Pad, which becomes a pending zero border
 * that a following convolution takes over.
 */
final class ConvOps {
    private ConvOps() {
    }

    /** {channels, height, width} of an operator's image input, checked. */
    static int[] image(Value x, String op) {
        int[] chw = x.isImage() ? x.spatial() : null;
        if (chw == null) {
            throw new IllegalArgumentException(op + " input must be [1, C, H, W] or [1, C, L] (batch 1), got "
                    + Shapes.str(x.shape));
        }
        return chw;
    }

    static Value conv(Operators op) {
        Value x = op.input(0);
        int[] chw = image(x, "Conv");
        Value w = op.constantInput(1, "the weight");
        int rank = x.shape.length;
        if (w.shape.length != rank) {
            throw new IllegalArgumentException("weight of shape " + Shapes.str(w.shape) + " does not fit input "
                    + Shapes.str(x.shape));
        }
        int outC = (int) w.shape[0];
        long group = op.attrs.i("group", 1);
        if (group <= 0 || chw[0] % group != 0 || w.shape[1] * group != chw[0]) {
            throw new IllegalArgumentException("weight of shape " + Shapes.str(w.shape) + " does not fit "
                    + chw[0] + " input channels in " + group + " group(s)");
        }
        long[] kernel = Arrays.copyOfRange(w.shape, 2, rank);
        long[] given = op.attrs.ints("kernel_shape");
        if (given != null && !Arrays.equals(given, kernel)) {
            throw new IllegalArgumentException("kernel_shape " + Arrays.toString(given) + " differs from the weight's "
                    + Arrays.toString(kernel));
        }
        double[] bias = new double[outC];
        if (op.hasInput(2)) {
            Value b = op.constantInput(2, "the bias");
            if (b.size() != outC) {
                throw new IllegalArgumentException("bias has " + b.size() + " entries, expected " + outC);
            }
            bias = b.bias.clone();
        }
        Conv.Geometry g = geometry(op, chw, kernel, (int) group);
        return emit(op, x, g, w.bias, bias);
    }

    static Value globalAveragePool(Operators op) {
        Value x = op.input(0);
        int[] chw = image(x, "GlobalAveragePool");
        Conv.Geometry g = new Conv.Geometry(chw[1], chw[2], 1, 1, 0, 0, 0, 0, 1, 1, chw[0]);
        return emit(op, x, g, averaging(chw[0], chw[1] * chw[2]), new double[chw[0]]);
    }

    private static double[] averaging(int channels, int window) {
        double[] w = new double[channels * window];
        Arrays.fill(w, 1.0 / window);
        return w;
    }

    /** The convolution of x as a node (or, for a constant x, its constant result); shape [1, M, H', W'] or [1, M, L']. */
    static Value emit(Operators op, Value x, Conv.Geometry g, double[] weight, double[] bias) {
        String name = op.outputName();
        if (x.isConstant()) {
            Conv c = new Conv(name, -1, x.spatial(), g, weight, bias);
            return Value.constant(outShape(x, c.shape()), c.evaluate(new double[][] {x.bias}));
        }
        int index = ConvFolding.emit(op.graph.emitter, x, op.inputName(0), name, g, weight, bias, name);
        int[] shape = op.graph.emitter.shapeOf(index);
        return Value.of(index, outShape(x, shape), shape[0] * shape[1] * shape[2]);
    }

    private static long[] outShape(Value x, int[] chw) {
        return x.shape.length == 4 ? new long[] {1, chw[0], chw[1], chw[2]} : new long[] {1, chw[0], chw[2]};
    }

    /**
     * Kernel, strides, pads (explicit or auto_pad), dilations and groups of a Conv or pool on a
     * {channels, height, width} input; a 1-D window is one of height 1.
     */
    static Conv.Geometry geometry(Operators op, int[] chw, long[] kernel, int groups) {
        int n = kernel.length;
        long[] strides = op.attrs.ints("strides", n, 1);
        long[] dil = op.attrs.ints("dilations", n, 1);
        long[] pads = op.attrs.ints("pads", 2 * n, 0);
        String auto = op.attrs.s("auto_pad", "NOTSET");
        int[] in = n == 2 ? new int[] {chw[1], chw[2]} : new int[] {chw[2]};
        switch (auto) {
            case "NOTSET" -> { }
            case "VALID" -> Arrays.fill(pads, 0);
            case "SAME_UPPER", "SAME_LOWER" -> {
                for (int a = 0; a < n; a++) {
                    if (strides[a] <= 0) {
                        throw new IllegalArgumentException("strides must be positive, got " + Arrays.toString(strides));
                    }
                    long out = (in[a] + strides[a] - 1) / strides[a];
                    long total = Math.max(0, (out - 1) * strides[a] + dil[a] * (kernel[a] - 1) + 1 - in[a]);
                    long small = total / 2;
                    pads[a] = auto.equals("SAME_UPPER") ? small : total - small;
                    pads[a + n] = total - pads[a];
                }
            }
            default -> throw new IllegalArgumentException("auto_pad '" + auto + "' is not supported (NOTSET, VALID, "
                    + "SAME_UPPER or SAME_LOWER)");
        }
        for (long[] v : new long[][] {kernel, strides, dil, pads}) {
            for (long x : v) {
                if (x < 0 || x > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("kernel, strides, pads or dilations out of range: "
                            + Arrays.toString(v));
                }
            }
        }
        if (n == 2) {
            return new Conv.Geometry((int) kernel[0], (int) kernel[1], (int) strides[0], (int) strides[1],
                    (int) pads[0], (int) pads[1], (int) pads[2], (int) pads[3], (int) dil[0], (int) dil[1], groups);
        }
        return new Conv.Geometry(1, (int) kernel[0], 1, (int) strides[0], 0, (int) pads[0], 0, (int) pads[1], 1,
                (int) dil[0], groups);
    }

    /** Pad in constant mode with value 0 (attributes before opset 11, inputs from 11 on). */
    static Value pad(Operators op) {
        Value x = op.input(0);
        String mode = op.attrs.s("mode", "constant");
        if (!mode.equals("constant")) {
            throw new IllegalArgumentException("Pad mode '" + mode + "' is not supported (only constant zero padding)");
        }
        int rank = x.shape.length;
        long[] pads;
        double value;
        int[] axes = new int[rank];
        for (int d = 0; d < rank; d++) {
            axes[d] = d;
        }
        if (op.attrs.has("pads")) {
            pads = op.attrs.ints("pads");
            value = op.attrs.f("value", 0.0);
        } else {
            Value p = op.constantInput(1, "pads");
            pads = new long[p.size()];
            for (int i = 0; i < pads.length; i++) {
                pads[i] = (long) p.bias[i];
            }
            value = op.hasInput(2) ? op.constantInput(2, "constant_value").bias[0] : 0.0;
            if (op.hasInput(3)) {
                Value a = op.constantInput(3, "axes");
                axes = new int[a.size()];
                for (int i = 0; i < axes.length; i++) {
                    long ax = (long) a.bias[i];
                    axes[i] = (int) (ax < 0 ? ax + rank : ax);
                }
            }
        }
        if (value != 0.0) {
            throw new IllegalArgumentException("Pad with value " + value + " is not supported (only zero padding)");
        }
        if (pads.length != 2 * axes.length) {
            throw new IllegalArgumentException("pads has " + pads.length + " entries, expected " + 2 * axes.length);
        }
        long[] begin = new long[rank];
        long[] end = new long[rank];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= rank) {
                throw new IllegalArgumentException("axis " + axes[i] + " out of range for rank " + rank);
            }
            begin[axes[i]] = pads[i];
            end[axes[i]] = pads[i + axes.length];
            if (pads[i] < 0 || pads[i + axes.length] < 0) {
                throw new IllegalArgumentException("negative pads (cropping) are not supported: "
                        + Arrays.toString(pads));
            }
        }
        return padded(x, begin, end);
    }

    private static Value padded(Value x, long[] begin, long[] end) {
        int rank = x.shape.length;
        long[] out = new long[rank];
        boolean any = false;
        for (int d = 0; d < rank; d++) {
            out[d] = x.shape[d] + begin[d] + end[d];
            any |= begin[d] + end[d] > 0;
        }
        if (!any) {
            return x;
        }
        if (Tensors.count(out) > 100_000_000L) {
            throw new IllegalArgumentException("padded tensor " + Shapes.str(out) + " is too large");
        }
        int[] index = new int[(int) Tensors.count(out)];
        long[] pos = new long[rank];
        long[] stride = new long[rank];
        long s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            stride[d] = s;
            s *= x.shape[d];
        }
        for (int i = 0; i < index.length; i++) {
            long src = 0;
            for (int d = 0; d < rank && src >= 0; d++) {
                long p = pos[d] - begin[d];
                src = p < 0 || p >= x.shape[d] ? -1 : src + p * stride[d];
            }
            index[i] = (int) src;
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < out[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        Value y = x.selected(out, index);
        boolean spatialOnly = x.isImage() && begin[0] + end[0] + begin[1] + end[1] == 0 && !x.isConstant();
        if (!spatialOnly) {
            return y;
        }
        Value.Padding p = rank == 4
                ? new Value.Padding(x, (int) begin[2], (int) begin[3], (int) end[2], (int) end[3])
                : new Value.Padding(x, 0, (int) begin[2], 0, (int) end[2]);
        return new Value(y.shape, y.terms, y.bias, p);
    }
}
