package org.relucert;

/**
 * Limits on hostile or accidental huge input, checked before memory is allocated for it; each can be set
 * by a system property ({@code java -Drelucert.maxEntries=... -jar relucert.jar ...}). Inputs beyond a
 * limit are refused with an {@link InvalidInputException} naming the limit and its property.
 */
public final class Limits {
    /** Property of {@link #maxFileBytes()}. */
    public static final String MAX_FILE_BYTES = "relucert.maxFileBytes";
    /** Property of {@link #maxEntries()}. */
    public static final String MAX_ENTRIES = "relucert.maxEntries";

    private Limits() {
    }

    /** Largest network, property or box file read (default 2,000,000,000 bytes, below protobuf's 2 GiB). */
    public static long maxFileBytes() {
        return property(MAX_FILE_BYTES, 2_000_000_000L);
    }

    /**
     * Most entries of one tensor or node of a network (default 2^24 = 16,777,216; the largest VNN-COMP
     * layers have a few million), or of one weight tensor.
     */
    public static long maxEntries() {
        return property(MAX_ENTRIES, 1L << 24);
    }

    /**
     * The product of the dimensions, refused (IllegalArgumentException, for the caller to name its place)
     * when it overflows or exceeds {@link #maxEntries()}.
     */
    public static long entries(long... dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                n = Long.MAX_VALUE;
            }
        }
        if (n > maxEntries()) {
            throw new IllegalArgumentException("a tensor of " + (n == Long.MAX_VALUE ? "more than 2^63" : n)
                    + " entries (dimensions " + java.util.Arrays.toString(dims) + ") exceeds the limit of "
                    + maxEntries() + " (system property " + MAX_ENTRIES + ")");
        }
        return n;
    }

    /** Refuses a file larger than {@link #maxFileBytes()}; {@code size} in bytes. */
    public static void checkFileSize(Object file, long size) {
        if (size > maxFileBytes()) {
            throw new InvalidInputException(file + ": " + size + " bytes exceeds the file size limit of "
                    + maxFileBytes() + " (system property " + MAX_FILE_BYTES + ")");
        }
    }

    private static long property(String name, long fallback) {
        String v = System.getProperty(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("system property " + name + " must be a positive integer, got '" + v + "'");
        }
    }
}
