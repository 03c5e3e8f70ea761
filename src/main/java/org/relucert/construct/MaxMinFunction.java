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

    /** max(x1, ..., xd), the nested-max function of §5.5 and §7.5. */
    public static MaxMinFunction nestedMax(int d) {
        StringBuilder sb = new StringBuilder("max(");
        for (int i = 1; i <= d; i++) {
            sb.append(i > 1 ? ", " : "").append('x').append(i);
        }
        return (MaxMinFunction) FunctionParser.parse(sb.append(')').toString());
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

    /**
     * The exact range on a box of a flat max or min of affine functions: for max the upper end is the best
     * vertex (a convex function peaks at a vertex, d &lt;= 16) and the lower end the LP min t s.t. t >= a_k.x + b_k;
     * min is symmetric.
     *
     * @throws IllegalArgumentException for a nested expression
     * @throws IllegalStateException    when the LP solver does not reach optimality
     */
    public double[] exactRange(org.relucert.net.Box box) {
        if (!flat() || box.dim() != dim || dim > 16) {
            throw new IllegalArgumentException("exact range needs a flat max/min in at most 16 dimensions");
        }
        if (root instanceof Expr.Affine a) {
            return new double[] {extremeAffine(a, box, false), extremeAffine(a, box, true)};
        }
        Expr.Call c = (Expr.Call) root;
        double best = c.max() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < (1 << dim); mask++) {
            double[] x = new double[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = ((mask >> i) & 1) == 0 ? box.lower()[i] : box.upper()[i];
            }
            double v = evaluate(x);
            best = c.max() ? Math.max(best, v) : Math.min(best, v);
        }
        double other = lpExtreme(c, box);
        return c.max() ? new double[] {other, best} : new double[] {best, other};
    }

    private static double extremeAffine(Expr.Affine a, org.relucert.net.Box box, boolean max) {
        double s = a.constant();
        for (int i = 0; i < box.dim(); i++) {
            double c = a.coef(i);
            s += (c >= 0) == max ? c * box.upper()[i] : c * box.lower()[i];
        }
        return s;
    }

    /** min of a max of affine functions (or max of a min) over the box, by LP. */
    private double lpExtreme(Expr.Call c, org.relucert.net.Box box) {
        try (org.relucert.lp.LinearProgram lp = org.relucert.lp.LinearProgram.lp()) {
            int[] x = new int[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = lp.addVariable(box.lower()[i], box.upper()[i], false);
            }
            int t = lp.addVariable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
            for (Expr e : c.args()) {
                Expr.Affine a = (Expr.Affine) e;
                int[] vars = new int[dim + 1];
                double[] coefs = new double[dim + 1];
                for (int i = 0; i < dim; i++) {
                    vars[i] = x[i];
                    coefs[i] = -a.coef(i);
                }
                vars[dim] = t;
                coefs[dim] = 1;
                // max: t - a.x >= b; min: t - a.x <= b
                if (c.max()) {
                    lp.addConstraint(vars, coefs, a.constant(), Double.POSITIVE_INFINITY);
                } else {
                    lp.addConstraint(vars, coefs, Double.NEGATIVE_INFINITY, a.constant());
                }
            }
            org.relucert.lp.LinearProgram.Solution s = lp.optimise(new int[] {t}, new double[] {1}, 0, !c.max(), 10);
            if (!s.optimal()) {
                throw new IllegalStateException("LP for the exact range of " + text() + " ended " + s.status());
            }
            return s.objective();
        }
    }

    @Override
    public String text() {
        return root.text();
    }
}
