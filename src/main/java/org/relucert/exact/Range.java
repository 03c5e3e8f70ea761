package org.relucert.exact;

import java.util.List;

/**
 * The exact range [min, max] of one network output over a box, with inputs where the minimum and the
 * maximum are attained ({@code null} when the method gives no witness), the method that computed it,
 * and notes (for example a solver's remark).
 */
public record Range(double min, double max, double[] argMin, double[] argMax, String method, List<String> notes) {

    public Range {
        notes = List.copyOf(notes);
        argMin = argMin == null ? null : argMin.clone();
        argMax = argMax == null ? null : argMax.clone();
    }

    /** max(1, |min|, |max|): the scale that relative tolerances refer to. */
    public double scale() {
        return Math.max(1.0, Math.max(Math.abs(min), Math.abs(max)));
    }
}
