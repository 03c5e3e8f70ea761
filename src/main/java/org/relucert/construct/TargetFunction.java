package org.relucert.construct;

/**
 * A continuous piecewise-linear function that relucert can encode as a ReLU network: a univariate
 * {@link Cpwl} on a closed interval, or a max/min expression of affine functions on R^d
 * ({@link MaxMinFunction}).
 */
public sealed interface TargetFunction permits Cpwl, MaxMinFunction {

    /** Input dimension. */
    int dim();

    /** Exact value at a point of the domain. */
    double evaluate(double[] x);

    /** Monotonicity and convexity of the function (THEORY.md §2.2). */
    Shape shape();

    /** The function in the text syntax accepted by {@link FunctionParser#parse(String)}. */
    String text();
}
