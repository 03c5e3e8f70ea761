package org.relucert.net;

/**
 * Where a back-substitution step ({@link Node#backward}) adds the rigorous bound of its own rounding error.
 *
 * <p>The step adds to {@code slack[r]} a bound of {@code |coef_r · v - (sum_k delta_k,r · source_k +
 * deltaConstant_r)|} for every value v of the node whose sources lie within {@code magnitude} (per source, a
 * bound of each entry's absolute value over the box), where delta are the changes the step made to the source
 * coefficients and to the constants, relaxation included (for a ReLU, the line chosen stands for v, and the
 * error is that of the floating-point products with it). The accumulation into the source coefficients is part
 * of the error; that into the constants is the caller's. The bound is rigorous (see {@link RoundingError}) and
 * does not depend on the order in which the step sums its products.
 *
 * @param magnitude per source of the node, a bound of |value| of each entry over the box
 * @param slack     per row of the step, the error bound so far (the step adds to it)
 */
public record RoundingSlack(double[][] magnitude, double[] slack) {

    /** sum over the magnitudes of every source (the weight of underflow terms). */
    double magnitudeTotal() {
        double s = 0;
        for (double[] m : magnitude) {
            s += RoundingError.total(m);
        }
        return s;
    }

    /**
     * Adds, for row r, the bound of coefficients that are sums of at most {@code terms} products whose absolute
     * effect on the form is {@code weighted} (sum_c (sum of |products| of coefficient c) x m_c), plus a
     * constant that is a sum of {@code constantTerms} products of absolute sum {@code constantMagnitude}.
     */
    void add(int r, long terms, double weighted, double mSum, long constantTerms, double constantMagnitude) {
        slack[r] += RoundingError.coefficients(terms, weighted, mSum)
                + (constantTerms == 0 ? 0 : RoundingError.sum(constantTerms, constantMagnitude));
    }
}
