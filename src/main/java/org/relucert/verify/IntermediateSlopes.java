package org.relucert.verify;

import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.LinearBounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Pre-activation bounds tightened by optimised slopes (alpha-CROWN on the intermediate layers, not only
 * on the final query). Node by node, the unstable neurons of every node that feeds a ReLU are bounded by
 * back-substitution while projected Adam steps move the lower slopes, in [0, 1], of the unstable ReLUs
 * before it: one slope vector per node and direction, shared by the node's neurons, ascending the sum of
 * their lower bounds and descending the sum of their upper bounds. Any slopes give sound bounds, so every
 * neuron keeps the best bound of any iterate, intersected with the bounds it started from; the ReLU lines
 * of later nodes are then built from the tightened bounds. Used once per input box at the root of ReLU
 * splitting, where the intermediate bounds are shared by every case and subproblem, and on the halves of
 * input splitting, where a half may start from its parent's final slopes ({@link Slopes}, a warm start).
 */
final class IntermediateSlopes {
    private static final double LEARNING_RATE = 0.1;
    /**
     * Adam step size from a warm start. Larger, not smaller, than from scratch: a half's optimum is not its
     * parent's, and its few steps must get there (ACAS Xu 1_8 property 2, 3 warm steps: step size 0.01, 0.03,
     * 0.1, 0.2, 0.3 gave 527, 403, 309, 265, 263 subproblems).
     */
    static final double WARM_RATE = 0.2;

    private final Network net;
    private final boolean[] feedsRelu;
    private final boolean[] reluNodes;

    IntermediateSlopes(Network net) {
        this.net = net;
        this.feedsRelu = net.feedsRelu();
        this.reluNodes = Neurons.reluNodes(net);
    }

    /**
     * The slopes each node's optimisation ended with, per node j and side: {@code lower[j][k]} are the lower
     * slopes of ReLU node k &lt; j used for node j's lower bounds ({@code upper} likewise; null where node j
     * was not optimised). Any slopes in [0, 1] are sound, so they may start the optimisation of any box.
     */
    record Slopes(double[][][] lower, double[][][] upper) {
    }

    /** Tightened bounds of every node and the slopes they ended with (a warm start for sub-boxes). */
    record Result(Bounds[] bounds, Slopes slopes) {
    }

    /**
     * Bounds of every node at least as tight as {@code start} (sound bounds on the box), after up to
     * {@code steps} iterations per node and direction; each node gets an equal share of the time left
     * before the deadline, and stops early, keeping what it has, when its share is used.
     */
    Bounds[] tighten(Box box, Bounds[] start, int steps, long deadline) {
        return tighten(box, start, steps, deadline, null).bounds();
    }

