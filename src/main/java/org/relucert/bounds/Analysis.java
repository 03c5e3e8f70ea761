package org.relucert.bounds;

import java.util.List;

/**
 * The result of one relaxation on one box: bounds of every network output, the bounds of every node
 * the relaxation computed (index j holds node j, {@code null} where it computed none; for an affine
 * node these are its pre-activation bounds), notes such as solver fall-backs, and, for back-substitution
 * domains, the output's linear bounds over the input ({@code null} for other domains).
 */
public record Analysis(String domain, Bounds output, Bounds[] nodes, List<String> notes, LinearBounds outputLines) {

    public Analysis {
        notes = List.copyOf(notes);
    }

    /** An analysis without linear bounds of the output. */
    public Analysis(String domain, Bounds output, Bounds[] nodes, List<String> notes) {
        this(domain, output, nodes, notes, null);
    }

    /** Lower bounds of the outputs. */
    public double[] lower() {
        return output.lower();
    }

    /** Upper bounds of the outputs. */
    public double[] upper() {
        return output.upper();
    }
}
