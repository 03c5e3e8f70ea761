package org.relucert.precision;

import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.exact.Range;
import org.relucert.net.Box;

/**
 * How far a domain's bounds on one box are from the exact range of one output.
 *
 * <p>{@code lowerGap = exact.min - domainLower} and {@code upperGap = domainUpper - exact.max}, reported
 * separately and unclamped; a side is exact when its gap is at most the tolerance's slack, and a gap
 * below minus the slack means the domain cut off an attained output (unsound).
 */
public record BoxGap(Box box, String domain, int output, Range exact, double domainLower, double domainUpper,
                     Tolerance tolerance, List<String> domainNotes) {

    public BoxGap {
        domainNotes = List.copyOf(domainNotes);
    }

    /**
     * True when the domain's bounds fell back to looser ones because a time limit passed: the gap then
     * overstates the domain's, so such a box says nothing about its precision.
     */
    public boolean timeLimited() {
        return domainNotes.stream().anyMatch(n -> n.startsWith(Analysis.TIME_LIMIT));
    }

    /** exact.min - domain lower bound. */
    public double lowerGap() {
        return exact.min() - domainLower;
    }

    /** domain upper bound - exact.max. */
    public double upperGap() {
        return domainUpper - exact.max();
    }

    /** The total gap: the positive parts of both sides. */
    public double gap() {
        return Math.max(0, lowerGap()) + Math.max(0, upperGap());
    }

    private double slack() {
        return tolerance.slack(exact.scale());
    }

    /** Lower bound exact within tolerance. */
    public boolean lowerExact() {
        return Math.abs(lowerGap()) <= slack();
    }

    /** Upper bound exact within tolerance. */
    public boolean upperExact() {
        return Math.abs(upperGap()) <= slack();
    }

    /** Both bounds exact within tolerance. */
    public boolean exactWithinTolerance() {
        return lowerExact() && upperExact();
    }

    /** True when a bound lies inside the exact range by more than the tolerance: a soundness bug. */
    public boolean unsound() {
        return lowerGap() < -slack() || upperGap() < -slack();
    }
}
