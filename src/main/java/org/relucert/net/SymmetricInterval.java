package org.relucert.net;

/**
 * {@link Affine#interval} on a box symmetric about 0, [-v, v]: the image is [b - |W|·v, b + |W|·v], so each
 * row needs the one sum s = sum_c |w_c|·v_c, which is also the sum of absolute terms the rounding-error bound
 * reads. Rounded exactly as the general rule: s and b ± s are padded by {@link RoundingError#sum} of |b| + s
 * and moved one ulp outward, unless every product and addition was exact (fma and TwoSum residuals), so an
 * exact bound stays exact. The forward forms' rounding-error bound ({@code bounds.FormError}) asks every
 * linear node for such an interval once per node and box: on ACAS Xu it was about 40% of branch and bound's
 * CPU with the general rule, which forms the lower end, the upper end and the absolute sum separately.
 */
final class SymmetricInterval {
    private SymmetricInterval() {
    }

    /** True when lower = -upper entrywise with upper >= 0 (not NaN). */
    static boolean isSymmetric(double[][] lower, double[][] upper) {
        for (int k = 0; k < upper.length; k++) {
            double[] l = lower[k];
            double[] u = upper[k];
            for (int i = 0; i < u.length; i++) {
                if (!(u[i] >= 0) || l[i] != -u[i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The interval image of [-v, v] under y = W·concat(sources) + b.
     *
     * @param blocks    per source, its row-major block of W ({@code b.length} rows, {@code sizes[k]} columns)
     * @param cols      the total number of columns
     */
    static double[][] image(double[][] blocks, int[] sizes, double[] b, int cols, double[][] v) {
        int rows = b.length;
        boolean[] finite = new boolean[v.length];
        for (int k = 0; k < v.length; k++) {
            finite[k] = true;
            for (double x : v[k]) {
                finite[k] &= x < Double.POSITIVE_INFINITY;
            }
        }
        double[] lo = new double[rows];
        double[] hi = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            boolean off = false;
            for (int k = 0; k < blocks.length; k++) {
                double[] w = blocks[k];
                double[] x = v[k];
                int n = sizes[k];
                int base = r * n;
                int c = 0;
                // exactness scan, until the first inexact product or addition (usually within a few terms)
                for (; c < n && !off; c++) {
                    double a = Math.abs(w[base + c]);
                    double p = a != 0 ? a * x[c] : 0; // a zero weight adds nothing, even on an infinite v
                    off = !AffineInterval.exactProduct(a, x[c], p) || !AffineInterval.exactSum(s, p);
                    s += p;
                }
                if (c < n) {
                    s += finite[k] ? finiteAbsDot(w, base + c, x, c, n - c) : RoundingError.absDot(w, base + c, x, c, n - c);
                }
            }
            double l = b[r] - s;
            double h = b[r] + s;
            boolean inexact = off || !AffineInterval.exactSum(b[r], -s) || !AffineInterval.exactSum(b[r], s);
            if (inexact) {
                double e = RoundingError.sum(cols + blocks.length, Math.abs(b[r]) + s);
                l = RoundingError.down(l, e);
                h = RoundingError.up(h, e);
            }
            lo[r] = l;
            hi[r] = h;
        }
        return new double[][] {lo, hi};
    }

    /**
     * As {@link RoundingError#absDot(double[], int, double[], int, int)} when every x is finite, so no term
     * needs the zero-weight test.
     */
    private static double finiteAbsDot(double[] w, int wFrom, double[] x, int xFrom, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += Math.abs(w[wFrom + i]) * x[xFrom + i];
            s1 += Math.abs(w[wFrom + i + 1]) * x[xFrom + i + 1];
            s2 += Math.abs(w[wFrom + i + 2]) * x[xFrom + i + 2];
            s3 += Math.abs(w[wFrom + i + 3]) * x[xFrom + i + 3];
        }
        for (; i < n; i++) {
            s0 += Math.abs(w[wFrom + i]) * x[xFrom + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
