package org.relucert.net;

/**
 * {@link Affine#interval} on a general box, rounded outward: each sum is padded by the bound of its rounding
 * error ({@link RoundingError#sum}: the absolute terms |w|·max(|l|, |u|) summed alongside) and moved one ulp
 * out, unless every product and addition of the sum was exact (checked with the exact residuals of fma and
 * TwoSum, {@link #exactProduct} and {@link #exactSum}), so that bounds that are exactly 0, e.g. of a stable
 * neuron, stay 0. Boxes symmetric about 0 take {@link SymmetricInterval} instead.
 */
final class AffineInterval {
    private AffineInterval() {
    }

    /**
     * The interval image of the box under y = W·concat(sources) + b; returns {lower, upper}.
     *
     * @param blocks    per source, its row-major block of W ({@code bias.length} rows, {@code fromSizes[k]} columns)
     * @param cols      the total number of columns
     */
    static double[][] image(double[][] blocks, int[] fromSizes, double[] bias, int cols,
                            double[][] lower, double[][] upper) {
        int rows = bias.length;
        double[] lo = bias.clone();
        double[] hi = bias.clone();
        double[] mag = new double[rows];
        boolean[] inexact = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            mag[r] = Math.abs(bias[r]);
        }
        for (int k = 0; k < blocks.length; k++) {
            double[] l = lower[k];
            double[] u = upper[k];
            double[] w = blocks[k];
            int n = fromSizes[k];
            double[] m = RoundingError.magnitude(l, u);
            for (int r = 0; r < rows; r++) {
                double a = 0;
                double b = 0;
                boolean off = false;
                int base = r * n;
                int c = 0;
                // exactness scan, until the first inexact product or addition (usually within a few terms)
                for (; c < n && !off; c++) {
                    double v = w[base + c];
                    double pa = v >= 0 ? v * l[c] : v * u[c];
                    double pb = v >= 0 ? v * u[c] : v * l[c];
                    off = !exactProduct(v, v >= 0 ? l[c] : u[c], pa) || !exactProduct(v, v >= 0 ? u[c] : l[c], pb)
                            || !exactSum(a, pa) || !exactSum(b, pb);
                    a += pa;
                    b += pb;
                }
                if (c < n) {
                    // the rest: two partial sums per end, so the additions overlap (any order is within the bound)
                    double a1 = 0;
                    double b1 = 0;
                    for (; c + 1 < n; c += 2) {
                        double v0 = w[base + c];
                        double v1 = w[base + c + 1];
                        a += v0 >= 0 ? v0 * l[c] : v0 * u[c];
                        b += v0 >= 0 ? v0 * u[c] : v0 * l[c];
                        a1 += v1 >= 0 ? v1 * l[c + 1] : v1 * u[c + 1];
                        b1 += v1 >= 0 ? v1 * u[c + 1] : v1 * l[c + 1];
                    }
                    for (; c < n; c++) {
                        double v = w[base + c];
                        a += v >= 0 ? v * l[c] : v * u[c];
                        b += v >= 0 ? v * u[c] : v * l[c];
                    }
                    a += a1;
                    b += b1;
                }
                inexact[r] |= off || !exactSum(lo[r], a) || !exactSum(hi[r], b);
                lo[r] += a;
                hi[r] += b;
                mag[r] += RoundingError.absDot(w, base, m, n);
            }
        }
        for (int r = 0; r < rows; r++) {
            if (inexact[r]) {
                double e = RoundingError.sum(cols + blocks.length, mag[r]);
                lo[r] = RoundingError.down(lo[r], e);
                hi[r] = RoundingError.up(hi[r], e);
            }
        }
        return new double[][] {lo, hi};
    }

    /**
     * Whether p = fl(v·x) is the exact product: fma residual 0, finite, and |p| >= 2^-969 so that the residual
     * cannot underflow.
     */
    static boolean exactProduct(double v, double x, double p) {
        if (v == 0 || x == 0) {
            return p == 0;
        }
        return Math.abs(p) >= 0x1p-969 && Double.isFinite(p) && Math.fma(v, x, -p) == 0;
    }

    /** Whether fl(a + b) is the exact sum (TwoSum residual 0, finite). */
    static boolean exactSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        return Double.isFinite(s) && (a - (s - bb)) + (b - bb) == 0;
    }
}
