package org.relucert.relax;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Ibp;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * P2-v3 Lemma 3.2's quantity for a split f = f_2 ∘ f_1 at a ReLU node s: the range of f_2 over
 * conv(f_1(X)), the convex hull of the exact image of the box under the network up to s, computed exactly.
 *
 * <p>The hull is the {@link ReachableHull} of all of s's outputs, tied to the LP by those outputs alone;
 * the nodes after s are then encoded exactly, one LP per activation pattern of their ReLU entries
 * (depth-first, patterns dropped only when provably empty, {@link LpModel#feasibility()}), and the range is the minimum and maximum of
 * the output over the patterns. Variable boxes come from IBP alone, which is sound over the box of s's
 * bounds and therefore over the hull (DeepPoly bounds of later nodes hold only on the true image).
 */
public final class SplitHull {

    /** Most activation patterns of f_2 enumerated before refusing. */
    public static final int MAX_PATTERNS = 1 << 14;

    private SplitHull() {
    }

    /**
     * [min, max] of output entry {@code output} of f_2 over conv(f_1(box)), f_1 the network up to ReLU
     * node {@code split}.
     *
     * @throws InvalidInputException when {@code split} is not a ReLU node, a later node reads a node before
     *                               it, or a limit is exceeded
     */
    public static double[] range(Network net, Box box, int split, int output) {
        if (net.relu(split) == null) {
            throw new InvalidInputException("split node '" + net.nameOf(split) + "' is not a ReLU node");
        }
        for (int k = split + 1; k < net.nodes().size(); k++) {
            for (int f : net.node(k).from()) {
                if (f < split) {
                    throw new InvalidInputException("node '" + net.nameOf(k) + "' reads '"
                            + (f == Network.INPUT ? "input" : net.nameOf(f)) + "' before the split node '"
                            + net.nameOf(split) + "'; the split needs a network that only reads on from it");
                }
            }
        }
        Bounds[] ibp = Ibp.propagate(net, box);
        try (NetworkLp enc = new NetworkLp(net, box, 1, LpLimits.DEFAULT, ibp)) {
            for (int k = 0; k <= split; k++) {
                enc.addNode(k);
            }
            int[] all = new int[net.sizeOf(split)];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            ReachableHull.add(enc, split, all, new int[0], HullSpec.DEFAULT_MAX_PATTERNS,
                    "node '" + net.nameOf(split) + "'");
            List<LpModel.Row> ignored = new ArrayList<>();
            List<int[]> relus = new ArrayList<>();
            for (int k = split + 1; k < net.nodes().size(); k++) {
                enc.addNode(k);
                ReachableHull.record(net, enc, k, ignored, relus);
            }
            return new Patterns(enc, relus, enc.varsOf(net.output())[output]).range();
        }
    }

    /** Depth-first search over the phases of f_2's ReLU entries, optimising the output at each leaf. */
    private static final class Patterns {
        private final LpModel m;
        private final List<int[]> relus;
        private final int[][] rows;
        private final int out;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private int leaves;

        Patterns(NetworkLp enc, List<int[]> relus, int out) {
            this.m = enc.model();
            this.relus = relus;
            this.out = out;
            double inf = Double.POSITIVE_INFINITY;
            rows = new int[relus.size()][];
            for (int e = 0; e < relus.size(); e++) {
                int z = relus.get(e)[0];
                int y = relus.get(e)[1];
                rows[e] = new int[] {
                    m.addRow(new int[] {z}, new double[] {1}, -inf, inf),
                    m.addRow(new int[] {y, z}, new double[] {1, -1}, -inf, inf),
                    m.addRow(new int[] {y}, new double[] {1}, -inf, inf)};
            }
        }

        double[] range() {
            step(0);
            return new double[] {min, max};
        }

        private void step(int e) {
            if (e == relus.size()) {
                if (++leaves > MAX_PATTERNS) {
                    throw new InvalidInputException("the network after the split has more than " + MAX_PATTERNS
                            + " activation patterns");
                }
                LpModel.Outcome lo = m.minimise(new int[] {out}, new double[] {1}, 0);
                LpModel.Outcome hi = m.maximise(new int[] {out}, new double[] {1}, 0);
                if (!lo.ok() || !hi.ok()) {
                    if (lo.status() == LinearProgram.Status.INFEASIBLE || hi.status() == LinearProgram.Status.INFEASIBLE) {
                        return; // provably empty (LpModel)
                    }
                    throw new IllegalStateException("LP solve failed on a pattern of the split: " + lo.status() + "/" + hi.status());
                }
                min = Math.min(min, lo.bound());
                max = Math.max(max, hi.bound());
                return;
            }
            double inf = Double.POSITIVE_INFINITY;
            int[] r = rows[e];
            for (boolean active : new boolean[] {true, false}) {
                m.setRowBounds(r[0], active ? 0 : -inf, active ? inf : 0);
                m.setRowBounds(r[1], active ? 0 : -inf, active ? 0 : inf);
                m.setRowBounds(r[2], active ? -inf : 0, active ? inf : 0);
                if (m.feasibility() != LinearProgram.Status.INFEASIBLE) {
                    step(e + 1);
                }
            }
            for (int row : r) {
                m.setRowBounds(row, -inf, inf);
            }
        }
    }
}
