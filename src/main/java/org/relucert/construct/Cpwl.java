package org.relucert.construct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relucert.InvalidInputException;

/**
 * A univariate continuous piecewise-linear function on the closed interval [x_0, x_n], given by its
 * points (x_i, y_i) with strictly increasing x (THEORY.md §2.2). The first and last points are the ends
 * of the interval; between points the function is linear.
 *
 * <p>A <em>kink</em> is an interior point where the slope changes; points where it does not (collinear
 * neighbours) are not kinks and are dropped by {@link #of}. The kinks are the breakpoints that
 * the Triangle orientations of §5.4 range over, so f3 = max(-x, x, 3x-2) on [-2, 3] has 2 kinks.
 */
public record Cpwl(double[] xs, double[] ys) implements TargetFunction {

    /** Relative tolerance under which two neighbouring slopes count as equal (no kink). */
    static final double SLOPE_TOL = 1e-12;

    public Cpwl {
        xs = xs.clone();
        ys = ys.clone();
    }

    /**
     * The function through the given points, with collinear interior points removed.
     *
     * @throws InvalidInputException when there are fewer than 2 points, a value is not finite, or the x
     *                               are not strictly increasing
     */
    public static Cpwl of(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new InvalidInputException("cpwl: " + xs.length + " x values but " + ys.length + " y values");
        }
        if (xs.length < 2) {
            throw new InvalidInputException("cpwl: needs at least 2 points (the ends of the interval), got " + xs.length);
        }
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new InvalidInputException("cpwl: point " + (i + 1) + " (" + xs[i] + ":" + ys[i] + ") is not finite");
            }
            if (i > 0 && !(xs[i] > xs[i - 1])) {
                throw new InvalidInputException("cpwl: x values must be strictly increasing, but point " + (i + 1)
                        + " has x = " + xs[i] + " after x = " + xs[i - 1]);
            }
        }
        return simplify(xs, ys);
    }

    private static Cpwl simplify(double[] xs, double[] ys) {
        List<Integer> keep = new ArrayList<>();
        keep.add(0);
        for (int i = 1; i < xs.length - 1; i++) {
            int prev = keep.get(keep.size() - 1);
            double left = (ys[i] - ys[prev]) / (xs[i] - xs[prev]);
            double right = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
            if (!sameSlope(left, right)) {
                keep.add(i);
            }
        }
        keep.add(xs.length - 1);
        double[] kx = new double[keep.size()];
        double[] ky = new double[keep.size()];
        for (int k = 0; k < kx.length; k++) {
            kx[k] = xs[keep.get(k)];
            ky[k] = ys[keep.get(k)];
        }
        return new Cpwl(kx, ky);
    }

    static boolean sameSlope(double a, double b) {
        return Math.abs(a - b) <= SLOPE_TOL * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    @Override
    public int dim() {
        return 1;
    }

    /** Left end of the interval. */
    public double start() {
        return xs[0];
    }

    /** Right end of the interval. */
    public double end() {
        return xs[xs.length - 1];
    }

    /** Number of linear pieces. */
    public int pieces() {
        return xs.length - 1;
    }

    /** Slope of piece i (1-based as in THEORY.md: piece i is [x_{i-1}, x_i]). */
    public double slope(int i) {
        return (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]);
    }

    /** The kinks: interior points x_1 .. x_{n-1}, in increasing order. */
    public double[] kinks() {
        return Arrays.copyOfRange(xs, 1, xs.length - 1);
    }

    /** Slope jump gamma_i = s_{i+1} - s_i at interior point x_i, i = 1..n-1. */
    public double jump(int i) {
        return slope(i + 1) - slope(i);
    }

    /** Exact value; x must lie in [start, end] (up to rounding; values outside are extrapolated linearly). */
    public double at(double x) {
        int n = xs.length;
        int i = Arrays.binarySearch(xs, x);
        if (i >= 0) {
            return ys[i];
        }
        int hi = Math.min(Math.max(-i - 1, 1), n - 1);
        int lo = hi - 1;
        double t = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + t * (ys[hi] - ys[lo]);
    }

    @Override
    public double evaluate(double[] x) {
        return at(x[0]);
    }

    /** Exact range on [l, u] within the interval: min and max over l, u and the points inside. */
    public double[] range(double l, double u) {
        double min = Math.min(at(l), at(u));
        double max = Math.max(at(l), at(u));
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] > l && xs[i] < u) {
                min = Math.min(min, ys[i]);
                max = Math.max(max, ys[i]);
            }
        }
        return new double[] {min, max};
    }

    /** True when every slope is >= 0. */
    public boolean nonDecreasing() {
        for (int i = 1; i <= pieces(); i++) {
            if (slope(i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** True when every slope is &lt;= 0. */
    public boolean nonIncreasing() {
        for (int i = 1; i <= pieces(); i++) {
            if (slope(i) > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Shape shape() {
        boolean convex = true;
        boolean concave = true;
        for (int i = 1; i < pieces(); i++) {
            convex &= jump(i) > 0;
            concave &= jump(i) < 0;
        }
        return new Shape(nonDecreasing() || nonIncreasing(), convex, concave);
    }

    /** The function -f. */
    public Cpwl negate() {
        double[] ny = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            ny[i] = -ys[i];
        }
        return new Cpwl(xs, ny);
    }

    @Override
    public String text() {
        StringBuilder sb = new StringBuilder("cpwl: ");
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Format.number(xs[i])).append(':').append(Format.number(ys[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cpwl c && Arrays.equals(xs, c.xs) && Arrays.equals(ys, c.ys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return text();
    }
}
