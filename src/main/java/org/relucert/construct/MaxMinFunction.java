package org.relucert.construct;

/**
 * A function on R^d built from affine functions with max and min, e.g. {@code max(x1, x2)} or
 * {@code max(x1, x2, 0.5*x1+x2-1)} (THEORY.md §5.5, §6). The dimension is the highest variable index used.
 *
 * <p>The {@link #shape()} is syntactic, hence a sufficient test: a tree of max over affine functions is
 * convex (min: concave), and it is monotone in x_i when no two affine leaves have coefficients of opposite
 * sign on x_i. A function such as max(x1, -x1 - 100) may be reported non-monotone although it is monotone
 * on part of R; on all of R^d the test is exact for max or min of affine functions whose pieces are all
 * active somewhere.
 */
public record MaxMinFunction(Expr root, int dim) implements TargetFunction {

    /** The function of the given expression, over the variables it uses (at least one). */
    public static MaxMinFunction of(Expr root) {
        return new MaxMinFunction(root, Math.max(1, root.dim()));
    }

    @Override
    public double evaluate(double[] x) {
        return root.evaluate(x);
    }

    @Override
    public Shape shape() {
        boolean convex = onlyCalls(root, true);
        boolean concave = onlyCalls(root, false);
        boolean monotone = true;
        for (int i = 0; i < dim; i++) {
            int[] signs = new int[2];
            collectSigns(root, i, signs);
            monotone &= signs[0] == 0 || signs[1] == 0;
        }
        return new Shape(monotone, convex, concave);
    }

    /** True when every call in the tree is a max (max = true) or every one is a min. */
    private static boolean onlyCalls(Expr e, boolean max) {
        if (e instanceof Expr.Call c) {
            if (c.max() != max) {
                return false;
            }
            for (Expr a : c.args()) {
                if (!onlyCalls(a, max)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void collectSigns(Expr e, int i, int[] signs) {
        if (e instanceof Expr.Affine a) {
            double c = a.coef(i);
            if (c > 0) {
                signs[0]++;
            } else if (c < 0) {
                signs[1]++;
            }
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) {
                collectSigns(a, i, signs);
            }
        }
    }

    /** True when the expression is max or min of affine functions, with no nesting. */
    public boolean flat() {
        if (!(root instanceof Expr.Call c)) {
            return true;
        }
        for (Expr a : c.args()) {
            if (!(a instanceof Expr.Affine)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String text() {
        return root.text();
    }
}
