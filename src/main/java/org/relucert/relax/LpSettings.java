package org.relucert.relax;

/**
 * How an LP relaxation computes its intermediate bounds and limits its solver.
 *
 * @param lpIntermediate   true: pre-activation bounds by LP, node by node (THEORY §3.4); false: the
 *                         IBP/DeepPoly-area bounds (faster, looser)
 * @param timeLimitSeconds per-solve wall-clock limit (&lt;= 0: none)
 * @param iterationLimit   per-solve simplex iteration cap (&lt;= 0: none); mainly to force failures in tests
 * @param limits           the largest network taken on; larger ones are refused
 */
public record LpSettings(boolean lpIntermediate, double timeLimitSeconds, long iterationLimit, LpLimits limits) {

    /** LP intermediate bounds, no solver limits, the default network limits. */
    public static final LpSettings DEFAULT = new LpSettings(true, 0, 0);

    /** DeepPoly intermediate bounds, no solver limits, the default network limits. */
    public static final LpSettings DEEPPOLY_INTERMEDIATE = new LpSettings(false, 0, 0);

    /** With the default network limits. */
    public LpSettings(boolean lpIntermediate, double timeLimitSeconds, long iterationLimit) {
        this(lpIntermediate, timeLimitSeconds, iterationLimit, LpLimits.DEFAULT);
    }

    /** The same settings with other network limits. */
    public LpSettings withLimits(LpLimits l) {
        return new LpSettings(lpIntermediate, timeLimitSeconds, iterationLimit, l);
    }
}