    /**
     * As {@link #tighten(Box, Bounds[], int, long)}, the first iterate of each node and side using the slopes
     * of {@code warm} (e.g. those of a box containing this one; null: the area rule's) on the neurons that
     * are still relaxed here.
     */
    Result tighten(Box box, Bounds[] start, int steps, long deadline, Slopes warm) {
        int n = net.nodes().size();
        Slopes ended = new Slopes(new double[n][][], new double[n][][]);
        Bounds[] bounds = start.clone();
        ReluLines[] lines = new ReluLines[n];
        Bounds input = new Bounds(box.lower(), box.upper());
        int left = 0;
        for (int j = 0; j < n; j++) {
            left += net.relu(j) == null && feedsRelu[j] ? 1 : 0;
        }
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r != null) {
                Bounds src = r.source() == Network.INPUT ? input : bounds[r.source()];
                lines[j] = DeepPoly.SlopeRule.AREA.lines(src);
                double[][] iv = r.interval(new double[][] {src.lower()}, new double[][] {src.upper()});
                Bounds out = new Bounds(iv[0], iv[1]);
                bounds[j] = bounds[j] == null ? out : Bounds.intersect(bounds[j], out);
            } else if (feedsRelu[j]) {
                // an equal share of the time left for each node still to come, so deep nodes are not starved
                long now = System.nanoTime();
                long share = now + Math.max(0, deadline - now) / left--;
                if (now < deadline) {
                    bounds[j] = tightenNode(j, box, bounds, lines, steps, share, warm, ended);
                }
            }
        }
        return new Result(bounds, ended);
    }

    private Bounds tightenNode(int j, Box box, Bounds[] bounds, ReluLines[] lines, int steps, long deadline,
                               Slopes warm, Slopes out) {
        Bounds b = bounds[j];
        int[] idx = Neurons.unstable(b);
        int q = idx.length;
        if (q == 0) {
            return b;
        }
        double[] query = Neurons.unitRows(idx, b.size());
        double[] lo = b.lower().clone();
        double[] hi = b.upper().clone();
        long now = System.nanoTime();
        long half = now + Math.max(0, deadline - now) / 2;
        double[][] magnitude = BackSubstitution.magnitudes(bounds, box);
        out.lower()[j] = optimise(j, box, lines, magnitude, query, q, idx, true, steps, half, lo,
                warm == null ? null : warm.lower()[j]);
        out.upper()[j] = optimise(j, box, lines, magnitude, query, q, idx, false, steps, deadline, hi,
                warm == null ? null : warm.upper()[j]);
        return new Bounds(lo, hi);
    }

    /**
     * Adam on the slopes of the ReLUs before node j for one side, from the slopes of {@code from} where
     * given; writes the best bound of each row into best and returns the slopes of the last iterate.
     */
    private double[][] optimise(int j, Box box, ReluLines[] lines, double[][] magnitude, double[] query, int q,
                                int[] idx, boolean lowerSide, int steps, long deadline, double[] best,
                                double[][] from) {
        double[][] slope = new double[lines.length][];
        boolean[][] free = new boolean[j][];
        boolean anyFree = false;
        for (int k = 0; k < j; k++) {
            Relu r = net.relu(k);
            if (r != null) {
                slope[k] = lines[k].lowerSlope().clone();
                free[k] = new boolean[r.size()];
                double[] warm = from == null ? null : from[k];
                for (int i = 0; i < r.size(); i++) {
                    free[k][i] = Neurons.relaxed(lines[k], i);
                    anyFree |= free[k][i];
                    if (free[k][i] && warm != null) {
                        slope[k][i] = warm[i];
                    }
                }
            }
        }
        if (!anyFree) {
            steps = 1; // no slope to move: every step would repeat the first
        }
        Adam adam = new Adam(from == null ? LEARNING_RATE : WARM_RATE, slope);
        BackSubstitution.Options options = BackSubstitution.Options.oneSided(lowerSide ? q : 0).keeping(reluNodes)
                .withMagnitudes(magnitude);
        for (int t = 1; t <= steps; t++) {
            ReluLines[] current = LinearisedNetwork.withSlopes(lines, slope);
            BackSubstitution.Result res = BackSubstitution.run(net, j, query, q, current, options);
            LinearBounds lb = res.bounds();
            for (int r = 0; r < q; r++) {
                int i = idx[r];
                best[i] = lowerSide ? Math.max(best[i], lb.lowerBound(r, box)) : Math.min(best[i], lb.upperBound(r, box));
            }
            if (t == steps || System.nanoTime() > deadline) {
                return slope;
            }
            double[][] grad = gradient(j, box, res, current, q, lowerSide);
            adam.nextStep();
            double direction = lowerSide ? 1 : -1;
            for (int k = 0; k < j; k++) {
                if (slope[k] == null) {
                    continue;
                }
                for (int i = 0; i < slope[k].length; i++) {
                    if (free[k][i]) {
                        slope[k][i] = Math.min(1.0, Math.max(0.0, slope[k][i] + adam.delta(k, i, direction * grad[k][i])));
                    }
                }
            }
        }
        return slope;
    }

    /**
     * Gradient of the sum of the rows' bounds in the lower slopes: for each row, its coefficient on a ReLU
     * output times the neuron's linearised pre-activation at the row's optimising corner, where the row
     * uses the neuron's lower line.
     */
    private double[][] gradient(int j, Box box, BackSubstitution.Result res, ReluLines[] lines, int q,
                                boolean lowerSide) {
        double[][] grad = new double[j][];
        for (int k = 0; k < j; k++) {
            Relu relu = net.relu(k);
            if (relu != null) {
                grad[k] = new double[relu.size()];
            }
        }
        double[][] reluCoef = res.kept();
        LinearBounds lb = res.bounds();
        double[][] xs = new double[q][];
        for (int r = 0; r < q; r++) {
            xs[r] = lowerSide ? lb.minimiser(r, box) : lb.maximiser(r, box);
        }
        double[][] pre = LinearisedNetwork.preActivations(net, xs, lines, reluCoef, lowerSide, j);
        for (int k = 0; k < j; k++) {
            if (grad[k] == null || reluCoef[k] == null) {
                continue;
            }
            int size = grad[k].length;
            for (int r = 0; r < q; r++) {
                int base = r * size;
                for (int i = 0; i < size; i++) {
                    double a = reluCoef[k][base + i];
                    boolean usesLower = lowerSide ? a > 0 : a < 0;
                    if (usesLower) {
                        grad[k][i] += a * pre[k][base + i];
                    }
                }
            }
        }
        return grad;
    }
}
