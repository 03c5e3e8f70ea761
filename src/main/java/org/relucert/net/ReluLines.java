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
            upperLine(l[i], u[i], us, ui, i);
            ls[i] = lambda[i];
        }
        return new ReluLines(ls, li, us, ui);
    }

    /**
     * The chord u(z - l)/(u - l) of an unstable neuron. Where it cannot be formed in floating point (u - l
     * overflows, the slope underflows, a bound is infinite), one of the two valid lines z - l or the
     * constant u takes its place, whichever is lower at the far end: overflow never gives a line below the
     * ReLU.
     */
    private static void upperLine(double l, double u, double[] us, double[] ui, int i) {
        double[] line = chord(l, u);
        us[i] = line[0];
        ui[i] = line[1];
    }

    /**
     * {slope, intercept} of an upper line of relu on [l, u] (l &lt; 0 &lt; u): the chord with the rounded slope
     * s = fl(u/(u - l)) and the intercept rounded up so that the line is above the ReLU at both ends in
     * exact arithmetic, max(-s·l, u - s·u) each evaluated rounding upward; since the ReLU is convex, the
     * line is then above it on all of [l, u], whatever the rounding of s. Falls back to z - l or the
     * constant u where the chord cannot be formed (see above).
     */
    public static double[] chord(double l, double u) {
        double slope = u / (u - l);
        double atLower = Math.nextUp(-slope * l);
        double atUpper = Math.nextUp(u - Math.nextDown(slope * u));
        double intercept = Math.max(atLower, atUpper);
        // a subnormal or zero slope has lost its precision (the chord would sit below u at z = u)
        boolean valid = Double.isFinite(u - l) && slope >= Double.MIN_NORMAL && Double.isFinite(intercept);
        if (valid) {
            return new double[] {slope, intercept};
        } else if (u <= -l) {
            return new double[] {0, u};
        } else {
            return new double[] {1, -l};
        }
    }

    /** True when neuron i is unstable under bounds [l, u]. */
    public static boolean unstable(double l, double u) {
        return l < 0 && u > 0;
    }
}
