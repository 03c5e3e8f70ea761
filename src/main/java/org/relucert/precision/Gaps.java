package org.relucert.precision;

import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Relaxation;
import org.relucert.exact.ExactRange;
import org.relucert.exact.Range;
import org.relucert.net.Box;
import org.relucert.net.Network;

/** The gap of a domain on one box, computed fresh (a new analysis and a new exact range). */
public final class Gaps {
    private Gaps() {
    }

    /** Gap of output 0 with the default tolerance. */
    public static BoxGap of(Network net, Box box, Relaxation domain) {
        return of(net, box, domain, 0, Tolerance.DEFAULT, org.relucert.exact.PatternEnumeration.DEFAULT_MAX_UNSTABLE);
    }

    /**
     * Runs {@code domain} on the box and computes the exact range of the output with {@link ExactRange}.
     *
     * @param maxUnstable the most unstable neurons pattern enumeration accepts
     */
    public static BoxGap of(Network net, Box box, Relaxation domain, int output, Tolerance tolerance, int maxUnstable) {
        return of(net, box, domain, output, tolerance, maxUnstable, Deadline.NONE);
    }

    /**
     * As above within a time limit; the domain's bounds may then be looser, flagged in
     * {@link BoxGap#domainNotes()} (see {@link BoxGap#timeLimited()}).
     *
     * @throws Deadline.Expired when the limit passes before the exact range is computed
     */
    public static BoxGap of(Network net, Box box, Relaxation domain, int output, Tolerance tolerance, int maxUnstable,
                            Deadline deadline) {
        Range exact = ExactRange.of(net, box, output, maxUnstable, deadline);
        Analysis a = domain.analyse(net, box, deadline);
        return new BoxGap(box, domain.name(), output, exact, a.lower()[output], a.upper()[output], tolerance, a.notes());
    }

    /** The gap given an exact range computed elsewhere (e.g. from breakpoints cached for a whole domain). */
    public static BoxGap withExact(Network net, Box box, Relaxation domain, int output, Tolerance tolerance, Range exact) {
        Analysis a = domain.analyse(net, box);
        return new BoxGap(box, domain.name(), output, exact, a.lower()[output], a.upper()[output], tolerance, a.notes());
    }
}
