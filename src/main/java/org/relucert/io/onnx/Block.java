package org.relucert.io.onnx;

/**
 * A coefficient matrix (rows x cols) of a {@link Value} on one source node, kept diagonal while it is
 * one (identity, elementwise scaling) so that normalisation folds in without dense products.
 */
final class Block {
    final int rows;
    final int cols;
    /** Row-major entries, or null when the block is diagonal. */
    private final double[] dense;
    /** Diagonal entries (rows == cols), or null when the block is dense. */
    private final double[] diag;

    private Block(int rows, int cols, double[] dense, double[] diag) {
        this.rows = rows;
        this.cols = cols;
        this.dense = dense;
        this.diag = diag;
    }

    static Block identity(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0);
        return new Block(n, n, null, d);
    }

    static Block dense(int rows, int cols, double[] entries) {
        return new Block(rows, cols, entries, null);
    }

    /** True for the identity matrix. */
    boolean isIdentity() {
        if (diag == null) {
            return false;
        }
        for (double v : diag) {
            if (v != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** Row r multiplied by s[r]. */
    Block scaleRows(double[] s) {
        if (diag != null) {
            double[] d = new double[rows];
            for (int r = 0; r < rows; r++) {
                d[r] = diag[r] * s[r];
            }
            return new Block(rows, cols, null, d);
        }
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = dense[r * cols + c] * s[r];
            }
        }
        return dense(rows, cols, out);
    }

    /** This block plus another of the same dimensions. */
    Block plus(Block o) {
        if (diag != null && o.diag != null) {
            double[] d = new double[rows];
            for (int r = 0; r < rows; r++) {
                d[r] = diag[r] + o.diag[r];
            }
            return new Block(rows, cols, null, d);
        }
        double[] out = toDense();
        double[] other = o.toDense();
        for (int i = 0; i < out.length; i++) {
            out[i] += other[i];
        }
        return dense(rows, cols, out);
    }

    /** L times this block, where L is row-major with m rows and {@link #rows} columns. */
    Block leftMultiply(double[] l, int m) {
        double[] out = new double[m * cols];
        if (diag != null) {
            for (int i = 0; i < m; i++) {
                for (int c = 0; c < cols; c++) {
                    out[i * cols + c] = l[i * rows + c] * diag[c];
                }
            }
            return dense(m, cols, out);
        }
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < rows; k++) {
                double a = l[i * rows + k];
                if (a == 0) {
                    continue;
                }
                int base = k * cols;
                int target = i * cols;
                for (int c = 0; c < cols; c++) {
                    out[target + c] += a * dense[base + c];
                }
            }
        }
        return dense(m, cols, out);
    }

    /** The rows listed in {@code index}, in that order. */
    Block selectRows(int[] index) {
        double[] full = toDense();
        double[] out = new double[index.length * cols];
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(full, index[i] * cols, out, i * cols, cols);
        }
        return dense(index.length, cols, out);
    }

    /** Row-major entries (a fresh array). */
    double[] toDense() {
        if (dense != null) {
            return dense.clone();
        }
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            out[r * cols + r] = diag[r];
        }
        return out;
    }
}
