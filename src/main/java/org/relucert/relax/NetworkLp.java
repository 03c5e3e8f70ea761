package org.relucert.relax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.ReluLines;

/**
 * The LP sink of the {@link NodeEncoding} of one network over one box, built once and re-solved per
 * objective: the encoding of the LP relaxations.
 *
 * <p>Variables: the input (bounded by the box) and every entry of every node, each boxed by the best
 * sound bounds known when it is added (IBP intersected with DeepPoly-area, and for a ReLU entry the ReLU
 * of its source's current bounds), which the LP implies anyway; the boxes make the dual-based safe
 * bounds of {@link LpModel} possible. Linear nodes are equalities from their own rule; a ReLU entry
 * with pre-activation bounds [l, u] (the current bounds of its source) is y = 0 (u &lt;= 0), y = z
 * (l >= 0) or the triangle y >= 0, y >= z, y &lt;= u(z - l)/(u - l).
 *
 * <p>Nodes are added one at a time in topological order ({@link #addNode}); {@link #tighten} then
 * minimises and maximises entries of the node just added. A failed solve keeps the bound already known
 * for that entry and records a note. The solves are {@link LpTightening}'s, the fall-backs are counted by
 * {@link LpFallbacks}.
 */
public final class NetworkLp extends NodeEncoding implements AutoCloseable {

    private final Box box;
    /** Fewest entries of one node worth tightening on several solver instances at once. */
    static final int PARALLEL_MIN_ENTRIES = LpTightening.PARALLEL_MIN_ENTRIES;

    private final LpModel model;
    private final Bounds[] current;
    private final Bounds[] fallback;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final LpFallbacks fallbacks;
    private final LpTightening tightening;
    /** Bounds of the node being added, entry by entry. */
    private double[] addingLower;
    private double[] addingUpper;

    /** Starts an encoding with only the input variables, on one solver instance, within the default limits. */
    public NetworkLp(Network net, Box box) {
        this(net, box, 1, LpLimits.DEFAULT);
    }

    /**
     * Starts an encoding with only the input variables; {@link #tighten} solves the entries of a node on
     * {@code workers} solver instances in parallel when there are at least {@value #PARALLEL_MIN_ENTRIES}.
     *
     * @throws NetworkTooLargeException when the network exceeds {@code limits}
     */
    public NetworkLp(Network net, Box box, int workers, LpLimits limits) {
        this(net, box, workers, limits, knownBounds(net, box));
    }

    /**
     * An encoding whose variable boxes (and fall-back bounds) are the given sound bounds of every node on
     * {@code box}, e.g. the intermediate bounds a verifier already has; {@link #tighten} then only narrows them.
     *
     * @throws NetworkTooLargeException when the network exceeds {@code limits}
     */
    public static NetworkLp over(Network net, Box box, int workers, LpLimits limits, Bounds[] known) {
        return new NetworkLp(net, box, workers, limits, known.clone());
    }

    /** As above with the given sound bounds of every node as the variable boxes (e.g. IBP alone). */
    NetworkLp(Network net, Box box, int workers, LpLimits limits, Bounds[] known) {
        super(net, limits, "LP");
        this.model = new LpModel(workers);
        this.box = box;
        this.current = new Bounds[net.nodes().size()];
        this.fallback = known;
        this.fallbacks = new LpFallbacks(net.nodes().size());
        this.tightening = new LpTightening(model, known, fallbacks);
        addInput();
    }

