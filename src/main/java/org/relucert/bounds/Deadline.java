package org.relucert.bounds;

/**
 * A wall-clock time limit shared by everything one run computes, passed down (never global): the
 * engine and the solver adapter check it cooperatively and fall back to sound looser bounds when it
 * has passed. {@link #NONE} never expires. Immutable and thread-safe.
 */
public final class Deadline {

    /** No limit. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, Double.POSITIVE_INFINITY);

    /** Limits above about 290 years are treated as none (System.nanoTime() would overflow). */
    private static final double MAX_SECONDS = 9e9;

    private final long end;
    private final double seconds;

    private Deadline(long end, double seconds) {
        this.end = end;
        this.seconds = seconds;
    }

    /**
     * The deadline {@code seconds} from now; {@link #NONE} for an infinite limit or one too large to
     * represent.
     *
     * @throws IllegalArgumentException for a NaN or negative limit
     */
    public static Deadline after(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException("a time limit must be >= 0 seconds, got " + seconds);
        }
        if (seconds > MAX_SECONDS) {
            return NONE;
        }
        return new Deadline(System.nanoTime() + (long) (seconds * 1e9), seconds);
    }

    /**
     * The deadline {@code left} seconds from now of a limit of {@code limit} seconds that started earlier
     * (a command's limit counted from the start of its process); messages name {@code limit}.
     *
     * @throws IllegalArgumentException for a NaN or negative time
     */
    public static Deadline after(double left, double limit) {
        Deadline d = after(left);
        if (d.unlimited() || Double.isNaN(limit) || limit < left) {
            throw new IllegalArgumentException("a limit of " + limit + " s cannot leave " + left + " s");
        }
        return new Deadline(d.end, limit);
    }

    /** True for {@link #NONE}. */
    public boolean unlimited() {
        return end == Long.MAX_VALUE;
    }

    /** The limit this deadline was made with, in seconds (infinite for none). */
    public double limitSeconds() {
        return seconds;
    }

    /** True once the deadline has passed. */
    public boolean expired() {
        return !unlimited() && System.nanoTime() - end >= 0;
    }

    /** Seconds left (0 once passed, infinite for none). */
    public double remainingSeconds() {
        if (unlimited()) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, (end - System.nanoTime()) / 1e9);
    }

    /**
     * The earlier of this deadline and {@code fraction} of the time left from now (for a phase that must
     * leave time to later phases). Its {@link #limitSeconds} stays this deadline's, so that a phase's
     * messages name the limit the user gave, not the phase's share of what was left.
     */
    public Deadline share(double fraction) {
        if (unlimited()) {
            return this;
        }
        double left = remainingSeconds();
        return new Deadline(System.nanoTime() + (long) (fraction * left * 1e9), seconds);
    }

    /** The earlier of this deadline and {@code other}. */
    public Deadline earlier(Deadline other) {
        if (other.unlimited()) {
            return this;
        }
        if (unlimited()) {
            return other;
        }
        return end - other.end <= 0 ? this : other;
    }

    /** @throws Expired when the deadline has passed */
    public void check() {
        if (expired()) {
            throw new Expired(this);
        }
    }

    /** Thrown by {@link #check} where a computation cannot return a partial result itself. */
    public static final class Expired extends RuntimeException {
        private final transient Deadline deadline;

        public Expired(Deadline deadline) {
            super("time limit of " + Analysis.seconds(deadline.limitSeconds()) + " reached", null, false, false);
            this.deadline = deadline;
        }

        /** The deadline that passed. */
        public Deadline deadline() {
            return deadline;
        }
    }

    @Override
    public String toString() {
        return unlimited() ? "no time limit" : "time limit " + Analysis.seconds(seconds);
    }
}
