package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-hidden-layer constructions for univariate CPWL functions of THEORY.md §5.2-§5.4 and §3.5.
 * Functions are taken as given by {@link Cpwl#of} (no collinear interior points).
 */
public final class UnivariateForms {
    private UnivariateForms() {
    }

    /**
     * The base form with one neuron R(x - x_i) per kink, c = the first slope, b so that h(x_0) = y_0.
     * It encodes every univariate CPWL (the multi-neuron construction, §3.5 / T5) and, for convex f, is
     * the Triangle orientation "++...+" (§5.4).
     */
    public static OneLayerForm base(Cpwl f) {
        List<OneLayerForm.Neuron> neurons = new ArrayList<>();
        double[] kinks = f.kinks();
        for (int i = 0; i < kinks.length; i++) {
            neurons.add(new OneLayerForm.Neuron(f.jump(i + 1), 1, kinks[i]));
        }
        double c = f.slope(1);
        return new OneLayerForm(f.ys()[0] - c * f.start(), c, neurons);
    }

    /**
     * Triangle form of §5.4 with the given sign per kink ('+' : R(x - x_i), '-' : R(x_i - x)).
     *
     * @throws IllegalArgumentException when the number of signs differs from the number of kinks
     */
    public static OneLayerForm oriented(Cpwl f, String signs) {
        int n = f.kinks().length;
        if (signs.length() != n) {
            throw new IllegalArgumentException("orientation '" + signs + "' has " + signs.length()
                    + " signs but the function has " + n + " kinks");
        }
        OneLayerForm form = base(f);
        for (int i = 0; i < n; i++) {
            char s = signs.charAt(i);
            if (s == '-') {
                form = form.flip(i);
            } else if (s != '+') {
                throw new IllegalArgumentException("orientation '" + signs + "': sign " + (i + 1) + " is '" + s
                        + "', expected + or -");
            }
        }
        return form;
    }

    /** All 2^n orientations of a function with n kinks, in the order "++..", "-+..", "+-..", ... (binary). */
    public static List<String> orientations(int n) {
        if (n > 20) {
            throw new IllegalArgumentException("2^" + n + " orientations are too many to enumerate");
        }
        List<String> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << n); mask++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(((mask >> i) & 1) == 0 ? '+' : '-');
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * The unique minimal DP-0-precise network of a convex f (§5.2, T2): no linear term, every ReLU points
     * away from a minimiser x*, two neurons at a kink minimiser, one neuron at each end of a flat minimum,
     * an end neuron when the minimiser is a domain end with non-zero slope; bias f(x*).
     *
     * @throws IllegalArgumentException when f is not convex
     */
    public static OneLayerForm deepPoly0(Cpwl f) {
        if (!f.shape().convex()) {
            throw new IllegalArgumentException("the DP-0 form needs a convex function, got " + f.text());
        }
        int n = f.pieces();
        double[] xs = f.xs();
        // the first piece with slope >= 0, or n + 1 when every slope is negative
        int first = 1;
        while (first <= n && f.slope(first) < 0) {
            first++;
        }
        double xStar;
        if (first > n) {
            xStar = f.end();
        } else if (f.slope(first) == 0) {
            xStar = 0.5 * (xs[first - 1] + xs[first]);
        } else {
            xStar = xs[first - 1]; // a kink with s- < 0 < s+, or the left end when every slope is positive
        }
        List<OneLayerForm.Neuron> neurons = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            double left = i == 0 ? 0.0 : f.slope(i);       // outside the interval the slope counts as 0
            double right = i == n ? 0.0 : f.slope(i + 1);
            double x = xs[i];
            if (x == xStar) {
                if (right > 0) {
                    neurons.add(new OneLayerForm.Neuron(right, 1, x));
                }
                if (left < 0) {
                    neurons.add(new OneLayerForm.Neuron(-left, -1, x));
                }
            } else if (i > 0 && i < n) {
                neurons.add(new OneLayerForm.Neuron(right - left, x > xStar ? 1 : -1, x));
            }
        }
        return new OneLayerForm(f.at(xStar), 0.0, neurons);
    }

    /** The DP-1 form of a convex f: the DP-0 form with every neuron flipped (§5.3, T3). */
    public static OneLayerForm deepPoly1(Cpwl f) {
        return deepPoly0(f).flipAll();
    }
}
