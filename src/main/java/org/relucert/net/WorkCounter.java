package org.relucert.net;

import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide count of the multiply-adds performed by back-substitution matrix products, read by the
 * benchmark to report achieved GFLOP/s. Counting is one add per product, so it is always on.
 */
public final class WorkCounter {
    private static final LongAdder MULTIPLY_ADDS = new LongAdder();

    private WorkCounter() {
    }

    /** Records n multiply-adds. */
    public static void add(long n) {
        MULTIPLY_ADDS.add(n);
    }

    /** Multiply-adds recorded since the last {@link #reset()}. */
    public static long multiplyAdds() {
        return MULTIPLY_ADDS.sum();
    }

    /** Sets the count to zero. */
    public static void reset() {
        MULTIPLY_ADDS.reset();
    }
}
