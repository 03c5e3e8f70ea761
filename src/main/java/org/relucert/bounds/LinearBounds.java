package org.relucert.bounds;

/**
 * Linear bounds of q linear forms in terms of the network input:
 * {@code lowerCoef[r]·x + lowerConst[r] <= form_r(x) <= upperCoef[r]·x + upperConst[r]} for every x
 * in the box they were computed on. Coefficients are row-major, q x d.
 */
public record LinearBounds(int rows, int dim, double[] lowerCoef, double[] lowerConst,
                           double[] upperCoef, double[] upperConst) {

    /** Minimum of the lower lines and maximum of the upper lines over the box [l, u]. */
    public Bounds concretise(double[] l, double[] u) {
        double[] lo = new double[rows];
        double[] hi = new double[rows];
        for (int r = 0; r < rows; r++) {
            double a = lowerConst[r];
            double b = upperConst[r];
            int base = r * dim;
            for (int i = 0; i < dim; i++) {
                double cl = lowerCoef[base + i];
                a += cl >= 0 ? cl * l[i] : cl * u[i];
                double cu = upperCoef[base + i];
                b += cu >= 0 ? cu * u[i] : cu * l[i];
            }
            lo[r] = a;
            hi[r] = b;
        }
        return new Bounds(lo, hi);
    }

    /** Value of the lower line of form r at x. */
    public double lowerAt(int r, double[] x) {
        double s = lowerConst[r];
        for (int i = 0; i < dim; i++) {
            s += lowerCoef[r * dim + i] * x[i];
        }
        return s;
    }

    /** Value of the upper line of form r at x. */
    public double upperAt(int r, double[] x) {
        double s = upperConst[r];
        for (int i = 0; i < dim; i++) {
            s += upperCoef[r * dim + i] * x[i];
        }
        return s;
    }
}
