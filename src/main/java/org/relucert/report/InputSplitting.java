package org.relucert.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * Input-splitting branch and bound for exact output bounds (P2-v3 Prop. 5.6, THEORY.md §7.6): analyse the box,
 * then repeatedly split the leaf with the largest gap (bounds minus exact range on that leaf) at the midpoint of its
 * widest dimension, until every leaf's bounds are exact within the tolerance or the number of leaves reaches the cap.
 */
public final class InputSplitting {

    /** One leaf: its box, the domain's bounds, the exact range, and the gap. */
    public record Leaf(Box box, double lower, double upper, double exactMin, double exactMax) {
        /** Positive parts of both sides. */
        public double gap() {
            return Math.max(0, upper - exactMax) + Math.max(0, exactMin - lower);
        }
    }

    /** The global bound error (max leaf upper - exact max, exact min - min leaf lower) after a number of leaves. */
    public record Step(int leaves, double upperError, double lowerError) {
    }

    /**
     * The outcome: the leaves, whether every leaf is exact within tolerance, whether the cap stopped the loop, the
     * global bounds (min/max over the leaves), and the error history.
     */
    public record Result(List<Leaf> leaves, boolean allExact, boolean capHit, double globalLower, double globalUpper,
                         double worstLeafGap, List<Step> history) {
        public int leafCount() {
            return leaves.size();
        }
    }

    private InputSplitting() {
    }

    /**
     * Runs the loop.
     *
     * @param exactRange exact {min, max} of the output on a box
     * @param tolerance  absolute gap under which a leaf counts as exact
     * @param leafCap    most leaves (at least 1)
     */
    public static Result run(Network net, Relaxation domain, Box box, Function<Box, double[]> exactRange,
                             double tolerance, int leafCap) {
        PriorityQueue<Leaf> open = new PriorityQueue<>(Comparator.comparingDouble(Leaf::gap).reversed());
        List<Leaf> done = new ArrayList<>();
        List<Step> history = new ArrayList<>();
        double[] root = exactRange.apply(box);
        open.add(leaf(net, domain, box, exactRange));
        history.add(step(open, done, root));
        while (!open.isEmpty() && open.peek().gap() > tolerance && open.size() + done.size() < leafCap) {
            Leaf worst = open.poll();
            for (Box half : halves(worst.box())) {
                Leaf child = leaf(net, domain, half, exactRange);
                (child.gap() > tolerance ? open : done).add(child);
            }
            history.add(step(open, done, root));
        }
        List<Leaf> all = new ArrayList<>(done);
        all.addAll(open);
        double lo = all.stream().mapToDouble(Leaf::lower).min().orElseThrow();
        double hi = all.stream().mapToDouble(Leaf::upper).max().orElseThrow();
        double worstGap = all.stream().mapToDouble(Leaf::gap).max().orElseThrow();
        boolean allExact = worstGap <= tolerance;
        return new Result(all, allExact, !allExact, lo, hi, worstGap, history);
    }

    private static Step step(PriorityQueue<Leaf> open, List<Leaf> done, double[] root) {
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (Leaf l : open) {
            hi = Math.max(hi, l.upper());
            lo = Math.min(lo, l.lower());
        }
        for (Leaf l : done) {
            hi = Math.max(hi, l.upper());
            lo = Math.min(lo, l.lower());
        }
        return new Step(open.size() + done.size(), hi - root[1], root[0] - lo);
    }

    private static Leaf leaf(Network net, Relaxation domain, Box box, Function<Box, double[]> exactRange) {
        Analysis a = Evidence.analyse(domain, net, box);
        double[] ex = exactRange.apply(box);
        return new Leaf(box, a.lower()[0], a.upper()[0], ex[0], ex[1]);
    }

    /** The two halves of the box across its widest dimension (the first such). */
    static List<Box> halves(Box b) {
        int widest = 0;
        for (int i = 1; i < b.dim(); i++) {
            if (b.upper()[i] - b.lower()[i] > b.upper()[widest] - b.lower()[widest]) {
                widest = i;
            }
        }
        double mid = 0.5 * (b.lower()[widest] + b.upper()[widest]);
        double[] leftUpper = b.upper().clone();
        leftUpper[widest] = mid;
        double[] rightLower = b.lower().clone();
        rightLower[widest] = mid;
        return List.of(new Box(b.lower().clone(), leftUpper), new Box(rightLower, b.upper().clone()));
    }
}
