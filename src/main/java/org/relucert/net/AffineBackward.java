package org.relucert.net;

import java.util.Arrays;

/**
 * The back-substitution kernel of an {@link Affine} node: coefficient rows times the weight, as a dense
 * product on the used columns ({@link DenseKernel}, its rows split over the cores when large) or, for sparse
 * or few rows, weight row by weight row for each non-zero coefficient.
 */
final class AffineBackward {
    /** Output entries of the node (rows of the weight). */
    private final int rows;
    /** Columns of the weight (all sources together). */
    private final int cols;
    private final int[] fromSizes;
    private final double[][] blocks;
    private final double[] bias;

    AffineBackward(int[] fromSizes, double[][] blocks, double[] bias, int cols) {
        this.rows = bias.length;
        this.cols = cols;
        this.fromSizes = fromSizes;
        this.blocks = blocks;
        this.bias = bias;
    }

    /** Products larger than this many multiply-adds split their rows over the common pool. */
    private static final long PARALLEL_FLOPS = 2_000_000L;
    /** Below this fraction of used columns the zero columns are cut out before the product. */
    private static final double COMPACT_BELOW = 0.9;
    /** Below this fraction of non-zero entries among the used columns, rows are added up entry by entry. */
    private static final double SPARSE_BELOW = 0.5;
    /**
     * Fewer rows than this are added up entry by entry too: a dense product would first copy the used weight
     * rows (as much work as the product itself for one row) and gains nothing over the row-by-row sums.
     */
    private static final int DENSE_FROM_ROWS = 8;

