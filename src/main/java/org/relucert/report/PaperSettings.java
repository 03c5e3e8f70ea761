package org.relucert.report;

/**
 * The effort of a paper report: the seed, the boxes per precision search, the random boxes per orientation
 * of the solution-space count, the ranges of d and n, and the leaf caps of the input-splitting loop.
 *
 * @param quick             the reduced settings of {@code --quick}
 * @param seed              seed of every random choice
 * @param searchBudget      boxes per precision search (Table 1, max encodings)
 * @param orientationBoxes  random sub-boxes per orientation in the solution-space count
 * @param maxBreakpoints    the count runs n = 1..maxBreakpoints
 * @param maxNestedD        the nested-max table runs d = 2..maxNestedD
 * @param maxExactHullD     largest d for the exact hull set (its LP is copied per activation pattern)
 * @param maxSplitD         the partition counts run d = 2..maxSplitD
 * @param leafCap           cap on leaves of the input-splitting loop
 * @param randomMaxNetworks random networks encoding max(x1, x2)
 * @param threads           worker threads of the precision searches (0: all cores)
 */
public record PaperSettings(boolean quick, long seed, int searchBudget, int orientationBoxes, int maxBreakpoints,
                            int maxNestedD, int maxExactHullD, int maxSplitD, int leafCap, int randomMaxNetworks,
                            int threads) {

    /** The default (full) settings. */
    public static PaperSettings full(long seed) {
        return new PaperSettings(false, seed, 1500, 40, 8, 8, 6, 6, 2000, 8, 0);
    }

    /** The {@code --quick} settings: smaller budgets, fewer d and n. */
    public static PaperSettings quickSettings(long seed) {
        return new PaperSettings(true, seed, 120, 15, 4, 5, 5, 4, 150, 3, 0);
    }

    /** One line describing the effort, for the report. */
    public String describe() {
        return (quick ? "quick" : "full") + " settings: seed " + seed + "; " + searchBudget + " boxes per precision search; "
                + orientationBoxes + " random sub-intervals plus all (n + 3)(n + 2)/2 end-and-midpoint intervals per orientation; n = 1.." + maxBreakpoints + " breakpoints; "
                + "nested max d = 2.." + maxNestedD + " (exact hull set up to d = " + maxExactHullD + "); input splitting d = 2.."
                + maxSplitD + " with at most " + leafCap + " leaves; " + randomMaxNetworks + " random max networks from each of two generators";
    }
}
