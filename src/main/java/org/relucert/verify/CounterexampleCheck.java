package org.relucert.verify;

import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * The acceptance test of a counterexample: a point found by the search counts only if it holds where it
 * will be judged. VNN-COMP re-runs the network with onnxruntime in float32, checks that the output
 * satisfies the property within an absolute tolerance of 1e-4 and that it matches the written output
 * within rtol 1e-3 (np.allclose semantics). A point is accepted when
 * <ul>
 *   <li>its double-precision margin is {@code <= 0} (every unsafe row holds exactly in double),</li>
 *   <li>its float32 margin ({@link Network#evaluateFloat}: input and weights rounded to float32, float32
 *       arithmetic) is {@code <=} {@link #FLOAT32_TOLERANCE}, a tenth of VNN-COMP's tolerance, which
 *       leaves room for a runtime's different summation order, and</li>
 *   <li>the float32 output is close to the double one: |y64 - y32| {@code <=} {@link #OUTPUT_ATOL}
 *       + {@link #OUTPUT_RTOL} |y32| on every entry, and every entry is finite.</li>
 * </ul>
 * Otherwise the point is not a counterexample and the search goes on.
 */
public final class CounterexampleCheck {
    /** Largest float32 margin accepted (absolute, in output units). */
    public static final double FLOAT32_TOLERANCE = 1e-5;
    /** Absolute part of the double/float32 output agreement test. */
    public static final double OUTPUT_ATOL = 1e-5;
    /** Relative part of the double/float32 output agreement test. */
    public static final double OUTPUT_RTOL = 1e-4;

    private CounterexampleCheck() {
    }

    /**
     * The margin of x for the search: the double margin when x is not a candidate ({@code margin > 0}) or
     * passes the float32 re-check, else a positive value (the float32 margin beyond the tolerance, at least
     * the smallest positive double), so that x is not taken for a counterexample.
     *
     * @param y      the double output at x
     * @param margin the double margin of y for the case
     */
    public static double acceptedMargin(Network net, Property.Case cs, double[] x, double[] y, double margin) {
        if (margin > 0 || Double.isNaN(margin)) {
            return margin;
        }
        float[] y32 = net.evaluateFloat(x);
        double[] y32d = new double[y32.length];
        boolean agree = true;
        for (int j = 0; j < y.length; j++) {
            y32d[j] = y32[j];
            agree &= Double.isFinite(y[j]) && Float.isFinite(y32[j])
                    && Math.abs(y[j] - y32d[j]) <= OUTPUT_ATOL + OUTPUT_RTOL * Math.abs(y32d[j]);
        }
        double margin32 = cs.c().length == 0 ? Double.NEGATIVE_INFINITY : cs.margin(y32d);
        if (agree && margin32 <= FLOAT32_TOLERANCE) {
            return margin;
        }
        double beyond = margin32 - FLOAT32_TOLERANCE;
        return beyond > 0 ? beyond : Double.MIN_VALUE;
    }

    /** True when x is a counterexample of the case in double and float32 (see the class comment). */
    public static boolean holds(Network net, Property.Case cs, double[] x) {
        double[] y = net.evaluate(x);
        double margin = cs.c().length == 0 ? Double.NEGATIVE_INFINITY : cs.margin(y);
        return acceptedMargin(net, cs, x, y, margin) <= 0;
    }
}
