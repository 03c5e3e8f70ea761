package org.relucert.bounds;

/**
 * Which output bounds of an {@link Analysis} are proven in floating point. Every domain's bounds are
 * rigorous except those of the MILP domain {@code exact}, where a side that came from SCIP's (widened)
 * dual bound is exact up to the solver's tolerances but not a proof; an analysis without a {@code Proof}
 * has every bound proven.
 *
 * @param lower {@code lower[i]}: the lower bound of output i is proven
 * @param upper {@code upper[i]}: the upper bound of output i is proven
 */
public record Proof(boolean[] lower, boolean[] upper) {

    /** Copies the arrays and checks that they have the same length. */
    public Proof {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("proof: " + lower.length + " lower but " + upper.length + " upper flags");
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** Number of outputs. */
    public int size() {
        return lower.length;
    }

    /** Copy of the lower flags. */
    @Override
    public boolean[] lower() {
        return lower.clone();
    }

    /** Copy of the upper flags. */
    @Override
    public boolean[] upper() {
        return upper.clone();
    }

    /** True when the lower bound of output i is proven. */
    public boolean lowerProven(int i) {
        return lower[i];
    }

    /** True when the upper bound of output i is proven. */
    public boolean upperProven(int i) {
        return upper[i];
    }

    /** True when every bound is proven. */
    public boolean all() {
        for (int i = 0; i < lower.length; i++) {
            if (!lower[i] || !upper[i]) {
                return false;
            }
        }
        return true;
    }
}
