package org.relucert.verify;

/**
 * Adam moment estimates for parameters laid out per node and neuron (the shape of a ragged array whose
 * null rows hold no parameters): the one optimiser step behind the final-query slopes and phase
 * multipliers ({@link SlopeOptimiser}) and the intermediate slopes ({@link IntermediateSlopes}). Call
 * {@link #nextStep()} once per iteration, then {@link #delta} for each parameter that moves; projection onto
 * the feasible set is the caller's.
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-12;

    private final double rate;
    private final double[][] m1;
    private final double[][] m2;
    private int t;
    private double corr1;
    private double corr2;

    /** @param shape any array of the parameters' shape (only its row lengths and null rows are read) */
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

    /** Starts the next iteration (the first is 1); fixes the bias corrections of its steps. */
    void nextStep() {
        t++;
        corr1 = 1 - Math.pow(BETA1, t);
        corr2 = 1 - Math.pow(BETA2, t);
    }

    /** The ascent step of parameter (j, i) for its gradient g at this iteration (updates its moments). */
    double delta(int j, int i, double g) {
        if (t == 0) {
            throw new IllegalStateException("Adam.delta before the first nextStep()");
        }
        double a = BETA1 * m1[j][i] + (1 - BETA1) * g;
        double b = BETA2 * m2[j][i] + (1 - BETA2) * g * g;
        m1[j][i] = a;
        m2[j][i] = b;
        return rate * (a / corr1) / (Math.sqrt(b / corr2) + EPSILON);
    }
}
