package org.relucert.verify;

import org.relucert.net.Network;

/**
 * How much work the first falsification pass of a case may do, counted in forward-pass equivalents
 * ({@link Falsifier#passes}: a forward pass 1, a gradient {@value Falsifier#GRADIENT_PASSES}, a region LP's
 * forms one pass per input column). Small networks get the full search (sampling, PGD restarts, polish and on
 * low-dimensional inputs region LPs); on a network where the full search would evaluate more than
 * {@value #WORK} ReLUs (passes times ReLU count) every count is scaled down in proportion, so that the
 * search costs about that much and verification gets its time. The first pass also stops at its time share
 * ({@link Verifier#FALSIFY_SHARE}), whichever comes first.
 *
 * @param samples           uniform samples (the box centre is evaluated as well)
 * @param restarts          PGD descents from the best points found
 * @param steps             PGD steps per descent
 * @param polishEvaluations forward passes of the coordinate-descent polish after each descent
 * @param regionRounds      region LPs after the search ({@link RegionSearch}; low-dimensional inputs only)
 */
record FalsifyPlan(int samples, int restarts, int steps, int polishEvaluations, int regionRounds) {
    /** ReLU evaluations (forward-pass equivalents times ReLU count) above which the plan is scaled down. */
    static final double WORK = 2.5e7;
    /** PGD steps per descent in the first pass. */
    static final int STEPS = 40;

    /** The full plan for a network of this input dimension (the counts used before any scaling). */
    static FalsifyPlan full(int inputDim) {
        boolean lowDim = inputDim <= Falsifier.POLISH_MAX_DIM;
        return lowDim ? new FalsifyPlan(5000, 20, STEPS, 40 * STEPS, Verifier.REGION_ROUNDS)
                : new FalsifyPlan(300, 5, STEPS, 0, 0);
    }

    /** The plan for a network: {@link #full} when its work is at most {@value #WORK} ReLU evaluations, else scaled down. */
    static FalsifyPlan forNetwork(Network net) {
        FalsifyPlan full = full(net.inputSize());
        double work = (double) full.passes(net.inputSize()) * Math.max(1, net.reluCount());
        if (work <= WORK) {
            return full;
        }
        double s = WORK / work;
        return new FalsifyPlan(Math.max(1, (int) (full.samples * s)), Math.max(1, (int) (full.restarts * s)),
                full.steps, (int) (full.polishEvaluations * s), (int) (full.regionRounds * s));
    }

    /** The most forward-pass equivalents the plan can use on an input of this dimension. */
    long passes(int inputDim) {
        long descent = 1 + (long) steps * (1 + Falsifier.GRADIENT_PASSES) + polishEvaluations;
        return 1 + samples + restarts * descent + (long) regionRounds * RegionSearch.passesPerRound(inputDim);
    }
}