    /** IBP intersected with DeepPoly (area rule): sound bounds of every node, used as fall-back. */
    static Bounds[] knownBounds(Network net, Box box) {
        Bounds[] ibp = Ibp.propagate(net, box);
        Bounds[] dp = DeepPoly.propagate(net, box, DeepPoly.SlopeRule.AREA).bounds();
        Bounds[] out = new Bounds[ibp.length];
        for (int j = 0; j < ibp.length; j++) {
            double[] lo = new double[ibp[j].size()];
            double[] hi = new double[lo.length];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = Math.max(ibp[j].lower()[i], dp[j].lower()[i]);
                hi[i] = Math.min(ibp[j].upper()[i], dp[j].upper()[i]);
            }
            out[j] = new Bounds(lo, hi);
        }
        return out;
    }

    /** The underlying model (to add further constraints, e.g. hulls). */
    public LpModel model() {
        return model;
    }

    /** Current sound bounds of node j (the box for the input). */
    public Bounds boundsOf(int j) {
        return j == Network.INPUT ? new Bounds(box.lower(), box.upper()) : current[j];
    }

    /** The sound IBP/DeepPoly bounds of node j. */
    public Bounds fallbackOf(int j) {
        return fallback[j];
    }

    /** The sound IBP/DeepPoly bounds of every node (a copy of the array). */
    public Bounds[] fallbacks() {
        return fallback.clone();
    }

    /** All current bounds (index j holds node j; null for nodes not yet added). */
    public Bounds[] bounds() {
        return current.clone();
    }

    /** Notes such as solver fall-backs. */
    public List<String> notes() {
        return notes;
    }

    /**
     * One note per node whose LP bounds fell back to the IBP/DeepPoly bounds, by cause: the time limit
     * (each such note starts with {@link Analysis#TIME_LIMIT}), failed solves, or solves skipped after
     * the solver gave up (empty when every solve succeeded).
     */
    public List<String> fallbackNotes() {
        return fallbacks.notes(network(), model.deadline());
    }

    /** Adds a note. */
    public void note(String s) {
        notes.add(s);
    }

    /** Sets node j's bounds to {@code b} (must be sound) and tightens its variables' boxes. */
    public void setBounds(int j, Bounds b) {
        current[j] = b;
        int[] vars = varsOf(j);
        for (int i = 0; i < b.size(); i++) {
            model.setBounds(vars[i], b.lower()[i], Math.max(b.lower()[i], b.upper()[i]));
        }
    }

    @Override
    protected int newVariable(int node, int entry) {
        if (node == Network.INPUT) {
            return model.addVariable(box.lower()[entry], box.upper()[entry]);
        }
        // A point box can leave lower one rounding step above upper; order them (still sound).
        double l = addingLower[entry];
        double u = addingUpper[entry];
        return model.addVariable(Math.min(l, u), Math.max(l, u));
    }

    @Override
    protected void addRow(int[] vars, double[] coefs, double lb, double ub) {
        model.addRow(vars, coefs, lb, ub);
    }

    @Override
    protected void beginNode(int j) {
        addingLower = fallback[j].lower().clone();
        addingUpper = fallback[j].upper().clone();
    }

    @Override
    protected void endNode(int j) {
        current[j] = new Bounds(addingLower, addingUpper);
        addingLower = null;
        addingUpper = null;
    }

    /** Stable or triangle, from the current bounds of the source entry; boxes y by their ReLU. */
    @Override
    public void relu(int source, int entry, int z, int y) {
        Bounds src = boundsOf(source);
        double l = src.lower()[entry];
        double u = src.upper()[entry];
        double lo = Math.max(l, 0);
        double hi = Math.max(u, 0);
        addingLower[entry] = lo;
        addingUpper[entry] = hi;
        model.setBounds(y, lo, Math.max(lo, hi));
        if (u <= 0) {
            model.setBounds(y, 0, 0);
        } else if (l >= 0) {
            model.addRow(new int[] {y, z}, new double[] {1, -1}, 0, 0);
        } else {
            model.addRow(new int[] {y, z}, new double[] {1, -1}, 0, Double.POSITIVE_INFINITY);
            double[] chord = ReluLines.chord(l, u); // the intercept rounded so that the row holds exactly
            model.addRow(new int[] {y, z}, new double[] {1, -chord[0]}, Double.NEGATIVE_INFINITY, chord[1]);
        }
    }

    /**
     * Minimises and maximises the entries of node j by LP and intersects the results with the bounds
     * already known. With {@code forRelu}, entries the known bounds prove stable are skipped, and when
     * {@code stopAtStable} is also set, an entry whose first LP bound already proves it stable skips the
     * second solve (its other bound stays the known one). Failed solves keep the known bound, with a note.
     */
    public void tighten(int j, boolean forRelu, boolean stopAtStable) {
        setBounds(j, tightening.tighten(j, varsOf(j), current[j], forRelu, stopAtStable));
    }

    /**
     * LP minimum and maximum of entry i of node j (sound); on solver failure the fall-back bound of
     * that entry, with a note.
     */
    public double[] optimiseEntry(int j, int i) {
        Bounds known = current[j] != null ? current[j] : fallback[j];
        return tightening.optimiseEntry(j, varsOf(j), i, known);
    }

    @Override
    public void close() {
        model.close();
    }
}
