package org.relucert.relax;

import org.relucert.bounds.Bounds;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * The largest networks the LP and MILP domains take on: at most {@code maxVariables} LP variables (input
 * and node entries) and {@code maxRelus} ReLU neurons. Beyond them a domain refuses at once with a
 * {@link NetworkTooLargeException} instead of building an LP that would not finish.
 *
 * <p>{@link #DEFAULT} reads the system properties {@value #VARIABLES_PROPERTY} and {@value #RELUS_PROPERTY}
 * (e.g. {@code JAVA_TOOL_OPTIONS=-Drelucert.lp.maxRelus=5000}), else {@value #DEFAULT_VARIABLES} and
 * {@value #DEFAULT_RELUS}.
 */
public record LpLimits(long maxVariables, long maxRelus) {

    public static final String VARIABLES_PROPERTY = "relucert.lp.maxVariables";
    public static final String RELUS_PROPERTY = "relucert.lp.maxRelus";
    /**
     * Magnitude beyond which an intermediate bound is too large for the solvers' tolerances to mean anything
     * (weights near the largest double): the LP and MILP domains then keep the IBP/DeepPoly bounds, with a note.
     */
    public static final double MAX_MAGNITUDE = 1e30;

    public static final long DEFAULT_VARIABLES = 20_000;
    public static final long DEFAULT_RELUS = 4_096;

    /** The limits from the system properties, or the built-in defaults. */
    public static final LpLimits DEFAULT = new LpLimits(Long.getLong(VARIABLES_PROPERTY, DEFAULT_VARIABLES),
            Long.getLong(RELUS_PROPERTY, DEFAULT_RELUS));

    /** No limits. */
    public static final LpLimits NONE = new LpLimits(Long.MAX_VALUE, Long.MAX_VALUE);

    /** Number of LP variables of the network's encoding: its input and every node entry. */
    public static long variables(Network net) {
        long n = net.inputSize();
        for (Node node : net.nodes()) {
            n += node.size();
        }
        return n;
    }

    /**
     * @param method what is refused, e.g. "LP" or "MILP"
     * @throws NetworkTooLargeException naming the network's size and the limits when it exceeds them
     */
    public void check(Network net, String method) {
        long vars = variables(net);
        long relus = net.reluCount();
        if (vars > maxVariables || relus > maxRelus) {
            throw new NetworkTooLargeException(method + " refused: the network has " + vars
                    + " LP variables (input and node entries) and " + relus + " ReLU neurons; the limit is "
                    + maxVariables + " variables and " + maxRelus + " ReLUs (raise it with -D" + VARIABLES_PROPERTY
                    + "=N / -D" + RELUS_PROPERTY + "=N, or use ibp or deeppoly)");
        }
    }

    /**
     * A note when some node's bound is infinite or beyond {@link #MAX_MAGNITUDE}, in which case the {@code what}
     * model ("LP", "MILP") is not built and these sound bounds are the result; else null.
     */
    public static String overflow(Network net, Bounds[] known, String what) {
        for (int j = 0; j < known.length; j++) {
            for (int i = 0; i < known[j].size(); i++) {
                double l = known[j].lower()[i];
                double u = known[j].upper()[i];
                if (!(Math.abs(l) <= MAX_MAGNITUDE && Math.abs(u) <= MAX_MAGNITUDE)) {
                    return what + " not built: node '" + net.nameOf(j) + "' entry " + i + " has bounds [" + l + ", "
                            + u + "] beyond " + MAX_MAGNITUDE + "; kept the IBP/DeepPoly bounds";
                }
            }
        }
        return null;
    }
}
