package org.relucert.exact;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.Sampler;

/**
 * The exact range of one output over a box by enumerating activation patterns. Neurons are fixed in
 * topological order; under a partial pattern every node is an affine function of the input, so a
 * neuron's pre-activation can be minimised and maximised by LP over the region cut out so far. Stable
 * neurons (by sound bounds or by those LPs) take their only state; the others branch. On each feasible
 * full pattern the output is affine, and its LP optimum over the (closed) region is a value h attains.
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
        this.maxUnstable = maxUnstable;
    }

    /** The limit on unstable neurons. */
    public int maxUnstable() {
        return maxUnstable;
    }

    /** One linear constraint sign * (coef·x + c) >= 0, in a persistent list shared between branches. */
    private record Constraint(double[] form, boolean nonNegative, Constraint next) {
    }

    /** Mutable counters of one enumeration. */
    private static final class Stats {
        int leaves;
        int lps;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] argMin;
        double[] argMax;
    }

    /**
     * Number of neurons whose pre-activation bounds on the box (the tighter of IBP and DP-0) straddle zero.
     */
    public static int unstableCount(Network net, Box box) {
        Bounds[] pre = preActivationBounds(net, box);
        int count = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.node(j) instanceof Relu r) {
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
        Bounds[] pre = preActivationBounds(net, box);
        Stats stats = new Stats();
        double[][][] forms = new double[net.nodes().size()][][];
        explore(net, box, output, pre, 0, 0, forms, null, samplePoints(box), stats);
        if (stats.argMin == null) {
            throw new ExactRangeException("pattern enumeration found no feasible region on box " + box);
        }
        return new Range(stats.min, stats.max, stats.argMin, stats.argMax, "pattern enumeration",
                List.of(stats.leaves + " activation regions, " + stats.lps + " LPs, " + unstable + " unstable neurons"));
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

    /**
     * Depth-first over the neurons: node j, entry e of a ReLU node. {@code pts} are points known to lie in the
     * current region (up to LP tolerance); when they show both signs of a pre-activation, it branches without an
     * LP. They only ever cause branching, never pruning, so their inaccuracy cannot lose a region.
     */
    private void explore(Network net, Box box, int output, Bounds[] pre, int j, int e, double[][][] forms,
                         Constraint constraints, List<double[]> pts, Stats stats) {
        int d = net.inputSize();
        while (j < net.nodes().size() && !(net.node(j) instanceof Relu)) {
            forms[j] = affineForms((Affine) net.node(j), forms, d);
            j++;
        }
        if (j == net.nodes().size()) {
            leaf(net, output, box, forms[net.output()][output], constraints, stats);
            return;
        }
        Relu relu = (Relu) net.node(j);
        if (e == 0) {
            forms[j] = new double[relu.size()][];
        }
        if (e == relu.size()) {
            explore(net, box, output, pre, j + 1, 0, forms, constraints, pts, stats);
            return;
        }
        double[] z = relu.source() == Network.INPUT ? unit(d, e) : forms[relu.source()][e];
        Bounds b = relu.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : pre[relu.source()];
        boolean canBeActive = b.upper()[e] > 0;
        boolean canBeInactive = b.lower()[e] < 0;
        if (canBeActive && canBeInactive) {
            double[] iv = interval(z, box);
            canBeActive = iv[1] > 0;
            canBeInactive = iv[0] < 0;
        }
        if (canBeActive && canBeInactive && constraints != null && !bothSigns(z, pts)) {
            LpRange range = lpRange(box, z, constraints, stats);
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
            double[][][] next = branching ? copy(forms, j) : forms;
            next[j][e] = z;
            explore(net, box, output, pre, j, e + 1, next,
                    branching ? new Constraint(z, true, constraints) : constraints,
                    branching ? withSign(z, pts, true) : pts, stats);
        }
        if (canBeInactive) {
            double[][][] next = branching ? copy(forms, j) : forms;
            next[j][e] = new double[d + 1];
            explore(net, box, output, pre, j, e + 1, next,
                    branching ? new Constraint(z, false, constraints) : constraints,
                    branching ? withSign(z, pts, false) : pts, stats);
        }
    }

    private static double value(double[] f, double[] x) {
        double s = f[x.length];
        for (int i = 0; i < x.length; i++) {
            s += f[i] * x[i];
        }
        return s;
    }

    private static boolean bothSigns(double[] f, List<double[]> pts) {
        boolean pos = false;
        boolean neg = false;
        for (double[] x : pts) {
            double v = value(f, x);
            pos |= v > 0;
            neg |= v < 0;
        }
        return pos && neg;
    }

    /** The points on the chosen side (>= 0 or <= 0) of f. */
    private static List<double[]> withSign(double[] f, List<double[]> pts, boolean nonNegative) {
        List<double[]> out = new ArrayList<>();
        for (double[] x : pts) {
            double v = value(f, x);
            if (nonNegative ? v >= 0 : v <= 0) {
                out.add(x);
            }
        }
        return out;
    }

    private static double[][][] copy(double[][][] forms, int j) {
        double[][][] c = forms.clone();
        c[j] = forms[j].clone();
        return c;
    }

    private static double[] unit(int d, int i) {
        double[] f = new double[d + 1];
        f[i] = 1;
        return f;
    }

    /** Affine forms (d coefficients, then the constant) of every entry of an affine node. */
    private static double[][] affineForms(Affine a, double[][][] forms, int d) {
        int[] from = a.from();
        int[] sizes = a.fromSizes();
        double[][] out = new double[a.size()][d + 1];
        for (int r = 0; r < a.size(); r++) {
            double[] f = out[r];
            f[d] = a.bias()[r];
            int col = 0;
            for (int k = 0; k < from.length; k++) {
                for (int c = 0; c < sizes[k]; c++, col++) {
                    double w = a.weight(r, col);
                    if (w == 0) {
                        continue;
                    }
                    if (from[k] == Network.INPUT) {
                        f[c] += w;
                    } else {
                        double[] g = forms[from[k]][c];
                        for (int i = 0; i <= d; i++) {
                            f[i] += w * g[i];
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double[] interval(double[] f, Box box) {
        int d = box.dim();
        double lo = f[d];
        double hi = f[d];
        for (int i = 0; i < d; i++) {
            double c = f[i];
            lo += c >= 0 ? c * box.lower()[i] : c * box.upper()[i];
            hi += c >= 0 ? c * box.upper()[i] : c * box.lower()[i];
        }
        return new double[] {lo, hi};
    }

    /** Min and max of a form over a region, with the optimal points (null when the solve failed). */
    private record LpRange(double min, double max, double[] argMin, double[] argMax) {
    }

    /** The range of the form over the region, or null when the region is empty. */
    private static LpRange lpRange(Box box, double[] f, Constraint constraints, Stats stats) {
        try (LinearProgram lp = region(box, constraints)) {
            int d = box.dim();
            int[] vars = indices(d);
            double[] coef = java.util.Arrays.copyOf(f, d);
            LinearProgram.Solution lo = lp.optimise(vars, coef, f[d], false, 0);
            LinearProgram.Solution hi = lp.optimise(vars, coef, f[d], true, 0);
            stats.lps += 2;
            if (lo.status() == LinearProgram.Status.INFEASIBLE || hi.status() == LinearProgram.Status.INFEASIBLE) {
                return null;
            }
            // A failed solve proves nothing: keep both states possible (sound, just slower).
            double min = lo.optimal() ? lo.objective() : Double.NEGATIVE_INFINITY;
            double max = hi.optimal() ? hi.objective() : Double.POSITIVE_INFINITY;
            return new LpRange(min, max, lo.optimal() ? clamp(lo.values(), box) : null,
                    hi.optimal() ? clamp(hi.values(), box) : null);
        }
    }

    private void leaf(Network net, int output, Box box, double[] f, Constraint constraints, Stats stats) {
        int d = box.dim();
        try (LinearProgram lp = region(box, constraints)) {
            int[] vars = indices(d);
            double[] coef = java.util.Arrays.copyOf(f, d);
            LinearProgram.Solution lo = lp.optimise(vars, coef, f[d], false, 0);
            LinearProgram.Solution hi = lp.optimise(vars, coef, f[d], true, 0);
            stats.lps += 2;
            if (lo.status() == LinearProgram.Status.INFEASIBLE && hi.status() == LinearProgram.Status.INFEASIBLE) {
                return;
            }
            if (!lo.optimal() || !hi.optimal()) {
                throw new ExactRangeException("LP solver failed on an activation region of box " + box
                        + " (status " + lo.status() + "/" + hi.status() + ")");
            }
            stats.leaves++;
            double[] xmin = clamp(lo.values(), box);
            double[] xmax = clamp(hi.values(), box);
            // Values h attains at the LP optima (the affine form agrees with h on the closed region).
            double vmin = net.evaluate(xmin)[output];
            double vmax = net.evaluate(xmax)[output];
            if (vmin < stats.min) {
                stats.min = vmin;
                stats.argMin = xmin;
            }
            if (vmax > stats.max) {
                stats.max = vmax;
                stats.argMax = xmax;
            }
        }
    }

    private static LinearProgram region(Box box, Constraint constraints) {
        LinearProgram lp = LinearProgram.lp();
        int d = box.dim();
        for (int i = 0; i < d; i++) {
            lp.addVariable(box.lower()[i], box.upper()[i], false);
        }
        int[] vars = indices(d);
        for (Constraint c = constraints; c != null; c = c.next()) {
            double[] coef = java.util.Arrays.copyOf(c.form(), d);
            double k = c.form()[d];
            if (c.nonNegative()) {
                lp.addConstraint(vars, coef, -k, Double.POSITIVE_INFINITY);
            } else {
                lp.addConstraint(vars, coef, Double.NEGATIVE_INFINITY, -k);
            }
        }
        return lp;
    }

    private static int[] indices(int d) {
        int[] v = new int[d];
        for (int i = 0; i < d; i++) {
            v[i] = i;
        }
        return v;
    }

    private static double[] clamp(double[] values, Box box) {
        double[] x = new double[box.dim()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], values[i]));
        }
        return x;
    }

    private static double dot(double[] f, double[] x) {
        double s = f[x.length];
        for (int i = 0; i < x.length; i++) {
            s += f[i] * x[i];
        }
        return s;
    }
}
