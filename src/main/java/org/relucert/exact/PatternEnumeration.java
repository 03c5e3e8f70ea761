package org.relucert.exact;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.relax.LpModel;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.Sampler;

/**
 * The exact range of one output over a box by enumerating activation patterns. Neurons are fixed in
 * topological order; under a partial pattern every node is an affine function of the input (its forms come
 * from the node's own forward symbolic step, {@link Node#forward}, with the exact lines 0 or 1 of the fixed
 * pattern for a ReLU node), so a neuron's pre-activation can be minimised and maximised by LP over the
 * region cut out so far ({@link RegionLp}). Stable neurons (by sound bounds or by those LPs) take their only
 * state; the others branch. On each feasible full pattern the output is affine, and its LP optimum over the
 * (closed) region is a value h attains. A region is dropped only when it is provably empty ({@link LpModel}:
 * the safe bound of its least violation is above 0); one the solver calls infeasible that is not is kept and
 * bounded over its relaxation (a note says how many).
 *
 * <p>Refuses boxes with more unstable neurons (by interval and DeepPoly bounds) than a limit, since the
 * number of patterns can grow as 2^n.
 *
 * <p>The depth-first search itself is {@code PatternSearch}'s.
 */
public final class PatternEnumeration {
    /** Default limit on the number of unstable neurons. */
    public static final int DEFAULT_MAX_UNSTABLE = 14;

    private final int maxUnstable;

    public PatternEnumeration() {
        this(DEFAULT_MAX_UNSTABLE);
    }

    public PatternEnumeration(int maxUnstable) {
        this(maxUnstable, Deadline.NONE);
    }

    /** With a time limit: {@link #range} throws {@link Deadline.Expired} once it passes. */
    public PatternEnumeration(int maxUnstable, Deadline deadline) {
        this.maxUnstable = maxUnstable;
        this.deadline = deadline;
    }

    private final Deadline deadline;

    /** The limit on unstable neurons. */
    public int maxUnstable() {
        return maxUnstable;
    }

    /**
     * Number of neurons whose pre-activation bounds on the box (the tighter of IBP and DP-0) straddle zero.
     */
    public static int unstableCount(Network net, Box box) {
        Bounds[] pre = preActivationBounds(net, box);
        int count = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r != null) {
                Bounds b = r.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : pre[r.source()];
                for (int i = 0; i < r.size(); i++) {
                    if (b.lower()[i] < 0 && b.upper()[i] > 0) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /**
     * The exact range of output {@code output} over the box, with the inputs attaining it.
     *
     * @throws InvalidInputException when the box has more unstable neurons than the limit
     * @throws ExactRangeException   when the LP solver fails on a region
     */
    public Range range(Network net, Box box, int output) {
        if (box.dim() != net.inputSize()) {
            throw new IllegalArgumentException("box has " + box.dim() + " dimensions, network has "
                    + net.inputSize() + " inputs");
        }
        int unstable = unstableCount(net, box);
        if (unstable > maxUnstable) {
            throw new InvalidInputException("pattern enumeration refused: " + unstable
                    + " unstable neurons on box " + box + " exceed the limit of " + maxUnstable
                    + " (raise the limit, use a smaller box, or the MILP 'exact' domain)");
        }
        PatternSearch s = new PatternSearch(net, box, output, preActivationBounds(net, box), deadline);
        s.explore(0, 0, null, samplePoints(box));
        if (s.argMin == null) {
            throw new ExactRangeException("pattern enumeration found no feasible region on box " + box);
        }
        // attained at the witnesses, widened to the LPs' safe bounds where those reach further
        List<String> notes = new ArrayList<>();
        notes.add(s.leaves + " activation regions, " + s.lps + " LPs, " + unstable + " unstable neurons");
        if (s.keptRegions > 0) {
            notes.add(s.keptRegions + " activation regions that the LP solver called infeasible are not provably empty:"
                    + " kept, bounded over the region relaxed to its least violation");
        }
        return new Range(Math.min(s.min, s.outerMin), Math.max(s.max, s.outerMax), s.argMin, s.argMax, "pattern enumeration",
                notes);
    }

    private static Bounds[] preActivationBounds(Network net, Box box) {
        Bounds[] ibp = Ibp.propagate(net, box);
        Bounds[] dp = DeepPoly.propagate(net, box, DeepPoly.SlopeRule.ZERO).bounds();
        Bounds[] out = new Bounds[ibp.length];
        for (int j = 0; j < ibp.length; j++) {
            if (dp[j] == null) {
                out[j] = ibp[j];
                continue;
            }
            double[] lo = new double[ibp[j].size()];
            double[] hi = new double[ibp[j].size()];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = Math.max(ibp[j].lower()[i], dp[j].lower()[i]);
                hi[i] = Math.min(ibp[j].upper()[i], dp[j].upper()[i]);
            }
            out[j] = new Bounds(lo, hi);
        }
        return out;
    }

    /** The box's centre, its corners (up to 10 dimensions) and a few fixed pseudo-random points. */
    private static List<double[]> samplePoints(Box box) {
        List<double[]> pts = new ArrayList<>();
        pts.add(box.centre());
        pts.addAll(Sampler.points(box, 16, 12345, 10));
        return pts;
    }
}
