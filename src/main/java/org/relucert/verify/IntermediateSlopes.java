package org.relucert.verify;

import org.relucert.bounds.Bounds;
import org.relucert.net.Affine;
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
 * splitting, where the intermediate bounds are shared by every case and subproblem.
 */
final class IntermediateSlopes {
    private static final double LEARNING_RATE = 0.1;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final Network net;
    private final boolean[] feedsRelu;

    IntermediateSlopes(Network net) {
        this.net = net;
        this.feedsRelu = net.feedsRelu();
    }

    /**
     * Bounds of every node at least as tight as {@code start} (sound bounds on the box), after up to
     * {@code steps} iterations per node and direction; each node gets an equal share of the time left
     * before the deadline, and stops early, keeping what it has, when its share is used.
     */
    Bounds[] tighten(Box box, Bounds[] start, int steps, long deadline) {
        int n = net.nodes().size();
        Bounds[] bounds = start.clone();
        ReluLines[] lines = new ReluLines[n];
        Bounds input = new Bounds(box.lower(), box.upper());
        int left = 0;
        for (int j = 0; j < n; j++) {
            left += net.node(j) instanceof Affine && feedsRelu[j] ? 1 : 0;
        }
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            if (node instanceof Relu r) {
                Bounds src = r.source() == Network.INPUT ? input : bounds[r.source()];
                lines[j] = QueryBounder.deepPolyLines(src);
                double[][] iv = r.interval(new double[][] {src.lower()}, new double[][] {src.upper()});
                Bounds out = new Bounds(iv[0], iv[1]);
                bounds[j] = bounds[j] == null ? out : QueryBounder.intersect(bounds[j], out);
            } else if (node instanceof Affine && feedsRelu[j]) {
                // an equal share of the time left for each node still to come, so deep nodes are not starved
                long now = System.nanoTime();
                long share = now + Math.max(0, deadline - now) / left--;
                if (now < deadline) {
                    bounds[j] = tightenNode(j, box, bounds, lines, steps, share);
                }
            }
        }
        return bounds;
    }

    private Bounds tightenNode(int j, Box box, Bounds[] bounds, ReluLines[] lines, int steps, long deadline) {
        Bounds b = bounds[j];
        int[] idx = QueryBounder.unstable(b);
        int q = idx.length;
        if (q == 0) {
            return b;
        }
        double[] query = QueryBounder.unitRows(idx, b.size());
        double[] lo = b.lower().clone();
        double[] hi = b.upper().clone();
        long now = System.nanoTime();
        long half = now + Math.max(0, deadline - now) / 2;
        optimise(j, box, bounds, lines, query, q, idx, true, steps, half, lo);
        optimise(j, box, bounds, lines, query, q, idx, false, steps, deadline, hi);
        return new Bounds(lo, hi);
    }

    /** Adam on the slopes of the ReLUs before node j for one side; writes the best bound of each row into best. */
    private void optimise(int j, Box box, Bounds[] bounds, ReluLines[] lines, double[] query, int q, int[] idx,
                          boolean lowerSide, int steps, long deadline, double[] best) {
        double[][] slope = new double[lines.length][];
        boolean[][] free = new boolean[j][];
        double[][] m1 = new double[j][];
        double[][] m2 = new double[j][];
        Bounds input = new Bounds(box.lower(), box.upper());
        for (int k = 0; k < j; k++) {
            if (net.node(k) instanceof Relu r) {
                slope[k] = lines[k].lowerSlope().clone();
                Bounds src = r.source() == Network.INPUT ? input : bounds[r.source()];
                free[k] = new boolean[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    free[k][i] = ReluLines.unstable(src.lower()[i], src.upper()[i]);
                }
                m1[k] = new double[r.size()];
                m2[k] = new double[r.size()];
            }
        }
        for (int t = 1; t <= steps; t++) {
            ReluLines[] current = SlopeOptimiser.withSlopes(lines, slope);
            LowerBackSubstitution.Result res = LowerBackSubstitution.run(net, j, query, q, lowerSide ? q : 0, current);
            for (int r = 0; r < q; r++) {
                int i = idx[r];
                best[i] = lowerSide ? Math.max(best[i], res.lowerAt(r, box)) : Math.min(best[i], res.upperAt(r, box));
            }
            if (t == steps || System.nanoTime() > deadline) {
                return;
            }
            double[][] grad = gradient(j, box, res, current, q, lowerSide);
            double corr1 = 1 - Math.pow(BETA1, t);
            double corr2 = 1 - Math.pow(BETA2, t);
            double direction = lowerSide ? 1 : -1;
            for (int k = 0; k < j; k++) {
                if (slope[k] == null) {
                    continue;
                }
                for (int i = 0; i < slope[k].length; i++) {
                    if (!free[k][i]) {
                        continue;
                    }
                    double g = direction * grad[k][i];
                    m1[k][i] = BETA1 * m1[k][i] + (1 - BETA1) * g;
                    m2[k][i] = BETA2 * m2[k][i] + (1 - BETA2) * g * g;
                    double stepSize = LEARNING_RATE * (m1[k][i] / corr1) / (Math.sqrt(m2[k][i] / corr2) + 1e-12);
                    slope[k][i] = Math.min(1.0, Math.max(0.0, slope[k][i] + stepSize));
                }
            }
        }
    }

    /**
     * Gradient of the sum of the rows' bounds in the lower slopes: for each row, its coefficient on a ReLU
     * output times the neuron's linearised pre-activation at the row's optimising corner, where the row
     * uses the neuron's lower line.
     */
    private double[][] gradient(int j, Box box, LowerBackSubstitution.Result res, ReluLines[] lines, int q,
                                boolean lowerSide) {
        double[][] grad = new double[j][];
        double[][] reluCoef = res.reluCoef();
        for (int r = 0; r < q; r++) {
            double[] x = lowerSide ? res.minimiser(r, box) : res.maximiser(r, box);
            double[][] pre = SlopeOptimiser.linearisedPreActivations(net, x, lines, reluCoef, r, lowerSide, j);
            for (int k = 0; k < j; k++) {
                if (!(net.node(k) instanceof Relu relu) || reluCoef[k] == null) {
                    continue;
                }
                if (grad[k] == null) {
                    grad[k] = new double[relu.size()];
                }
                int base = r * relu.size();
                for (int i = 0; i < relu.size(); i++) {
                    double a = reluCoef[k][base + i];
                    boolean usesLower = lowerSide ? a > 0 : a < 0;
                    if (usesLower) {
                        grad[k][i] += a * pre[k][i];
                    }
                }
            }
        }
        for (int k = 0; k < j; k++) {
            if (grad[k] == null && net.node(k) instanceof Relu relu) {
                grad[k] = new double[relu.size()];
            }
        }
        return grad;
    }
}
