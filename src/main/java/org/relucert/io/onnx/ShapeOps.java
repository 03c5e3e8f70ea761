package org.relucert.io.onnx;

import java.util.Arrays;

/**
 * Operators that only rearrange entries. Flatten, Reshape, Squeeze and Unsqueeze keep the flat row-major
 * vector and change the shape; Transpose and Concat reorder entries as a selection, which a following
 * Gemm or MatMul absorbs (see {@link Emitter#materialize} for what happens otherwise).
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static Value flatten(Operators op) {
        Value v = op.input(0);
        int rank = v.shape.length;
        long axis = op.attrs.i("axis", 1);
        if (axis < 0) {
            axis += rank;
        }
        if (axis < 0 || axis > rank) {
            throw new IllegalArgumentException("axis " + op.attrs.i("axis", 1) + " out of range for shape "
                    + Shapes.str(v.shape));
        }
        int a = (int) axis;
        return v.reshaped(new long[] {Shapes.product(v.shape, 0, a), Shapes.product(v.shape, a, rank)});
    }

    static Value reshape(Operators op) {
        Value v = op.input(0);
        Value shapeValue = op.input(1);
        if (!shapeValue.isConstant() || shapeValue.shape.length != 1) {
            throw new IllegalArgumentException("the target shape must be a constant 1-D tensor");
        }
        boolean allowZero = op.attrs.i("allowzero", 0) != 0;
        long[] target = new long[shapeValue.size()];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long d = (long) shapeValue.bias[i];
            if (d == 0 && !allowZero) {
                if (i >= v.shape.length) {
                    throw new IllegalArgumentException("target dimension " + (i + 1) + " copies a missing dimension");
                }
                d = v.shape[i];
            }
            if (d == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("target shape has more than one -1");
                }
                infer = i;
            } else if (d < 0) {
                throw new IllegalArgumentException("target dimension " + d + " is invalid");
            } else {
                known *= d;
            }
            target[i] = d;
        }
        if (infer >= 0) {
            if (known == 0 || v.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.str(v.shape) + " to "
                        + Shapes.str(target));
            }
            target[infer] = v.size() / known;
        }
        if (Tensors.count(target) != v.size()) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.str(v.shape) + " ("
                    + v.size() + " entries) to " + Shapes.str(target));
        }
        return v.reshaped(target);
    }

    /** The axes of Squeeze/Unsqueeze: attribute (opset < 13) or constant second input; null when absent. */
    private static long[] axes(Operators op) {
        if (op.attrs.has("axes")) {
            return op.attrs.ints("axes");
        }
        if (op.hasInput(1)) {
            Value a = op.constantInput(1, "axes");
            long[] out = new long[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (long) a.bias[i];
            }
            return out;
        }
        return null;
    }

    private static int axis(long a, int rank) {
        long n = a < 0 ? a + rank : a;
        if (n < 0 || n >= rank) {
            throw new IllegalArgumentException("axis " + a + " out of range for rank " + rank);
        }
        return (int) n;
    }

    static Value squeeze(Operators op) {
        Value v = op.input(0);
        long[] axes = axes(op);
        boolean[] drop = new boolean[v.shape.length];
        if (axes == null) {
            for (int d = 0; d < drop.length; d++) {
                drop[d] = v.shape[d] == 1;
            }
        } else {
            for (long a : axes) {
                int d = axis(a, v.shape.length);
                if (v.shape[d] != 1) {
                    throw new IllegalArgumentException("cannot squeeze axis " + a + " of shape " + Shapes.str(v.shape)
                            + " (its size is not 1)");
                }
                drop[d] = true;
            }
        }
        long[] out = new long[v.shape.length];
        int n = 0;
        for (int d = 0; d < drop.length; d++) {
            if (!drop[d]) {
                out[n++] = v.shape[d];
            }
        }
        return v.reshaped(Arrays.copyOf(out, n));
    }

    static Value unsqueeze(Operators op) {
        Value v = op.input(0);
        long[] axes = axes(op);
        if (axes == null) {
            throw new IllegalArgumentException("Unsqueeze needs axes");
        }
        int rank = v.shape.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int d = axis(a, rank);
            if (inserted[d]) {
                throw new IllegalArgumentException("axis " + a + " is given twice");
            }
            inserted[d] = true;
        }
        long[] out = new long[rank];
        for (int d = 0, k = 0; d < rank; d++) {
            out[d] = inserted[d] ? 1 : v.shape[k++];
        }
        return v.reshaped(out);
    }

    static Value transpose(Operators op) {
        Value v = op.input(0);
        int rank = v.shape.length;
        long[] perm = op.attrs.ints("perm");
        if (perm == null) {
            perm = new long[rank];
            for (int d = 0; d < rank; d++) {
                perm[d] = rank - 1 - d;
            }
        }
        boolean[] seen = new boolean[rank];
        if (perm.length != rank) {
            throw new IllegalArgumentException("perm " + Arrays.toString(perm) + " does not fit rank " + rank);
        }
        for (long p : perm) {
            if (p < 0 || p >= rank || seen[(int) p]) {
                throw new IllegalArgumentException("perm " + Arrays.toString(perm) + " is not a permutation");
            }
            seen[(int) p] = true;
        }
        long[] inStride = new long[rank];
        long s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStride[d] = s;
            s *= v.shape[d];
        }
        long[] out = new long[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = v.shape[(int) perm[d]];
        }
        int[] index = new int[v.size()];
        long[] pos = new long[rank];
        for (int i = 0; i < index.length; i++) {
            long src = 0;
            for (int d = 0; d < rank; d++) {
                src += pos[d] * inStride[(int) perm[d]];
            }
            index[i] = (int) src;
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < out[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return v.selected(out, index);
    }
}
