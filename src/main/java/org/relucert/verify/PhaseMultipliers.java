package org.relucert.verify;

import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * The multipliers beta >= 0 of the phase constraints s·z >= 0 of one row, with their Adam moments; the
 * term added to the bound is -beta·s·z, whose gradient in beta is -s·z at the minimiser.
 */
final class PhaseMultipliers {
    /** Adam step size of the phase constraints' multipliers. */
    private static final double MULTIPLIER_RATE = 0.1;

    private final int[][] sign;
    private final double[][] value;
    private final double[][] terms;
    private final Adam adam;

    PhaseMultipliers(Network net, ReluSplits splits, double[][] start) {
        int n = net.nodes().size();
        sign = new int[n][];
        value = new double[n][];
        terms = new double[n][];
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r == null || splits.none(j)) {
                continue;
            }
            sign[j] = new int[r.size()];
            value[j] = new double[r.size()];
            terms[j] = new double[r.size()];
            for (int i = 0; i < r.size(); i++) {
                sign[j][i] = splits.phase(j, i);
                if (sign[j][i] != 0 && start != null && start[j] != null) {
                    value[j][i] = start[j][i];
                    terms[j][i] = -sign[j][i] * value[j][i];
                }
            }
        }
        adam = new Adam(MULTIPLIER_RATE, value);
    }

    /** A copy of the multipliers. */
    double[][] values() {
        return LinearisedNetwork.copy(value);
    }

    /** Per ReLU node, the coefficient -beta·s on each neuron's pre-activation (null: no constraint). */
    double[][] terms() {
        return terms;
    }

    /** One projected Adam ascent step, given the pre-activations at the current minimiser. */
    void step(double[][] pre) {
        adam.nextStep();
        for (int j = 0; j < sign.length; j++) {
            if (sign[j] == null) {
                continue;
            }
            for (int i = 0; i < sign[j].length; i++) {
                int s = sign[j][i];
                if (s == 0) {
                    continue;
                }
                value[j][i] = Math.max(0.0, value[j][i] + adam.delta(j, i, -s * pre[j][i]));
                terms[j][i] = -s * value[j][i];
            }
        }
    }
}
