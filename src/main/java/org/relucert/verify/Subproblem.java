package org.relucert.verify;

import org.relucert.bounds.Bounds;
import org.relucert.net.Box;

/**
 * One open branch-and-bound subproblem: a case of the property restricted to a box and ReLU phases,
 * with the bounds computed for it.
 *
 * @param promise  the smallest margin found at points of the box (its most violating known point)
 * @param weight   the fraction of its case's root it stands for (1 at the root, halved per split)
 * @param inherited node bounds valid on this subproblem, intersected into its children's bounds
 * @param warm     the optimised slopes and multipliers of its bound, or null
 * @param row      index of its best row (the one the bound, inputCoef, reluCoef and warm belong to)
 * @param planeOffset constant of the linear lower bound {@code inputCoef·x + planeOffset} of its best row
 */
record Subproblem(int caseIndex, Box box, ReluSplits splits, double value, double promise, double[] bestPoint,
                  double[] inputCoef,
                  double[] minimiser, double[][] reluCoef, Bounds[] inherited, int depth, double weight,
                  long order, SlopeOptimiser.Warm warm, double planeOffset,
                  int row) {
}
