package org.relucert.exact;

import java.util.ArrayList;
import java.util.List;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.FormError;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.RoundingError;
import org.relucert.net.ReluLines;
import org.relucert.relax.LpModel;

/**
 * One depth-first enumeration of {@link PatternEnumeration}'s activation patterns, with its counters and the
 * best points found.
 */
final class PatternSearch {
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

    PatternSearch(Network net, Box box, int output, Bounds[] pre, Deadline deadline) {
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
