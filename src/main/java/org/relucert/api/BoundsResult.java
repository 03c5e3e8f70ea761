package org.relucert.api;

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
 */
public record BoundsResult(String domain, double[] lower, double[] upper, List<NodeBounds> nodes,
                           InputLines lines, List<String> notes, double seconds) {

    /** Copies the lists. */
    public BoundsResult {
        nodes = List.copyOf(nodes);
        notes = List.copyOf(notes);
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
