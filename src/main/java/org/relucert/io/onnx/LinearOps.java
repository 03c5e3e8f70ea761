package org.relucert.io.onnx;

/** Gemm and MatMul: products with a constant matrix, composed into the pending affine value. */
final class LinearOps {
    /** Largest linear map (entries) built for a MatMul or Gemm on a multi-row value. */
    private static final long MAX_MAP = 50_000_000L;

    private LinearOps() {
    }

    static Value gemm(Operators op) {
        Value a = op.input(0);
        Value b = op.input(1);
        for (Value v : new Value[] {a, b}) {
            if (v.shape.length != 2) {
                throw new IllegalArgumentException("Gemm operands must be 2-D, got shape " + Shapes.str(v.shape));
            }
        }
        if (op.attrs.i("transA", 0) != 0) {
            a = transpose(a);
        }
        if (op.attrs.i("transB", 0) != 0) {
            b = transpose(b);
        }
        Value y = matMul(a, b);
        double alpha = op.attrs.f("alpha", 1.0);
        if (alpha != 1.0) {
            double[] s = new double[y.size()];
            java.util.Arrays.fill(s, alpha);
            y = y.scaled(s);
        }
        if (op.hasInput(2)) {
            Value c = op.input(2);
            if (!c.isConstant()) {
                throw new IllegalArgumentException("Gemm bias C must be constant");
            }
            double beta = op.attrs.f("beta", 1.0);
            double[] bias = Shapes.broadcastTo(c.bias, c.shape, y.shape);
            if (beta != 1.0) {
                for (int i = 0; i < bias.length; i++) {
                    bias[i] *= beta;
                }
            }
            y = y.plusConstant(y.shape, bias);
        }
        return y;
    }

    private static Value transpose(Value v) {
        int rows = (int) v.shape[0];
        int cols = (int) v.shape[1];
        int[] index = new int[rows * cols];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                index[c * rows + r] = r * cols + c;
            }
        }
        return v.selected(new long[] {cols, rows}, index);
    }

    /** Matrix product where at least one side is constant (numpy matmul semantics for 1-D/2-D). */
    static Value matMul(Value a, Value b) {
        if (!a.isConstant() && !b.isConstant()) {
            throw new IllegalArgumentException("product of two input-dependent tensors is not linear");
        }
        if (b.isConstant()) {
            return timesConstant(a, b);
        }
        return constantTimes(a, b);
    }

    /** a (shape [..., R, n] or [n]) times constant b ([n, m] or [n]). */
    private static Value timesConstant(Value a, Value b) {
        if (a.shape.length == 0 || b.shape.length == 0 || b.shape.length > 2) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " are not supported (right operand must be 1-D or 2-D)");
        }
        int n = (int) a.shape[a.shape.length - 1];
        int m = b.shape.length == 2 ? (int) b.shape[1] : 1;
        if (b.shape[0] != n) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " do not match");
        }
        int rows = a.size() / n;
        checkMapSize((long) rows * m * rows * n);
        double[] l = new double[rows * m * rows * n];
        int width = rows * n;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    l[(r * m + j) * width + r * n + i] = b.bias[i * m + j];
                }
            }
        }
        long[] shape = a.shape.clone();
        if (b.shape.length == 2) {
            shape[shape.length - 1] = m;
        } else {
            shape = java.util.Arrays.copyOf(shape, shape.length - 1);
        }
        return a.leftMultiplied(shape, l, rows * m);
    }

    /** Constant a ([m, n]) times b ([n] or [n, k]). */
    private static Value constantTimes(Value a, Value b) {
        if (a.shape.length != 2 || b.shape.length == 0 || b.shape.length > 2) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " are not supported (constant left operand must be 2-D, right operand 1-D or 2-D)");
        }
        int m = (int) a.shape[0];
        int n = (int) a.shape[1];
        int k = b.shape.length == 2 ? (int) b.shape[1] : 1;
        if (b.shape[0] != n) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " do not match");
        }
        checkMapSize((long) m * k * n * k);
        double[] l = new double[m * k * n * k];
        int width = n * k;
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    l[(r * k + j) * width + i * k + j] = a.bias[r * n + i];
                }
            }
        }
        long[] shape = b.shape.length == 2 ? new long[] {m, k} : new long[] {m};
        return b.leftMultiplied(shape, l, m * k);
    }

    private static void checkMapSize(long entries) {
        if (entries > MAX_MAP) {
            throw new IllegalArgumentException("matrix product on a batch of rows is too large ("
                    + entries + " coefficients)");
        }
    }
}
