package org.relucert.construct;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded random univariate CPWL functions of a given class, for tests, searches and reports. */
public final class RandomFunctions {
    private RandomFunctions() {
    }

    /** Strictly increasing breakpoints x_0 < ... < x_{n+1} in about [-3, 3], spaced at least 0.1 apart. */
    private static double[] breakpoints(SplittableRandom rnd, int kinks) {
        double[] xs = new double[kinks + 2];
        xs[0] = -3 + rnd.nextDouble();
        for (int i = 1; i < xs.length; i++) {
            xs[i] = xs[i - 1] + 0.1 + rnd.nextDouble() * 6.0 / (kinks + 2);
        }
        return xs;
    }

    private static Cpwl fromSlopes(SplittableRandom rnd, double[] xs, double[] slopes) {
        double[] ys = new double[xs.length];
        ys[0] = 4 * rnd.nextDouble() - 2;
        for (int i = 1; i < xs.length; i++) {
            ys[i] = ys[i - 1] + slopes[i - 1] * (xs[i] - xs[i - 1]);
        }
        return Cpwl.of(xs, ys);
    }

    /** A convex function with exactly n kinks (slope jumps at least 0.1), slopes in about [-3, 3]. */
    public static Cpwl convex(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] slopes = new double[n + 1];
        slopes[0] = -3 + 3 * rnd.nextDouble();
        for (int i = 1; i <= n; i++) {
            slopes[i] = slopes[i - 1] + 0.1 + rnd.nextDouble() * 6.0 / (n + 1);
        }
        return fromSlopes(rnd, breakpoints(rnd, n), slopes);
    }

    /** An increasing convex function with n kinks (first slope positive): its minimiser is the left end. */
    public static Cpwl convexIncreasing(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] slopes = new double[n + 1];
        slopes[0] = 0.1 + rnd.nextDouble();
        for (int i = 1; i <= n; i++) {
            slopes[i] = slopes[i - 1] + 0.1 + rnd.nextDouble() * 6.0 / (n + 1);
        }
        return fromSlopes(rnd, breakpoints(rnd, n), slopes);
    }

    /** A non-decreasing (or, when {@code decreasing}, non-increasing) function with n kinks, not convex for n >= 2. */
    public static Cpwl monotone(long seed, int n, boolean decreasing) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] slopes = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            // alternate high and low slopes so that the function is not convex; some pieces are flat
            double s = i % 2 == 0 ? 1 + 2 * rnd.nextDouble() : (rnd.nextDouble() < 0.3 ? 0.0 : 0.5 * rnd.nextDouble());
            slopes[i] = decreasing ? -s : s;
        }
        return fromSlopes(rnd, breakpoints(rnd, n), slopes);
    }

    /** A function with n kinks and random slopes of both signs (a zig-zag for alternating signs). */
    public static Cpwl any(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] slopes = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double s = 0.2 + 2 * rnd.nextDouble();
            slopes[i] = i % 2 == 0 ? s : -s;
        }
        return fromSlopes(rnd, breakpoints(rnd, n), slopes);
    }

    /** A random sub-interval [l, u] of f's interval, sometimes with ends on breakpoints. */
    public static double[] subInterval(Cpwl f, SplittableRandom rnd) {
        double[] pick = new double[2];
        for (int k = 0; k < 2; k++) {
            if (rnd.nextDouble() < 0.2) {
                pick[k] = f.xs()[rnd.nextInt(f.xs().length)];
            } else {
                pick[k] = f.start() + rnd.nextDouble() * (f.end() - f.start());
            }
        }
        Arrays.sort(pick);
        return pick;
    }
}
