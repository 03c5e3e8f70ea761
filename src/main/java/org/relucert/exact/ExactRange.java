package org.relucert.exact;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The exact range of one network output over a box, by the best available method: {@link Breakpoints} for
 * one input, {@link PatternEnumeration} when the box has few unstable neurons, otherwise the MILP
 * {@code exact} domain ({@link MilpExact}).
 */
public final class ExactRange {
    private ExactRange() {
    }

    /** Name of the MILP domain used for networks too large for pattern enumeration. */
    public static final String MILP_DOMAIN = "exact";

    /** {@link #of(Network, Box, int, int)} with the default limit on unstable neurons. */
    public static Range of(Network net, Box box, int output) {
        return of(net, box, output, PatternEnumeration.DEFAULT_MAX_UNSTABLE);
    }

    /**
     * The exact range of output {@code output} over the box.
     *
     * @param maxUnstable the most unstable neurons pattern enumeration accepts
     * @throws InvalidInputException when no exact method applies (e.g. the network is too large for the
     *                               MILP: {@link org.relucert.relax.NetworkTooLargeException})
     * @throws ExactRangeException   when a solver fails and no exact answer can be given
     */
    public static Range of(Network net, Box box, int output, int maxUnstable) {
        return of(net, box, output, maxUnstable, Deadline.NONE);
    }

    /**
     * As {@link #of(Network, Box, int, int)} within a time limit.
     *
     * @throws Deadline.Expired when the limit passes before the range is proved exact
     */
    public static Range of(Network net, Box box, int output, int maxUnstable, Deadline deadline) {
        if (box.dim() != net.inputSize()) {
            throw new InvalidInputException("box has " + box.dim() + " dimensions but the network has "
                    + net.inputSize() + " inputs");
        }
        if (output < 0 || output >= net.outputSize()) {
            throw new InvalidInputException("output index " + output + " out of range: the network has "
                    + net.outputSize() + " outputs");
        }
        if (net.inputSize() == 1) {
            return Breakpoints.of(net, output, box.lower()[0], box.upper()[0]).range(box.lower()[0], box.upper()[0]);
        }
        int unstable = PatternEnumeration.unstableCount(net, box);
        if (unstable <= maxUnstable) {
            return new PatternEnumeration(maxUnstable, deadline).range(net, box, output);
        }
        return viaMilp(net, box, output, deadline);
    }

    private static Range viaMilp(Network net, Box box, int output, Deadline deadline) {
        Analysis a = new MilpExact().analyse(net, box, deadline);
        if (a.timeLimited()) {
            throw new Deadline.Expired(deadline);
        }
        if (!a.notes().isEmpty()) {
            // A note from the MILP domain means it fell back to a looser sound bound: not exact.
            throw new ExactRangeException("the MILP domain did not prove exact bounds on box " + box + ": "
                    + String.join("; ", a.notes()));
        }
        List<String> notes = new ArrayList<>();
        notes.add("bounds from the MILP domain '" + MILP_DOMAIN + "'; no witness inputs");
        return new Range(a.lower()[output], a.upper()[output], null, null, "milp", notes);
    }
}
