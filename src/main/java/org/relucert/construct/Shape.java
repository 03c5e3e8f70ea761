package org.relucert.construct;

/**
 * Which classes of THEORY.md §2.2 a function belongs to. {@code monotone} means non-decreasing or
 * non-increasing in every coordinate separately (the direction may differ per coordinate).
 */
public record Shape(boolean monotone, boolean convex, boolean concave) {

    /** The Table 1 column of the function: "MC-CPWL", "C-CPWL", "M-CPWL" or "CPWL". */
    public String tableClass() {
        if (monotone && convex) {
            return "MC-CPWL";
        }
        if (convex) {
            return "C-CPWL";
        }
        return monotone ? "M-CPWL" : "CPWL";
    }

    /** One word: "both" (monotone and convex), "convex", "monotone", "concave" or "neither". */
    public String label() {
        if (monotone && convex) {
            return "both";
        }
        if (convex) {
            return "convex";
        }
        if (monotone) {
            return "monotone";
        }
        return concave ? "concave" : "neither";
    }
}
