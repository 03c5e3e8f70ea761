package org.relucert.bounds;

import java.util.List;

/**
 * The result of one relaxation on one box: bounds of every network output, the bounds of every node
 * the relaxation computed (index j holds node j, {@code null} where it computed none; for an affine
 * node these are its pre-activation bounds), and notes such as solver fall-backs.
 */
public record Analysis(String domain, Bounds output, Bounds[] nodes, List<String> notes) {

    public Analysis {
        notes = List.copyOf(notes);
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
