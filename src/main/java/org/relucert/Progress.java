package org.relucert;

/**
 * How far a long computation has got, the one listener shape of the library: {@code done} of {@code total}
 * units, 0 &lt;= done &lt;= total. Counts are whole numbers (boxes, grid rows, candidates, benchmark pairs);
 * a computation without natural units, such as branch and bound's share of the property decided, reports a
 * fraction as {@code (f, 1)}. Calls may come from any thread, several at once, and need not arrive in
 * order, so a listener that shows a figure keeps the largest it has seen.
 */
@FunctionalInterface
public interface Progress {
    /** Receives {@code done} of {@code total}. */
    void update(double done, double total);

    /** The fraction done, done / total (0 when total is 0). */
    static double fraction(double done, double total) {
        return total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    }

    /** A listener that ignores every update. */
    Progress NONE = (done, total) -> { };
}
