package org.relucert.precision;

/**
 * The numerical tolerance of "exact": a bound counts as exact when it is within {@code relative} times
 * max(1, |min|, |max|) of the exact range's end. Gaps below that are reported as "exact within tolerance".
 */
public record Tolerance(double relative) {
    /** The default: 1e-7 relative. */
    public static final Tolerance DEFAULT = new Tolerance(1e-7);

    public Tolerance {
        if (!(relative >= 0) || !Double.isFinite(relative)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + relative);
        }
    }

    /** Absolute slack for a range of the given scale. */
    public double slack(double scale) {
        return relative * scale;
    }

    /** "relative tolerance 1e-07". */
    @Override
    public String toString() {
        return "relative tolerance " + relative;
    }
}
