package org.relucert.api;

/**
 * Linear bounds of each bounded row over the network input, valid on the input set they were computed
 * on: {@code lowerCoef[r]·x + lowerConst[r] <= row_r(x) <= upperCoef[r]·x + upperConst[r]} for every x
 * in the set. The concrete bounds of a result are these lines minimised and maximised over the box (or
 * tighter, when a domain intersects them with another sound bound).
 *
 * @param lowerCoef  per row, coefficients on the input of its lower line
 * @param lowerConst per row, the lower line's constant
 * @param upperCoef  per row, coefficients on the input of its upper line
 * @param upperConst per row, the upper line's constant
 */
public record InputLines(double[][] lowerCoef, double[] lowerConst, double[][] upperCoef, double[] upperConst) {

    /** The lower line of row r at the input x. */
    public double lowerAt(int r, double[] x) {
        return dot(lowerCoef[r], x) + lowerConst[r];
    }

    /** The upper line of row r at the input x. */
    public double upperAt(int r, double[] x) {
        return dot(upperCoef[r], x) + upperConst[r];
    }

    private static double dot(double[] a, double[] x) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * x[i];
        }
        return s;
    }
}
