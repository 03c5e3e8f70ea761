package org.relucert.bounds;

import java.util.Arrays;
import org.relucert.net.Box;
import org.relucert.net.RoundingError;

/**
 * Linear bounds of q linear forms in terms of the network input:
 * {@code lowerCoef[r]·x + lowerConst[r] <= form_r(x) <= upperCoef[r]·x + upperConst[r]} for every x
 * in the box they were computed on. Coefficients are row-major, q x d. A side that was not bounded has
 * zero coefficients and an infinite constant.
 *
 * <p>The one place where linear forms over the input are concretised over a box (including the
 * coefficient-major forms of the forward symbolic pass, {@link #concretiseColumns}); every concretised
 * value is rounded outward with a rigorous bound of its rounding error ({@link RoundingError}).
 */
public record LinearBounds(int rows, int dim, double[] lowerCoef, double[] lowerConst,
                           double[] upperCoef, double[] upperConst) {

    /**
     * Bounds with one side per row: rows {@code 0..lowerRows-1} of {@code coef}/{@code constant} are
     * lower bounds, the others upper bounds; the missing sides are infinite.
     */
    static LinearBounds sided(int rows, int dim, int lowerRows, double[] coef, double[] constant) {
        double[] lc = new double[rows * dim];
        double[] uc = new double[rows * dim];
        double[] lk = new double[rows];
        double[] uk = new double[rows];
        int split = lowerRows * dim;
        System.arraycopy(coef, 0, lc, 0, split);
        System.arraycopy(coef, split, uc, split, rows * dim - split);
        for (int r = 0; r < rows; r++) {
            if (r < lowerRows) {
                lk[r] = constant[r];
                uk[r] = Double.POSITIVE_INFINITY;
            } else {
                lk[r] = Double.NEGATIVE_INFINITY;
                uk[r] = constant[r];
            }
        }
        return new LinearBounds(rows, dim, lc, lk, uc, uk);
    }

    /** Minimum of the lower lines and maximum of the upper lines over the box [l, u]. */
    public Bounds concretise(double[] l, double[] u) {
        double[] lo = new double[rows];
        double[] hi = new double[rows];
        for (int r = 0; r < rows; r++) {
            lo[r] = extreme(lowerCoef, lowerConst[r], r, l, u, false);
            hi[r] = extreme(upperCoef, upperConst[r], r, u, l, true);
        }
        return new Bounds(lo, hi);
    }

    /** Minimum over the box of the lower line of form r. */
    public double lowerBound(int r, Box box) {
        return extreme(lowerCoef, lowerConst[r], r, box.lower(), box.upper(), false);
    }

    /** Maximum over the box of the upper line of form r. */
    public double upperBound(int r, Box box) {
        return extreme(upperCoef, upperConst[r], r, box.upper(), box.lower(), true);
    }

    /** The box corner where the lower line of form r is smallest. */
    public double[] minimiser(int r, Box box) {
        return corner(lowerCoef, r, box.lower(), box.upper());
    }

    /** The box corner where the upper line of form r is largest. */
    public double[] maximiser(int r, Box box) {
        return corner(upperCoef, r, box.upper(), box.lower());
    }

    /** The input coefficients of the lower line of form r (a copy). */
    public double[] lowerRow(int r) {
        return Arrays.copyOfRange(lowerCoef, r * dim, (r + 1) * dim);
    }

    /** The input coefficients of the upper line of form r (a copy). */
    public double[] upperRow(int r) {
        return Arrays.copyOfRange(upperCoef, r * dim, (r + 1) * dim);
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

    /**
     * constant + sum_i c_i * (c_i >= 0 ? whereNonNegative_i : whereNegative_i) over row r of coef, rounded
     * outward (up for an upper bound): padded by the bound of its rounding error ({@link RoundingError#sum},
     * from the sum of the absolute terms) and moved one ulp.
     */
    private double extreme(double[] coef, double constant, int r, double[] whereNonNegative, double[] whereNegative,
                           boolean up) {
        double s = constant;
        double mag = Math.abs(constant);
        int base = r * dim;
        for (int i = 0; i < dim; i++) {
            double c = coef[base + i];
            // the corner by bits, not a branch (the signs follow no pattern): all ones where c < 0 (sign bit set,
            // c not -0), as c >= 0 ? whereNonNegative : whereNegative would pick
            long bits = Double.doubleToRawLongBits(c);
            long magnitude = bits << 1;
            long negative = (bits >> 63) & -((magnitude | -magnitude) >>> 63);
            double corner = Double.longBitsToDouble((Double.doubleToRawLongBits(whereNonNegative[i]) & ~negative)
                    | (Double.doubleToRawLongBits(whereNegative[i]) & negative));
            double t = c * corner;
            s += t;
            mag += Math.abs(t);
        }
        double e = RoundingError.sum(dim, mag);
        return up ? RoundingError.up(s, e) : RoundingError.down(s, e);
    }

    private double[] corner(double[] coef, int r, double[] whereNonNegative, double[] whereNegative) {
        double[] x = new double[dim];
        int base = r * dim;
        for (int i = 0; i < dim; i++) {
            x[i] = coef[base + i] >= 0 ? whereNonNegative[i] : whereNegative[i];
        }
        return x;
    }

    /**
     * Bounds over the box [l, u] of forms stored coefficient-major, as the forward symbolic pass
     * ({@link org.relucert.net.Node#forward}) keeps them: entry {@code t * size + k} is the coefficient of
     * input t in the form of entry k, and row t = dim holds the constants. {@code low} are lower forms,
     * {@code high} upper forms.
     */
    public static Bounds concretiseColumns(double[] low, double[] high, int size, double[] l, double[] u) {
        int dim = l.length;
        double[] lo = Arrays.copyOfRange(low, dim * size, (dim + 1) * size);
        double[] hi = Arrays.copyOfRange(high, dim * size, (dim + 1) * size);
        double[] magLo = new double[size];
        double[] magHi = new double[size];
        for (int k = 0; k < size; k++) {
            magLo[k] = Math.abs(lo[k]);
            magHi[k] = Math.abs(hi[k]);
        }
        for (int t = 0; t < dim; t++) {
            int o = t * size;
            double lt = l[t];
            double ut = u[t];
            for (int k = 0; k < size; k++) {
                double cl = low[o + k];
                double a = cl >= 0 ? cl * lt : cl * ut;
                lo[k] += a;
                magLo[k] += Math.abs(a);
                double cu = high[o + k];
                double b = cu >= 0 ? cu * ut : cu * lt;
                hi[k] += b;
                magHi[k] += Math.abs(b);
            }
        }
        for (int k = 0; k < size; k++) {
            lo[k] = RoundingError.down(lo[k], RoundingError.sum(dim, magLo[k]));
            hi[k] = RoundingError.up(hi[k], RoundingError.sum(dim, magHi[k]));
        }
        return new Bounds(lo, hi);
    }
}
