package org.relucert.io.onnx;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tensor of the ONNX graph expressed as an affine function of already emitted network nodes:
 * flattened row-major, entry r equals {@code sum over sources s of (terms[s] * value(s))[r] + bias[r]}.
 * A value without terms is a constant (an initializer or a folded constant expression).
 */
final class Value {
    final long[] shape;
    /** Source node index (or Network.INPUT) to its coefficient block, in first-use order. */
    final Map<Integer, Block> terms;
    final double[] bias;
    /** Set on the direct result of a Pad of a CHW tensor, so that a following Conv can take the padding over. */
    final Padding pad;
    /**
     * The ONNX tensor that last computed these entries (shape changes such as Reshape keep it); a node made
     * for this value is named after it. Null until {@link GraphLowering} names the result of an operator.
     */
    final String origin;

    /** This value is {@code inner} with zero borders of the given widths on the spatial axes. */
    record Padding(Value inner, int top, int left, int bottom, int right) {
    }

    /** Per-channel scale and shift of one source node: entry (c, i, j) = scale[c] * source(c, i, j) + shift[c]. */
    record ChannelAffine(int source, double[] scale, double[] shift) {
        boolean shiftIsZero() {
            for (double t : shift) {
                if (t != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    Value(long[] shape, Map<Integer, Block> terms, double[] bias) {
        this(shape, terms, bias, null);
    }

    Value(long[] shape, Map<Integer, Block> terms, double[] bias, Padding pad) {
        this(shape, terms, bias, pad, null);
    }

    private Value(long[] shape, Map<Integer, Block> terms, double[] bias, Padding pad, String origin) {
        this.shape = shape.clone();
        this.terms = new LinkedHashMap<>(terms);
        this.bias = bias;
        this.pad = pad;
        this.origin = origin;
    }

    /** The same value, computed by the given tensor. */
    Value named(String tensor) {
        return new Value(shape, terms, bias, pad, tensor);
    }

    static Value constant(long[] shape, double[] data) {
        return new Value(shape, Map.of(), data);
    }

    /** The value of node {@code source} itself (identity coefficients, zero bias). */
    static Value of(int source, long[] shape, int size) {
        return new Value(shape, Map.of(source, Block.identity(size)), new double[size]);
    }

    boolean isConstant() {
        return terms.isEmpty();
    }

    int size() {
        return bias.length;
    }

    /** The same entries under another shape (reshape, flatten, identity). */
    Value reshaped(long[] newShape) {
        return new Value(newShape, terms, bias, null, origin);
    }

    /** Entry r multiplied by s[r]. */
    Value scaled(double[] s) {
        Map<Integer, Block> t = new LinkedHashMap<>();
        terms.forEach((k, b) -> t.put(k, b.scaleRows(s)));
        double[] b = new double[bias.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = bias[i] * s[i];
        }
        return new Value(shape, t, b);
    }

    /** This value plus a constant vector of the same size. */
    Value plusConstant(long[] newShape, double[] c) {
        double[] b = new double[bias.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = bias[i] + c[i];
        }
        return new Value(newShape, terms, b);
    }

    /** This value plus another one of the same size. */
    Value plus(long[] newShape, Value o) {
        Map<Integer, Block> t = new LinkedHashMap<>(terms);
        o.terms.forEach((k, b) -> t.merge(k, b, Block::plus));
        return new Value(newShape, t, biasPlus(o));
    }

    private double[] biasPlus(Value o) {
        double[] b = bias.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += o.bias[i];
        }
        return b;
    }

    /** L times this value, where L is row-major with m rows and {@link #size()} columns. */
    Value leftMultiplied(long[] newShape, double[] l, int m) {
        Map<Integer, Block> t = new LinkedHashMap<>();
        terms.forEach((k, b) -> t.put(k, b.leftMultiply(l, m)));
        int n = bias.length;
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += l[i * n + k] * bias[k];
            }
            b[i] = s;
        }
        return new Value(newShape, t, b);
    }

    /** The entries listed in {@code index}, in that order (-1: a zero entry), under a new shape. */
    Value selected(long[] newShape, int[] index) {
        Map<Integer, Block> t = new LinkedHashMap<>();
        terms.forEach((k, b) -> t.put(k, b.selectRows(index)));
        double[] b = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            b[i] = index[i] < 0 ? 0.0 : bias[index[i]];
        }
        return new Value(newShape, t, b);
    }

    /** True when this is exactly the value of one node: identity coefficients and zero bias. */
    boolean isNodeItself() {
        if (terms.size() != 1 || !terms.values().iterator().next().isIdentity()) {
            return false;
        }
        for (double v : bias) {
            if (v != 0.0) {
                return false;
            }
        }
        return true;
    }

    /** True when every term is an elementwise scaling (and there is at least one term). */
    boolean allDiagonal() {
        return !terms.isEmpty() && terms.values().stream().allMatch(Block::isDiagonal);
    }

    /** True when every term is a selection (each entry reads at most one entry of each source). */
    boolean allSelections() {
        return terms.values().stream().allMatch(Block::isSelection);
    }

    /**
     * {channels, height, width} of a tensor with batch 1: [1, C, H, W], [1, C, L] (height 1) or [1, C]
     * (1 x 1); null for other shapes.
     */
    int[] spatial() {
        if (shape.length < 2 || shape.length > 4 || shape[0] != 1) {
            return null;
        }
        int c = (int) shape[1];
        int h = shape.length == 4 ? (int) shape[2] : 1;
        int w = shape.length == 4 ? (int) shape[3] : shape.length == 3 ? (int) shape[2] : 1;
        return c > 0 && h > 0 && w > 0 ? new int[] {c, h, w} : null;
    }

    /** True for an image-like tensor [1, C, H, W] or [1, C, L]. */
    boolean isImage() {
        return shape.length >= 3 && spatial() != null;
    }

    /** The shape without the leading batch dimension, as a node's shape: [1, C, H, W] gives {C, H, W}. */
    int[] nodeShape() {
        int start = shape.length >= 2 && shape[0] == 1 ? 1 : 0;
        if (start == shape.length) {
            return new int[] {size()};
        }
        int[] out = new int[shape.length - start];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) shape[start + i];
        }
        return out;
    }

    /**
     * This value as a per-channel scale and shift of one node (the node itself counts, with scale 1 and
     * shift 0), when its shape has channels ({@link #spatial()}); null otherwise.
     */
    ChannelAffine channelAffine() {
        int[] chw = spatial();
        if (chw == null || terms.size() != 1) {
            return null;
        }
        Map.Entry<Integer, Block> term = terms.entrySet().iterator().next();
        if (!term.getValue().isDiagonal()) {
            return null;
        }
        double[] d = term.getValue().diagonal();
        int channels = chw[0];
        int area = size() / channels;
        double[] scale = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = d[c * area];
            shift[c] = bias[c * area];
            for (int i = c * area; i < (c + 1) * area; i++) {
                if (d[i] != scale[c] || bias[i] != shift[c]) {
                    return null;
                }
            }
        }
        return new ChannelAffine(term.getKey(), scale, shift);
    }

    /** The source node when this value is exactly one node's value ({@link #isNodeItself()}). */
    int nodeSource() {
        return terms.keySet().iterator().next();
    }

    @Override
    public String toString() {
        return "Value" + Arrays.toString(shape) + (isConstant() ? " constant" : " over " + terms.keySet());
    }
}
