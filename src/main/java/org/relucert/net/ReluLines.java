package org.relucert.net;

/**
 * Linear lower and upper bounds of each neuron of a ReLU node:
 * {@code lowerSlope*z + lowerIntercept <= relu(z) <= upperSlope*z + upperIntercept} on the neuron's
 * pre-activation bounds. Arrays are owned by this record and must not be modified.
 */
public record ReluLines(double[] lowerSlope, double[] lowerIntercept,
                        double[] upperSlope, double[] upperIntercept) {

    /**
     * The DeepPoly-family lines for pre-activation bounds [l, u]: stable neurons exact; an unstable
     * neuron gets the lower line lambda*z (lambda chosen per neuron) and the upper chord u(z-l)/(u-l).
     */
    public static ReluLines deepPoly(double[] l, double[] u, double[] lambda) {
        int n = l.length;
        double[] ls = new double[n];
        double[] li = new double[n];
        double[] us = new double[n];
        double[] ui = new double[n];
        for (int i = 0; i < n; i++) {
            if (u[i] <= 0) {
                continue; // stable inactive: 0 <= y <= 0
            }
            if (l[i] >= 0) {
                ls[i] = 1;
                us[i] = 1;
                continue;
            }
            double slope = u[i] / (u[i] - l[i]);
            us[i] = slope;
            ui[i] = -slope * l[i];
            ls[i] = lambda[i];
        }
        return new ReluLines(ls, li, us, ui);
    }

    /** True when neuron i is unstable under bounds [l, u]. */
    public static boolean unstable(double l, double u) {
        return l < 0 && u > 0;
    }
}
