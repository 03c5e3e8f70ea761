package org.relucert.verify;

import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.LinearBounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * alpha-CROWN style tightening of the final query: projected gradient ascent (Adam steps) on the lower
 * slopes, in [0, 1], of every unstable ReLU neuron, separately for each of the (at most
 * {@value #MAX_ROWS}) rows of C·y - d with the best starting bounds, stopping at the first row that turns
 * positive. Any slope in [0, 1] gives a valid lower line of ReLU, so every iterate is a sound bound; the
 * best one is kept.
 * Intermediate bounds stay those of the DeepPoly pass.
 *
 * <p>Gradient: with the line choices of one back-substitution fixed, the row's linear lower bound at a
 * point x equals the row evaluated on the "linearised network" (affine nodes exact, each ReLU neuron
 * replaced by the line the back-substitution chose for it); the concretised bound is that function at
 * the minimising box corner x*. Its derivative with respect to the lower slope of an unstable neuron is
 * therefore a_i · z_i(x*), where a_i is the row's back-substitution coefficient on the neuron's output
 * (only a_i > 0 selects the lower line) and z_i(x*) the neuron's pre-activation on the linearised
 * network (envelope theorem; a subgradient where line choices or the corner change).
 */
public final class SlopeOptimiser {
    private static final double LEARNING_RATE = 0.1;
    /** Rows optimised per call: the ones with the best starting bounds. */
    static final int MAX_ROWS = 3;

    private final Network net;
    private final boolean[] reluNodes;

    public SlopeOptimiser(Network net) {
        this.net = net;
        this.reluNodes = Neurons.reluNodes(net);
    }

    /**
     * Tightens the most promising rows of {@code start} with up to {@code steps} iterations each;
     * returns bounds at least as tight as {@code start} row by row.
     */
    public QueryBounds optimise(Box box, QueryBounds start, double[][] c, double[] d, int steps) {
        return optimise(box, start, c, d, steps, ReluSplits.NONE);
    }

    /**
     * As {@link #optimise(Box, QueryBounds, double[][], double[], int)} on a subproblem with phase
     * constraints: each constraint s·z >= 0 (s = +1 active, -1 inactive) also enters the bound as the
     * Lagrangian term -beta·s·z with a multiplier beta >= 0 optimised with the slopes (beta-CROWN). On
     * every point of the subproblem the term is &lt;= 0, so every (slopes, beta) gives a sound lower bound.
     */
    public QueryBounds optimise(Box box, QueryBounds start, double[][] c, double[] d, int steps, ReluSplits splits) {
        return optimise(box, start, c, d, steps, splits, null);
    }

    /**
     * Slopes (per ReLU node, null entries: none) and phase-constraint multipliers (per ReLU node) to start
     * from; entries for neurons that are stable or unconstrained in the subproblem at hand are ignored.
     * {@code intermediate}: the slopes the subproblem's intermediate bounds were optimised with, or null.
     */
    public record Warm(double[][] slopes, double[][] multipliers, IntermediateSlopes.Slopes intermediate) {
        public Warm(double[][] slopes, double[][] multipliers) {
            this(slopes, multipliers, null);
        }

        /** The same final slopes and multipliers (none when {@code w} is null) with these intermediate slopes. */
        static Warm withIntermediate(Warm w, IntermediateSlopes.Slopes intermediate) {
            return w == null ? new Warm(null, null, intermediate) : new Warm(w.slopes, w.multipliers, intermediate);
        }
    }

    /**
     * As {@link #optimise(Box, QueryBounds, double[][], double[], int, ReluSplits)}, starting from the
     * slopes and multipliers of {@code warm} (a parent subproblem's, or null).
     */
    public QueryBounds optimise(Box box, QueryBounds start, double[][] c, double[] d, int steps, ReluSplits splits,
                                Warm warm) {
        return optimise(box, start, c, d, steps, splits, warm, Long.MAX_VALUE);
    }

    /**
     * As {@link #optimise(Box, QueryBounds, double[][], double[], int, ReluSplits, Warm)}, ending the iterations
     * at the System.nanoTime() {@code until} (the best bound found so far is kept: every iterate is sound).
     */
    public QueryBounds optimise(Box box, QueryBounds start, double[][] c, double[] d, int steps, ReluSplits splits,
                                Warm warm, long until) {
        if (start.infeasible() || start.verified() || steps <= 0) {
            return start;
        }
        double[] rowLower = start.rowLower().clone();
        RowResult[] results = new RowResult[c.length];
        int best = start.best();
        Integer[] order = new Integer[c.length];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        // the most promising rows first; rows far from refuting the case are left as they are
        java.util.Arrays.sort(order, (a, b) -> Double.compare(start.rowLower()[b], start.rowLower()[a]));
        double[][] magnitude = BackSubstitution.magnitudes(start.nodeBounds(), box);
        for (int k = 0; k < Math.min(order.length, MAX_ROWS); k++) {
            int r = order[k];
            // the row keeps its starting bound when no iterate beats it
            results[r] = optimiseRow(box, start.lines(), magnitude, c[r], d[r], steps, splits, warm, true, until);
            rowLower[r] = Math.max(rowLower[r], results[r].value);
            if (rowLower[r] > rowLower[best]) {
                best = r;
            }
            if (rowLower[r] > 0) {
                break;
            }
        }
        RowResult b = results[best];
        if (b == null) {
            return start;
        }
        return new QueryBounds(rowLower, best, b.inputCoef, b.minimiser, b.reluCoef, start.nodeBounds(),
                start.lines(), false, b.warm, b.planeOffset);
    }

    private record RowResult(double value, double[] inputCoef, double[] minimiser, double[][] reluCoef, Warm warm,
                             double planeOffset) {
    }

    /**
     * A lower bound of one row r·y over a box and the linear lower bound over the input that gave it:
     * {@code coef·x + constant <= r·y} for every x in the box, and {@code lower} is its minimum there.
     */
    public record RowBound(double lower, double[] coef, double constant) {
    }

    /**
     * The best lower bound of {@code row}·y over the box found in up to {@code steps} slope iterations from
     * {@code lines} (every unstable neuron's lower slope free in [0, 1]), without the verifier's stop at a
     * positive bound: what the {@code alpha-crown} domain reports for each output. The first iterate uses
     * the slopes of {@code lines}, so the result is at least as tight as their bound. {@code nodeBounds} are
     * the sound bounds of every node the lines were made from (they bound the rounding error).
     */
    public RowBound tighten(Box box, Bounds[] nodeBounds, ReluLines[] lines, double[] row, int steps) {
        RowResult r = optimiseRow(box, lines, BackSubstitution.magnitudes(nodeBounds, box), row, 0.0,
                Math.max(1, steps), ReluSplits.NONE, null, false, Long.MAX_VALUE);
        return new RowBound(r.value, r.inputCoef, r.planeOffset);
    }

    private RowResult optimiseRow(Box box, ReluLines[] lines, double[][] magnitude, double[] row, double d, int steps,
                                  ReluSplits splits, Warm warm, boolean stopWhenPositive, long until) {
        int n = net.nodes().size();
        double[][] slope = new double[n][];
        boolean[][] free = new boolean[n][];
        PhaseMultipliers beta = new PhaseMultipliers(net, splits, warm == null ? null : warm.multipliers());
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r != null) {
                slope[j] = lines[j].lowerSlope().clone();
                free[j] = new boolean[r.size()];
                double[] from = warm == null || warm.slopes() == null ? null : warm.slopes()[j];
                for (int i = 0; i < r.size(); i++) {
                    free[j][i] = Neurons.relaxed(lines[j], i);
                    if (free[j][i] && from != null) {
                        slope[j][i] = from[i];
                    }
                }
            }
        }
        Adam adam = new Adam(LEARNING_RATE, slope);
        RowResult best = null;
        for (int t = 1; t <= steps; t++) {
            ReluLines[] current = LinearisedNetwork.withSlopes(lines, slope);
            BackSubstitution.Result res = BackSubstitution.run(net, net.output(), row, 1, current,
                    BackSubstitution.Options.oneSided(1).withTerm(beta.terms()).keeping(reluNodes)
                            .withMagnitudes(magnitude));
            LinearBounds lb = res.bounds();
            double value = lb.lowerBound(0, box) - d;
            double[] xStar = lb.minimiser(0, box);
            if (best == null || value > best.value) {
                best = new RowResult(value, lb.lowerRow(0), xStar, res.keptRow(0),
                        new Warm(LinearisedNetwork.copy(slope), beta.values()), lb.lowerConst()[0] - d);
            }
            if ((stopWhenPositive && value > 0) || t == steps || System.nanoTime() > until) {
                break;
            }
            double[][] pre = LinearisedNetwork.preActivations(net, new double[][] {xStar}, current, res.kept(), true, n);
            adam.nextStep();
            beta.step(pre);
            for (int j = 0; j < n; j++) {
                if (slope[j] == null) {
                    continue;
                }
                double[] a = res.kept()[j];
                for (int i = 0; i < slope[j].length; i++) {
                    if (!free[j][i]) {
                        continue;
                    }
                    double g = a != null && a[i] > 0 ? a[i] * pre[j][i] : 0.0;
                    slope[j][i] = Math.min(1.0, Math.max(0.0, slope[j][i] + adam.delta(j, i, g)));
                }
            }
        }
        return best;
    }
}
