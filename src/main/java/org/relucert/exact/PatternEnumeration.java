package org.relucert.exact;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.FormError;
import org.relucert.bounds.Ibp;
import org.relucert.relax.LpModel;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.RoundingError;
import org.relucert.net.ReluLines;
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
        Search s = new Search(net, box, output, preActivationBounds(net, box), deadline);
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

    /** One depth-first enumeration, with its counters and the best points found. */
    private static final class Search {
        private final Network net;
        private final Box box;
        private final int output;
        private final Bounds[] pre;
        private final int d;
        private final double[] inputForms;
        /** Forms of every node on the current path (coefficient-major, see {@link Forms}). */
        private final double[][] forms;
        /** The pattern of each ReLU node on the current path (entries before the one being decided). */
        private final boolean[][] active;
        /** Per node on the current path, a bound of each form's rounding error over the region ({@link FormError}). */
        private final double[][] errors;
        /** The box's magnitudes and 1 (the constant), and their sum. */
        private final double[] m;
        private final double mSum;
        int leaves;
        int lps;
        /** Regions the solver called infeasible that are not provably empty, bounded over their relaxation. */
        int keptRegions;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] argMin;
        double[] argMax;
        /** The regions' safe LP bounds: min and max are attained, these enclose them. */
        double outerMin = Double.POSITIVE_INFINITY;
        double outerMax = Double.NEGATIVE_INFINITY;

        private final Deadline deadline;

        Search(Network net, Box box, int output, Bounds[] pre, Deadline deadline) {
            this.deadline = deadline;
            this.net = net;
            this.box = box;
            this.output = output;
            this.pre = pre;
            this.d = net.inputSize();
            this.inputForms = Forms.identity(d);
            this.forms = new double[net.nodes().size()][];
            this.active = new boolean[net.nodes().size()][];
            this.errors = new double[net.nodes().size()][];
            this.m = FormError.weights(box.lower(), box.upper());
            this.mSum = FormError.total(m);
        }

        /** Forms of node j and their error bound. */
        private void advance(int j) {
            forms[j] = forward(j);
            int[] from = net.node(j).from();
            double[][] e = new double[from.length][];
            double[][] a = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                int f = from[k];
                e[k] = f == Network.INPUT ? new double[d] : errors[f];
                a[k] = f == Network.INPUT ? java.util.Arrays.copyOf(m, d)
                        : FormError.magnitude(forms[f], net.sizeOf(f), m);
            }
            errors[j] = net.relu(j) != null ? FormError.regionRelu(e[0], a[0], d) : FormError.linear(net.node(j), e, a, mSum);
        }

        private double[] formsOf(int j) {
            return j == Network.INPUT ? inputForms : forms[j];
        }

        /** Forward step of node j over the input, given the forms of its sources and, for a ReLU, its pattern. */
        private double[] forward(int j) {
            Node node = net.node(j);
            int[] from = node.from();
            double[][] src = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                src[k] = formsOf(from[k]);
            }
            ReluLines lines = null;
            if (active[j] != null) {
                double[] slope = new double[node.size()];
                for (int i = 0; i < slope.length; i++) {
                    slope[i] = active[j][i] ? 1 : 0;
                }
                double[] zero = new double[node.size()];
                lines = new ReluLines(slope, zero, slope, zero);
            }
            return node.forward(src, src, d + 1, lines)[0];
        }

        /**
         * Depth-first over the neurons: node j, entry e of a ReLU node. {@code pts} are points known to lie in
         * the current region (up to LP tolerance); when they show both signs of a pre-activation, it branches
         * without an LP. They only ever cause branching, never pruning, so their inaccuracy cannot lose a region.
         * A branch writes only the forms and pattern entries at or after (j, e), which the other branch writes
         * again before it reads them.
         */
        void explore(int j, int e, RegionLp.Constraint constraints, List<double[]> pts) {
            int n = net.nodes().size();
            while (j < n && net.relu(j) == null) {
                advance(j);
                j++;
            }
            if (j == n) {
                leaf(Forms.entry(forms[net.output()], net.outputSize(), output, d), constraints);
                return;
            }
            Relu relu = net.relu(j);
            if (e == 0) {
                active[j] = new boolean[relu.size()];
            }
            if (e == relu.size()) {
                advance(j);
                explore(j + 1, 0, constraints, pts);
                return;
            }
            double[] z = Forms.entry(formsOf(relu.source()), relu.size(), e, d);
            Bounds b = relu.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : pre[relu.source()];
            boolean canBeActive = b.upper()[e] > 0;
            boolean canBeInactive = b.lower()[e] < 0;
            if (canBeActive && canBeInactive) {
                double[] iv = Forms.interval(z, box);
                canBeActive = iv[1] > 0;
                canBeInactive = iv[0] < 0;
            }
            if (canBeActive && canBeInactive && constraints != null && !Forms.bothSigns(z, pts)) {
                RegionLp.LpRange range = RegionLp.range(box, z, constraints);
                lps += 2;
                if (range == null) {
                    return; // region infeasible
                }
                canBeActive = range.max() > 0;
                canBeInactive = range.min() < 0;
                pts = new ArrayList<>(pts);
                if (range.argMin() != null) {
                    pts.add(range.argMin());
                }
                if (range.argMax() != null) {
                    pts.add(range.argMax());
                }
            }
            boolean branching = canBeActive && canBeInactive;
            if (canBeActive || !canBeInactive) {
                active[j][e] = true;
                explore(j, e + 1, branching ? new RegionLp.Constraint(z, true, constraints) : constraints,
                        branching ? Forms.withSign(z, pts, true) : pts);
            }
            if (canBeInactive) {
                active[j][e] = false;
                explore(j, e + 1, branching ? new RegionLp.Constraint(z, false, constraints) : constraints,
                        branching ? Forms.withSign(z, pts, false) : pts);
            }
        }

        private void leaf(double[] f, RegionLp.Constraint constraints) {
            deadline.check();
            LpModel.Outcome[] s = RegionLp.optimise(box, f, constraints);
            LpModel.Outcome lo = s[0];
            LpModel.Outcome hi = s[1];
            lps += 2;
            if (RegionLp.empty(lo) || RegionLp.empty(hi)) {
                return;
            }
            if (lo.relaxed() || hi.relaxed()) {
                keptRegions++;
            }
            if (!lo.ok() || !hi.ok()) {
                throw new ExactRangeException("LP solver failed on an activation region of box " + box
                        + " (status " + lo.status() + (lo.relaxed() ? " relaxed" : "") + "/" + hi.status()
                        + (hi.relaxed() ? " relaxed" : "") + ")");
            }
            leaves++;
            double[] xmin = RegionLp.clamp(lo.values(), box);
            double[] xmax = RegionLp.clamp(hi.values(), box);
            // Values h attains at the LP optima (the affine form agrees with h on the closed region).
            double vmin = net.evaluate(xmin)[output];
            double vmax = net.evaluate(xmax)[output];
            if (vmin < min) {
                min = vmin;
                argMin = xmin;
            }
            if (vmax > max) {
                max = vmax;
                argMax = xmax;
            }
            // the attained values are inside the range; the LPs' safe bounds of the region's computed form,
            // widened by that form's rounding error bound, enclose the network's exact values on the region
            double err = errors[net.output()][output];
            outerMin = Math.min(outerMin, RoundingError.down(lo.bound(), err));
            outerMax = Math.max(outerMax, RoundingError.up(hi.bound(), err));
        }
    }
}
