package org.relucert.verify;

/**
 * Adam moment estimates for parameters laid out per node and neuron (the shape of a ragged array whose null
 * rows hold no parameters). Call {@link #nextStep()} once per iteration, then {@link #delta} per parameter.
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final double rate;
    private final double[][] m1;
    private final double[][] m2;
    private int t;

    Adam(double rate, double[][] shape) {
        this.rate = rate;
        this.m1 = new double[shape.length][];
        this.m2 = new double[shape.length][];
        for (int j = 0; j < shape.length; j++) {
            if (shape[j] != null) {
                m1[j] = new double[shape[j].length];
                m2[j] = new double[shape[j].length];
            }
        }
    }

    void nextStep() {
        t++;
    }

    /** The ascent step for parameter (j, i) given its gradient g at the current iteration. */
    double delta(int j, int i, double g) {
        m1[j][i] = BETA1 * m1[j][i] + (1 - BETA1) * g;
        m2[j][i] = BETA2 * m2[j][i] + (1 - BETA2) * g * g;
        double corr1 = 1 - Math.pow(BETA1, t);
        double corr2 = 1 - Math.pow(BETA2, t);
        return rate * (m1[j][i] / corr1) / (Math.sqrt(m2[j][i] / corr2) + 1e-12);
    }
}
