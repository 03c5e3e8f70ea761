package org.relucert.api;

import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.Analysis;

/**
 * Sound bounds of the requested rows (the network outputs, or the rows C·y - d of a margin matrix or
 * a VNN-LIB case) under one domain.
 *
 * @param domain  the domain's name, e.g. "crown" or "multi:2"
 * @param lower   lower bound of each row
 * @param upper   upper bound of each row
 * @param nodes   bounds of every node of the network that the domain computed, in network order
 *                (nodes it computed none for are left out; the appended row node is not listed)
 * @param lines   the rows' linear bounds over the input for back-substitution domains (deeppoly0,
 *                deeppoly1, deeppoly, crown, alpha-crown), else {@code null}
 * @param notes   remarks of the domain, e.g. a solver fall-back to a looser sound bound
 * @param seconds wall-clock time of the analysis
 * @param lowerProven per row, whether its lower bound is proven in floating point ({@code null}: every row's);
 *                    false only for the MILP domain {@code exact} where the bound is SCIP's widened dual
 *                    bound, exact up to the solver's tolerances but not a proof
 * @param upperProven the same for the upper bounds
 */
public record BoundsResult(String domain, double[] lower, double[] upper, List<NodeBounds> nodes,
                           InputLines lines, List<String> notes, double seconds, boolean[] lowerProven,
                           boolean[] upperProven) {

    /** Copies the lists; missing flags mean every bound is proven. */
    public BoundsResult {
        nodes = List.copyOf(nodes);
        notes = List.copyOf(notes);
        lowerProven = lowerProven == null ? all(lower.length) : lowerProven.clone();
        upperProven = upperProven == null ? all(upper.length) : upperProven.clone();
        if (lowerProven.length != lower.length || upperProven.length != upper.length) {
            throw new IllegalArgumentException("bounds result: one proven flag per row is needed");
        }
    }

    /** A result whose bounds are all proven. */
    public BoundsResult(String domain, double[] lower, double[] upper, List<NodeBounds> nodes, InputLines lines,
                        List<String> notes, double seconds) {
        this(domain, lower, upper, nodes, lines, notes, seconds, null, null);
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }

    /** True when every row's lower and upper bound is proven in floating point. */
    public boolean allProven() {
        for (int i = 0; i < lowerProven.length; i++) {
            if (!lowerProven[i] || !upperProven[i]) {
                return false;
            }
        }
        return true;
    }

    /** Number of bounded rows. */
    public int size() {
        return lower.length;
    }

    /** True when some bound fell back to a looser sound one because the time limit passed. */
    public boolean timeLimited() {
        return notes.stream().anyMatch(n -> n.startsWith(Analysis.TIME_LIMIT));
    }
}
