package org.relucert.net;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * C += A·B for row-major double arrays, cache-blocked and register-tiled, serial or with the rows of C split
 * over the common fork-join pool.
 *
 * <p>HotSpot's C2 (Java 17) vectorises a loop over j only when every array in it is indexed by j itself: an
 * offset such as {@code c[co + j] += a * b[bo + j]} into flat arrays leaves it scalar (it cannot rule out the
 * two overlapping). So the kernel first copies the rows of B and of C into arrays of their own, then
 * accumulates four rows of C at once, two rows of B per pass ({@link Math#fma}, so each product is added
 * with one rounding), over panels of {@link #K_BLOCK} rows of B and {@link #N_BLOCK} columns, which stay in
 * the L2 cache while every group of rows of C passes over them. Each entry of C is still the old value plus
 * its k products summed one after another in k order; any order is covered by the rounding-error bound of
 * {@link RoundingError} (a sum of k + 1 terms).
 */
public final class DenseKernel {
    /** Rows of B in a panel. */
    static final int K_BLOCK = 128;
    /** Columns of B and C in a panel. */
    static final int N_BLOCK = 256;
    /** Rows of C handed to one task of the parallel variant, at least. */
    private static final int PARALLEL_ROWS = 16;

    private DenseKernel() {
    }

    /** C (m x n) += A (m x k) · B (k x n), all row-major; one thread. */
    public static void multAdd(double[] a, int m, int k, double[] b, int n, double[] c) {
        check(a, m, k, b, n, c);
        multAddRows(a, m, k, rowsOf(b, k, n), n, c, false);
    }

    /** As {@link #multAdd}, the rows of C split over the common fork-join pool and the calling thread. */
    public static void multAddParallel(double[] a, int m, int k, double[] b, int n, double[] c) {
        check(a, m, k, b, n, c);
        multAddRows(a, m, k, rowsOf(b, k, n), n, c, true);
    }

    /** C (m x n) += A (m x k) · B, B given as k rows of length n (read only, may be shared). */
    static void multAddRows(double[] a, int m, int k, double[][] bRows, int n, double[] c, boolean parallel) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        int parts = parallel ? Math.min(Runtime.getRuntime().availableProcessors(), m / PARALLEL_ROWS) : 1;
        if (parts <= 1) {
            rowRange(a, 0, m, k, bRows, n, c);
            return;
        }
        // contiguous slices of rows, each a multiple of 4 but the last
        int step = (m / parts + 3) & ~3;
        IntStream.range(0, (m + step - 1) / step).parallel()
                .forEach(p -> rowRange(a, p * step, Math.min(m, (p + 1) * step), k, bRows, n, c));
    }

    private static void check(double[] a, int m, int k, double[] b, int n, double[] c) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("negative size " + m + "x" + k + " * " + k + "x" + n);
        }
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("arrays too short for " + m + "x" + k + " * " + k + "x" + n
                    + ": " + a.length + ", " + b.length + ", " + c.length);
        }
    }

    /** The k rows of a row-major k x n matrix, each in an array of its own. */
    static double[][] rowsOf(double[] b, int k, int n) {
        double[][] rows = new double[k][];
        for (int p = 0; p < k; p++) {
            rows[p] = Arrays.copyOfRange(b, p * n, p * n + n);
        }
        return rows;
    }

    /** Rows [i0, i1) of C += the same rows of A times B. */
    private static void rowRange(double[] a, int i0, int i1, int k, double[][] b, int n, double[] c) {
        double[][] y = new double[i1 - i0][];
        for (int i = i0; i < i1; i++) {
            y[i - i0] = Arrays.copyOfRange(c, i * n, i * n + n);
        }
        for (int j0 = 0; j0 < n; j0 += N_BLOCK) {
            int j1 = Math.min(n, j0 + N_BLOCK);
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                int p1 = Math.min(k, p0 + K_BLOCK);
                int i = i0;
                for (; i + 3 < i1; i += 4) {
                    fourRows(a, i * k, k, b, p0, p1, y[i - i0], y[i - i0 + 1], y[i - i0 + 2], y[i - i0 + 3], j0, j1);
                }
                for (; i < i1; i++) {
                    oneRow(a, i * k, b, p0, p1, y[i - i0], j0, j1);
                }
            }
        }
        for (int i = i0; i < i1; i++) {
            System.arraycopy(y[i - i0], 0, c, i * n, n);
        }
    }

    /**
     * Columns [j0, j1) of four rows of C (y0..y3, the rows of A from offset {@code ao}, {@code k} apart) +=
     * their entries p0..p1-1 times rows p0..p1-1 of B, two rows of B per pass.
     */
    private static void fourRows(double[] a, int ao, int k, double[][] b, int p0, int p1, double[] y0,
                                 double[] y1, double[] y2, double[] y3, int j0, int j1) {
        int o1 = ao + k;
        int o2 = o1 + k;
        int o3 = o2 + k;
        int p = p0;
        for (; p + 1 < p1; p += 2) {
            double a0 = a[ao + p];
            double a1 = a[ao + p + 1];
            double c0 = a[o1 + p];
            double c1 = a[o1 + p + 1];
            double d0 = a[o2 + p];
            double d1 = a[o2 + p + 1];
            double e0 = a[o3 + p];
            double e1 = a[o3 + p + 1];
            double[] b0 = b[p];
            double[] b1 = b[p + 1];
            for (int j = j0; j < j1; j++) {
                double w0 = b0[j];
                double w1 = b1[j];
                y0[j] = Math.fma(a1, w1, Math.fma(a0, w0, y0[j]));
                y1[j] = Math.fma(c1, w1, Math.fma(c0, w0, y1[j]));
                y2[j] = Math.fma(d1, w1, Math.fma(d0, w0, y2[j]));
                y3[j] = Math.fma(e1, w1, Math.fma(e0, w0, y3[j]));
            }
        }
        if (p < p1) {
            double a0 = a[ao + p];
            double c0 = a[o1 + p];
            double d0 = a[o2 + p];
            double e0 = a[o3 + p];
            double[] b0 = b[p];
            for (int j = j0; j < j1; j++) {
                double w0 = b0[j];
                y0[j] = Math.fma(a0, w0, y0[j]);
                y1[j] = Math.fma(c0, w0, y1[j]);
                y2[j] = Math.fma(d0, w0, y2[j]);
                y3[j] = Math.fma(e0, w0, y3[j]);
            }
        }
    }

    /** Columns [j0, j1) of one row y of C += its entries p0..p1-1 of A (row at {@code ao}) times B's rows. */
    private static void oneRow(double[] a, int ao, double[][] b, int p0, int p1, double[] y, int j0, int j1) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            double a0 = a[ao + p];
            double a1 = a[ao + p + 1];
            double a2 = a[ao + p + 2];
            double a3 = a[ao + p + 3];
            double[] b0 = b[p];
            double[] b1 = b[p + 1];
            double[] b2 = b[p + 2];
            double[] b3 = b[p + 3];
            for (int j = j0; j < j1; j++) {
                y[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], y[j]))));
            }
        }
        for (; p < p1; p++) {
            double v = a[ao + p];
            double[] b0 = b[p];
            for (int j = j0; j < j1; j++) {
                y[j] = Math.fma(v, b0[j], y[j]);
            }
        }
    }
}