    /**
     * Source coefficients += coef · W and constants += coef · b; with {@code error}, each row's rounding-error
     * bound in the same step. Each new source coefficient is a sum of at most size()+1 terms (the old value and
     * a_ri·w_ic, in any order), so its error is at most gamma·(|A|·|W| + |old|), and |old| <= |new| + |A|·|W|
     * up to rounding; its effect on the form over the box is at most gamma·(2·|A|·(|W|·m) + |F|·m), a
     * matrix-vector product per row instead of the product's error matrix. The constant a_r·b is a sum of
     * size() products.
     */
    void backward(double[] coef, int rows, double[][] fromCoef, double[] constant, RoundingSlack error) {
        double[] t = error == null ? null : weightedMagnitude(error.magnitude());
        if (rows < DENSE_FROM_ROWS) {
            sparseBackward(coef, rows, fromCoef, constant, error, t);
            return;
        }
        int[] used = usedColumns(coef, rows);
        if (used.length == 0) {
            return;
        }
        if (sampledDensity(coef, rows, used.length) < SPARSE_BELOW) {
            sparseBackward(coef, rows, fromCoef, constant, error, t);
            return;
        }
        boolean compact = used.length < COMPACT_BELOW * this.rows;
        // the coefficients on the columns of the product (the used ones, or all) and the bias and |W|·m there
        int inner = compact ? used.length : this.rows;
        double[] a = compact ? columns(coef, rows, used) : coef;
        double[] b = compact ? gather(bias, used) : bias;
        double[] tu = t == null || !compact ? t : gather(t, used);
        denseBackward(a, rows, inner, compact ? used : null, fromCoef);
        double mSum = error == null ? 0 : error.magnitudeTotal();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            double x = 0;
            double c = 0;
            int base = r * inner;
            for (int i = 0; i < inner; i++) {
                double v = a[base + i];
                s += v * b[i];
                if (tu != null && v != 0) {
                    double av = Math.abs(v);
                    x += av * tu[i];
                    c += av * Math.abs(b[i]);
                }
            }
            constant[r] += s;
            if (error != null) {
                addRowError(r, x, c, fromCoef, error, mSum);
            }
        }
    }

    /** The entries of x at the given indices. */
    private static double[] gather(double[] x, int[] indices) {
        double[] out = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = x[indices[k]];
        }
        return out;
    }

    /** Adds row r's error: {@code x} is |a_r|·(|W|·m), {@code c} |a_r|·|b|, the new coefficients are read here. */
    private void addRowError(int r, double x, double c, double[][] fromCoef, RoundingSlack error, double mSum) {
        double w = 2 * x;
        for (int k = 0; k < blocks.length; k++) {
            int n = fromSizes[k];
            w += RoundingError.absDot(fromCoef[k], r * n, error.magnitude()[k], n);
        }
        error.add(r, this.rows + 1, w, mSum, this.rows, c);
    }

    /** Sources += a · W on the columns of a (rows x inner): the rows {@code used} of W, or all when null. */
    private void denseBackward(double[] a, int rows, int inner, int[] used, double[][] fromCoef) {
        for (int k = 0; k < blocks.length; k++) {
            int n = fromSizes[k];
            double[][] w = used != null ? rowsOf(blocks[k], n, used) : DenseKernel.rowsOf(blocks[k], this.rows, n);
            long work = (long) rows * inner * n;
            WorkCounter.add(work);
            DenseKernel.multAddRows(a, rows, inner, w, n, fromCoef[k], work > PARALLEL_FLOPS);
        }
    }

    /**
     * Row r of source k += a_ri * W_k[i, :] and constant r += a_ri * b_i for every non-zero a_ri; with
     * {@code error} (and {@code t} = |W|·m), the row's error bound.
     */
    private void sparseBackward(double[] coef, int rows, double[][] fromCoef, double[] constant, RoundingSlack error,
                                double[] t) {
        long entries = 0;
        double mSum = error == null ? 0 : error.magnitudeTotal();
        for (int r = 0; r < rows; r++) {
            int co = r * this.rows;
            double s = 0;
            double x = 0;
            double c = 0;
            for (int i = 0; i < this.rows; i++) {
                double v = coef[co + i];
                if (v == 0) {
                    continue;
                }
                entries++;
                s += v * bias[i];
                if (t != null) {
                    double aa = Math.abs(v);
                    x += aa * t[i];
                    c += aa * Math.abs(bias[i]);
                }
                for (int k = 0; k < blocks.length; k++) {
                    int n = fromSizes[k];
                    double[] w = blocks[k];
                    double[] out = fromCoef[k];
                    int ro = r * n;
                    int wo = i * n;
                    for (int col = 0; col < n; col++) {
                        out[ro + col] += v * w[wo + col];
                    }
                }
            }
            constant[r] += s;
            if (error != null) {
                addRowError(r, x, c, fromCoef, error, mSum);
            }
        }
        WorkCounter.add(entries * cols);
    }

    /** The last magnitudes seen and |W|·m for them (one entry; the walks of one analysis share magnitudes). */
    private volatile Object[] weighted;

    /** |W|·m over all sources (one entry per row of the weight), cached for the last magnitudes. */
    private double[] weightedMagnitude(double[][] magnitude) {
        Object[] cached = weighted;
        if (cached != null && Arrays.equals((double[][]) cached[0], magnitude, (a, b) -> a == b ? 0 : 1)) {
            return (double[]) cached[1];
        }
        double[] t = new double[this.rows];
        for (int k = 0; k < blocks.length; k++) {
            int n = fromSizes[k];
            for (int i = 0; i < this.rows; i++) {
                t[i] += RoundingError.absDot(blocks[k], i * n, magnitude[k], n);
            }
        }
        weighted = new Object[] {magnitude.clone(), t};
        return t;
    }

    /** Indices of the columns of coef (rows x size()) with a non-zero entry, ascending (read row by row). */
    private int[] usedColumns(double[] coef, int rows) {
        boolean[] seen = new boolean[this.rows];
        int count = 0;
        for (int r = 0; r < rows && count < this.rows; r++) {
            int base = r * this.rows;
            for (int i = 0; i < this.rows; i++) {
                if (!seen[i] && coef[base + i] != 0) {
                    seen[i] = true;
                    count++;
                }
            }
        }
        int[] used = new int[count];
        for (int i = 0, k = 0; k < count; i++) {
            if (seen[i]) {
                used[k++] = i;
            }
        }
        return used;
    }

    /** Rows whose entries {@link #sampledDensity} counts. */
    private static final int SAMPLED_ROWS = 16;

    /** Fraction of non-zero entries among the used columns, estimated on the first rows. */
    private double sampledDensity(double[] coef, int rows, int usedColumns) {
        int sample = Math.min(rows, SAMPLED_ROWS);
        int entries = 0;
        for (int k = 0, n = sample * this.rows; k < n; k++) {
            entries += coef[k] != 0 ? 1 : 0;
        }
        return entries / ((double) sample * usedColumns);
    }

    /** The given columns of coef (rows x size()), row-major. */
    private double[] columns(double[] coef, int rows, int[] used) {
        double[] out = new double[rows * used.length];
        for (int r = 0; r < rows; r++) {
            int src = r * this.rows;
            int dst = r * used.length;
            for (int k = 0; k < used.length; k++) {
                out[dst + k] = coef[src + used[k]];
            }
        }
        return out;
    }

    /** The given rows of a row-major matrix with n columns, each in an array of its own. */
    private static double[][] rowsOf(double[] matrix, int n, int[] used) {
        double[][] out = new double[used.length][];
        for (int k = 0; k < used.length; k++) {
            out[k] = Arrays.copyOfRange(matrix, used[k] * n, used[k] * n + n);
        }
        return out;
    }
}
