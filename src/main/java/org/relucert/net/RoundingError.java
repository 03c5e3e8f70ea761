package org.relucert.net;

/**
 * Rigorous a-posteriori bounds of floating-point rounding error, and outward rounding of bounds.
 *
 * <p>A sum of n products computed in double precision (any order, any blocking, fused or not) differs from
 * the exact sum by at most {@code gamma_n * sum |terms| + n * eta}, with {@code gamma_n = n u / (1 - n u)},
 * {@code u = 2^-53} and {@code eta = 2^-1074} (underflow of a product). {@link #sum} returns a value at
 * least that large: it uses {@code 2 (n + 2) u}, which covers {@code gamma_{n+1}} together with the
 * rounding of the computed magnitude itself (a sum of non-negative terms, low by at most a factor
 * {@code 1 - gamma_n}), for any n below 10^13. Non-finite or NaN inputs give an infinite error, so a bound
 * padded by it is infinite rather than finite and wrong.
 *
 * <p>Every bound rule of the node classes (interval, back-substitution) and the concretisation in
 * {@code bounds.LinearBounds} pads its results with these terms, then rounds them one ulp outward. The
 * switch {@link #setEnabled} exists only so that the benchmark can time the unpadded arithmetic as a
 * baseline in the same run; nothing else may turn it off.
 */
public final class RoundingError {
    /** Unit roundoff of double precision. */
    public static final double U = 0x1p-53;
    /** Largest absolute error of one rounded product in the subnormal range (half the smallest subnormal, doubled). */
    public static final double ETA = Double.MIN_VALUE;

    private static volatile boolean enabled = true;

    private RoundingError() {
    }

    /** Whether bounds are padded (always, except in the benchmark's baseline runs). */
    public static boolean enabled() {
        return enabled;
    }

    /** Benchmark baseline only: turns the padding off (the naive double arithmetic) or back on. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Relative error factor of a sum of n terms: 2 (n + 2) u (see the class comment). */
    public static double gamma(long n) {
        return 2.0 * (n + 2) * U;
    }

    /**
     * Bound of the rounding error of a sum of {@code n} computed products whose absolute values sum to
     * {@code magnitude} (computed in floating point); infinite when the magnitude is not finite.
     */
    public static double sum(long n, double magnitude) {
        double e = gamma(n) * magnitude + (n + 2) * ETA;
        return e == e ? e : Double.POSITIVE_INFINITY;
    }

    /**
     * Bound of the effect on a form of rounding its coefficients, each a sum of at most {@code n} products:
     * {@code magnitude} is sum_c (sum of the absolute products of coefficient c) x m_c and {@code mSum}
     * sum_c m_c, with m the bounds of the variables' absolute values.
     */
    public static double coefficients(long n, double magnitude, double mSum) {
        double e = gamma(n) * magnitude + (n + 2) * ETA * mSum;
        return e == e ? e : Double.POSITIVE_INFINITY;
    }

    /** Sum of the entries (of non-negative magnitudes). */
    public static double total(double[] m) {
        double s = 0;
        for (double v : m) {
            s += v;
        }
        return s;
    }

    /** A value at most {@code x - error}: -infinity when either is NaN. */
    public static double down(double x, double error) {
        if (!enabled) {
            return x;
        }
        double d = x - error;
        return d == d ? Math.nextDown(d) : Double.NEGATIVE_INFINITY;
    }

    /** A value at least {@code x + error}: +infinity when either is NaN. */
    public static double up(double x, double error) {
        if (!enabled) {
            return x;
        }
        double d = x + error;
        return d == d ? Math.nextUp(d) : Double.POSITIVE_INFINITY;
    }

    /** |v|·m, and 0 for v = 0 whatever m (an infinite magnitude times a zero weight adds nothing). */
    private static double term(double v, double m) {
        return v != 0 ? Math.abs(v) * m : 0;
    }

    /** max(|l|, |u|) entrywise: a bound of the magnitude of every value in [l, u]; NaN becomes infinity. */
    public static double[] magnitude(double[] l, double[] u) {
        double[] m = new double[l.length];
        for (int i = 0; i < m.length; i++) {
            double v = Math.max(Math.abs(l[i]), Math.abs(u[i]));
            m[i] = v == v ? v : Double.POSITIVE_INFINITY;
        }
        return m;
    }

    /** sum_i |a[base + i]| * m[i] over i &lt; n, in floating point (0 * infinity counts as 0). */
    public static double absDot(double[] a, int base, double[] m, int n) {
        return absDot(a, base, m, 0, n);
    }

    /** sum_i |a[base + i]| * m[from + i] over i &lt; n, in floating point (0 * infinity counts as 0). */
    public static double absDot(double[] a, int base, double[] m, int from, int n) {
        // four partial sums, so the additions overlap (terms |v|·m >= 0, or NaN/infinite, which stay so)
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += term(a[base + i], m[from + i]);
            s1 += term(a[base + i + 1], m[from + i + 1]);
            s2 += term(a[base + i + 2], m[from + i + 2]);
            s3 += term(a[base + i + 3], m[from + i + 3]);
        }
        for (; i < n; i++) {
            s0 += term(a[base + i], m[from + i]);
        }
        return (s0 + s1) + (s2 + s3);
    }
}
