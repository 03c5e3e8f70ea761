package org.relucert.bounds;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The result of one relaxation on one box: bounds of every network output, the bounds of every node
 * the relaxation computed (index j holds node j, {@code null} where it computed none; for an affine
 * node these are its pre-activation bounds), notes such as solver fall-backs, for back-substitution
 * domains the output's linear bounds over the input ({@code null} for other domains), and which output
 * bounds are proven ({@code null}: all, as for every domain but the MILP {@code exact}, see {@link Proof}).
 */
public record Analysis(String domain, Bounds output, Bounds[] nodes, List<String> notes, LinearBounds outputLines,
                       Proof proof) {

    /**
     * Every note about a bound that fell back because the time limit passed starts with this; such a
     * bound is sound but looser than the domain computes without a limit.
     */
    public static final String TIME_LIMIT = "time limit";

    /** Copies the notes; checks that a proof has one flag per output. */
    public Analysis {
        notes = List.copyOf(notes);
        if (proof != null && proof.size() != output.lower().length) {
            throw new IllegalArgumentException("proof of " + proof.size() + " outputs for " + output.lower().length);
        }
    }

    /** An analysis whose bounds are all proven. */
    public Analysis(String domain, Bounds output, Bounds[] nodes, List<String> notes, LinearBounds outputLines) {
        this(domain, output, nodes, notes, outputLines, null);
    }

    /** True when some bound fell back to a looser sound one because the time limit passed. */
    public boolean timeLimited() {
        return notes.stream().anyMatch(n -> n.startsWith(TIME_LIMIT));
    }

    /** A duration for notes, e.g. "5 s" or "0.25 s". */
    public static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return s + " s";
        }
        return new BigDecimal(s).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " s";
    }

    /** An analysis without linear bounds of the output, its bounds all proven. */
    public Analysis(String domain, Bounds output, Bounds[] nodes, List<String> notes) {
        this(domain, output, nodes, notes, null, null);
    }

    /** True when the lower bound of output i is proven in floating point. */
    public boolean lowerProven(int i) {
        return proof == null || proof.lowerProven(i);
    }

    /** True when the upper bound of output i is proven in floating point. */
    public boolean upperProven(int i) {
        return proof == null || proof.upperProven(i);
    }

    /** True when every output bound is proven in floating point. */
    public boolean allProven() {
        return proof == null || proof.all();
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
