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

    Value(long[] shape, Map<Integer, Block> terms, double[] bias) {
        this.shape = shape.clone();
        this.terms = new LinkedHashMap<>(terms);
        this.bias = bias;
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
        return new Value(newShape, terms, bias);
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

    /** The entries listed in {@code index}, in that order, under a new shape. */
    Value selected(long[] newShape, int[] index) {
        Map<Integer, Block> t = new LinkedHashMap<>();
        terms.forEach((k, b) -> t.put(k, b.selectRows(index)));
        double[] b = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            b[i] = bias[index[i]];
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

    @Override
    public String toString() {
        return "Value" + Arrays.toString(shape) + (isConstant() ? " constant" : " over " + terms.keySet());
    }
}
