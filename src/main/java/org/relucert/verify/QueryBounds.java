package org.relucert.verify;

import org.relucert.bounds.Bounds;
import org.relucert.net.ReluLines;

/**
 * Sound lower bounds of the rows of C·y - d over one subproblem, with what branching needs.
 *
 * @param rowLower     per row i, a lower bound of c_i·y - d_i over the subproblem
 * @param best         index of the row with the largest lower bound
 * @param inputCoef    coefficients on the input of the best row's linear lower bound
 * @param minimiser    the box corner where that linear lower bound is smallest (a falsification candidate)
 * @param reluCoef     per node index, the best row's back-substitution coefficients on that ReLU node's
 *                     output ({@code null} for other nodes)
 * @param nodeBounds   bounds of every node (pre-activation for affine nodes), valid on the subproblem
 * @param lines        ReLU lines used for the intermediate bounds
 * @param infeasible   true when the ReLU phase constraints contradict the bounds (empty subproblem)
 * @param optimised    the slopes and multipliers that gave the best row its bound ({@code null} when not
 *                     optimised), a warm start for the subproblem's children
 * @param planeOffset  the constant of the best row's linear lower bound: {@code inputCoef·x + planeOffset}
 *                     is a lower bound of that row of C·y - d (d included) on the subproblem's box
 */
public record QueryBounds(double[] rowLower, int best, double[] inputCoef, double[] minimiser,
                          double[][] reluCoef, Bounds[] nodeBounds, ReluLines[] lines, boolean infeasible,
                          SlopeOptimiser.Warm optimised, double planeOffset) {

    /** The largest row lower bound: positive means the conjunction C·y &lt;= d cannot hold here. */
    public double value() {
        return infeasible ? Double.POSITIVE_INFINITY : rowLower[best];
    }

    /** The same bounds with {@code warm} as the warm start for children. */
    QueryBounds withOptimised(SlopeOptimiser.Warm warm) {
        return new QueryBounds(rowLower, best, inputCoef, minimiser, reluCoef, nodeBounds, lines, infeasible, warm,
                planeOffset);
    }

    /** True when the subproblem provably contains no unsafe point. */
    public boolean verified() {
        return value() > 0;
    }
}
