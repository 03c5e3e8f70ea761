package org.relucert.io.onnx;

import java.util.Arrays;

/**
 * A coefficient matrix (rows x cols) of a {@link Value} on one source node. It is kept sparse while every
 * row reads at most one source entry (a <em>selection</em>: identity, elementwise scaling, reshuffles such
 * as Transpose, Concat and Pad), so that these fold into the next linear operation without dense products;
 * a product with a constant matrix makes it dense.
 */
final class Block {
    final int rows;
    final int cols;
    /** Row-major entries, or null when the block is a selection. */
    private final double[] dense;
    /** Selection: row r is coef[r] times source entry col[r] (col[r] = -1: a zero row). Null when dense. */
    private final int[] col;
    private final double[] coef;

    private Block(int rows, int cols, double[] dense, int[] col, double[] coef) {
        this.rows = rows;
        this.cols = cols;
        this.dense = dense;
        this.col = col;
        this.coef = coef;
    }

    static Block identity(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i;
        }
        double[] k = new double[n];
        Arrays.fill(k, 1.0);
        return new Block(n, n, null, c, k);
    }

    /** Row r is coef[r] times source entry col[r] (col[r] = -1: a zero row). */
    static Block selection(int cols, int[] col, double[] coef) {
        return new Block(col.length, cols, null, col.clone(), coef.clone());
    }

    static Block dense(int rows, int cols, double[] entries) {
        return new Block(rows, cols, entries, null, null);
    }

    /** True when every row reads at most one source entry. */
    boolean isSelection() {
        return dense == null;
    }

    /** True for a square selection whose row r reads entry r (an elementwise scaling). */
    boolean isDiagonal() {
        if (dense != null || rows != cols) {
            return false;
        }
        for (int r = 0; r < rows; r++) {
            if (col[r] != r) {
                return false;
            }
        }
        return true;
    }

    /** True for the identity matrix. */
    boolean isIdentity() {
        if (!isDiagonal()) {
            return false;
        }
        for (double v : coef) {
            if (v != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** For a selection, the source entry row r reads (-1: a zero row). */
    int selectedColumn(int r) {
        return col[r];
    }

    /** For a selection, the coefficient of the source entry row r reads. */
    double selectedCoefficient(int r) {
        return coef[r];
    }

    /** The diagonal of a block for which {@link #isDiagonal()} holds (a fresh array). */
    double[] diagonal() {
        return coef.clone();
    }

    /** Row r multiplied by s[r]. */
    Block scaleRows(double[] s) {
        if (dense == null) {
            double[] k = new double[rows];
            for (int r = 0; r < rows; r++) {
                k[r] = coef[r] * s[r];
            }
            return new Block(rows, cols, null, col, k);
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
        if (dense == null && o.dense == null && Arrays.equals(col, o.col)) {
            double[] k = new double[rows];
            for (int r = 0; r < rows; r++) {
                k[r] = coef[r] + o.coef[r];
            }
            return new Block(rows, cols, null, col, k);
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
        if (dense == null) {
            for (int i = 0; i < m; i++) {
                int target = i * cols;
                int base = i * rows;
                for (int k = 0; k < rows; k++) {
                    if (col[k] >= 0) {
                        out[target + col[k]] += l[base + k] * coef[k];
                    }
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

    /** The rows listed in {@code index}, in that order; index -1 gives a zero row. */
    Block selectRows(int[] index) {
        if (dense == null) {
            int[] c = new int[index.length];
            double[] k = new double[index.length];
            for (int i = 0; i < index.length; i++) {
                c[i] = index[i] < 0 ? -1 : col[index[i]];
                k[i] = index[i] < 0 ? 0.0 : coef[index[i]];
            }
            return new Block(index.length, cols, null, c, k);
        }
        double[] out = new double[index.length * cols];
        for (int i = 0; i < index.length; i++) {
            if (index[i] >= 0) {
                System.arraycopy(dense, index[i] * cols, out, i * cols, cols);
            }
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
            if (col[r] >= 0) {
                out[r * cols + col[r]] = coef[r];
            }
        }
        return out;
    }
}
