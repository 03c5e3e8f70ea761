package org.relucert.relax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * The LP encoding of one network over one box, built once and re-solved per objective.
 *
 * <p>Variables: the input (bounded by the box) and every entry of every node. Affine nodes are
 * equalities; a ReLU entry with pre-activation bounds [l, u] is y = 0 (u <= 0), y = z (l >= 0) or the
 * triangle y >= 0, y >= z, y <= u(z - l)/(u - l). Every variable is boxed by the best sound bounds known
 * when it is added (IBP intersected with DeepPoly-area), which the LP implies anyway; the boxes make
 * the dual-based safe bounds of {@link LpModel} possible.
 *
 * <p>Nodes are added one at a time in topological order ({@link #addNode}); {@link #tighten} then
 * minimises and maximises entries of the node just added. A failed solve keeps the bound already known
 * for that entry and records a note.
 */
public final class NetworkLp implements AutoCloseable {

    private final Network net;
    private final Box box;
    /** Fewest entries of one node worth tightening on several solver instances at once. */
    static final int PARALLEL_MIN_ENTRIES = 16;

    private final LpModel model;
    private final int[] inputVars;
    private final int[][] vars;
    private final Bounds[] current;
    private final Bounds[] fallback;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    /** Starts an encoding with only the input variables, on one solver instance. */
    public NetworkLp(Network net, Box box) {
        this(net, box, 1);
    }

    /**
     * Starts an encoding with only the input variables; {@link #tighten} solves the entries of a node on
     * {@code workers} solver instances in parallel when there are at least {@value #PARALLEL_MIN_ENTRIES}.
     */
    public NetworkLp(Network net, Box box, int workers) {
        this.model = new LpModel(workers);
        this.net = net;
        this.box = box;
        int n = net.nodes().size();
        this.vars = new int[n][];
        this.current = new Bounds[n];
        this.fallback = knownBounds(net, box);
        this.inputVars = new int[net.inputSize()];
        for (int i = 0; i < inputVars.length; i++) {
            inputVars[i] = model.addVariable(box.lower()[i], box.upper()[i]);
        }
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

    /** The network. */
    public Network network() {
        return net;
    }

    /** LP variable indices of node j's entries ({@link Network#INPUT} for the input). */
    public int[] varsOf(int j) {
        return j == Network.INPUT ? inputVars : vars[j];
    }

    /** Current sound bounds of node j (the box for the input). */
    public Bounds boundsOf(int j) {
        return j == Network.INPUT ? new Bounds(box.lower(), box.upper()) : current[j];
    }

    /** The sound IBP/DeepPoly bounds of node j. */
    public Bounds fallbackOf(int j) {
        return fallback[j];
    }

    /** All current bounds (index j holds node j; null for nodes not yet added). */
    public Bounds[] bounds() {
        return current.clone();
    }

    /** Notes such as solver fall-backs. */
    public List<String> notes() {
        return notes;
    }

    /** Adds a note. */
    public void note(String s) {
        notes.add(s);
    }

    /** Sets node j's bounds to {@code b} (must be sound) and tightens its variables' boxes. */
    public void setBounds(int j, Bounds b) {
        current[j] = b;
        for (int i = 0; i < b.size(); i++) {
            model.setBounds(vars[j][i], b.lower()[i], Math.max(b.lower()[i], b.upper()[i]));
        }
    }

    /** Adds node j's variables and constraints; a ReLU node uses the current bounds of its source. */
    public void addNode(int j) {
        Node node = net.node(j);
        if (node instanceof Affine a) {
            addAffine(j, a);
        } else if (node instanceof Relu r) {
            addRelu(j, r);
        }
    }

    private void addAffine(int j, Affine a) {
        Bounds f = fallback[j];
        int size = a.size();
        vars[j] = new int[size];
        current[j] = f;
        for (int i = 0; i < size; i++) {
            // A point box can leave lower one rounding step above upper; order them (still sound).
            double l = Math.min(f.lower()[i], f.upper()[i]);
            vars[j][i] = model.addVariable(l, Math.max(f.lower()[i], f.upper()[i]));
        }
        int[] cols = concatSources(a.from());
        int width = cols.length;
        for (int i = 0; i < size; i++) {
            int[] rv = new int[width + 1];
            double[] rc = new double[width + 1];
            for (int c = 0; c < width; c++) {
                rv[c] = cols[c];
                rc[c] = -a.weight(i, c);
            }
            rv[width] = vars[j][i];
            rc[width] = 1.0;
            model.addRow(rv, rc, a.bias()[i], a.bias()[i]);
        }
    }

    /** Variables of the concatenated sources, in the column order of an affine node. */
    public int[] concatSources(int[] from) {
        int width = 0;
        for (int f : from) {
            width += net.sizeOf(f);
        }
        int[] cols = new int[width];
        int at = 0;
        for (int f : from) {
            int[] v = varsOf(f);
            System.arraycopy(v, 0, cols, at, v.length);
            at += v.length;
        }
        return cols;
    }

    private void addRelu(int j, Relu r) {
        Bounds src = boundsOf(r.source());
        int[] z = varsOf(r.source());
        int size = r.size();
        double[] lo = new double[size];
        double[] hi = new double[size];
        vars[j] = new int[size];
        for (int i = 0; i < size; i++) {
            double l = src.lower()[i];
            double u = src.upper()[i];
            lo[i] = Math.max(l, 0);
            hi[i] = Math.max(u, 0);
            int y = model.addVariable(lo[i], Math.max(lo[i], hi[i]));
            vars[j][i] = y;
            if (u <= 0) {
                model.setBounds(y, 0, 0);
            } else if (l >= 0) {
                model.addRow(new int[] {y, z[i]}, new double[] {1, -1}, 0, 0);
            } else {
                model.addRow(new int[] {y, z[i]}, new double[] {1, -1}, 0, Double.POSITIVE_INFINITY);
                double slope = u / (u - l);
                model.addRow(new int[] {y, z[i]}, new double[] {1, -slope}, Double.NEGATIVE_INFINITY, -slope * l);
            }
        }
        current[j] = new Bounds(lo, hi);
    }

    /**
     * Minimises and maximises the entries of node j by LP and intersects the results with the bounds
     * already known. With {@code forRelu}, entries the known bounds prove stable are skipped, and when
     * {@code stopAtStable} is also set, an entry whose first LP bound already proves it stable skips the
     * second solve (its other bound stays the known one). Failed solves keep the known bound, with a note.
     */
    public void tighten(int j, boolean forRelu, boolean stopAtStable) {
        Bounds b = current[j];
        double[] lo = b.lower().clone();
        double[] hi = b.upper().clone();
        int[] todo = new int[lo.length];
        int count = 0;
        for (int i = 0; i < lo.length; i++) {
            if (!(forRelu && (lo[i] >= 0 || hi[i] <= 0))) {
                todo[count++] = i;
            }
        }
        int workers = count >= PARALLEL_MIN_ENTRIES ? model.workers() : 1;
        AtomicInteger next = new AtomicInteger();
        Runnable[] tasks = new Runnable[workers];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            int total = count;
            tasks[w] = () -> {
                for (int k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
                    tightenEntry(worker, j, todo[k], lo, hi, forRelu && stopAtStable);
                }
            };
        }
        runAll(tasks);
        setBounds(j, new Bounds(lo, hi));
    }

    /** Runs the tasks, the first on this thread and the others on threads of their own; rethrows a failure. */
    private static void runAll(Runnable[] tasks) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread[] threads = new Thread[tasks.length - 1];
        for (int t = 0; t < threads.length; t++) {
            Runnable task = tasks[t + 1];
            threads[t] = new Thread(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "lp-worker-" + (t + 1));
            threads[t].start();
        }
        try {
            tasks[0].run();
        } finally {
            boolean interrupted = false;
            for (Thread t : threads) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** One entry of {@link #tighten}: solves the more promising side first; writes lo[i] and hi[i]. */
    private void tightenEntry(int worker, int j, int i, double[] lo, double[] hi, boolean stopAtStable) {
        boolean lowerFirst = hi[i] > -lo[i];
        double first = lowerFirst ? bound(worker, j, i, false) : bound(worker, j, i, true);
        if (lowerFirst) {
            lo[i] = Math.max(lo[i], first);
        } else {
            hi[i] = Math.min(hi[i], first);
        }
        boolean stable = lo[i] >= 0 || hi[i] <= 0;
        if (!(stopAtStable && stable)) {
            if (lowerFirst) {
                hi[i] = Math.min(hi[i], bound(worker, j, i, true));
            } else {
                lo[i] = Math.max(lo[i], bound(worker, j, i, false));
            }
        }
        if (lo[i] > hi[i]) {
            // Only rounding can cause this (both sides are sound): keep the hull of both ends.
            double a = lo[i];
            lo[i] = hi[i];
            hi[i] = a;
        }
    }

    private double bound(int worker, int j, int i, boolean upper) {
        LpModel.Outcome o = model.optimise(worker, new int[] {vars[j][i]}, new double[] {1}, 0, upper);
        return o.ok() ? o.bound() : fallback(j, i, !upper, o);
    }

    /**
     * LP minimum and maximum of entry i of node j (sound); on solver failure the fall-back bound of
     * that entry, with a note.
     */
    public double[] optimiseEntry(int j, int i) {
        int[] v = {vars[j][i]};
        double[] one = {1.0};
        LpModel.Outcome min = model.minimise(v, one, 0);
        LpModel.Outcome max = model.maximise(v, one, 0);
        double lo = min.ok() ? min.bound() : fallback(j, i, true, min);
        double hi = max.ok() ? max.bound() : fallback(j, i, false, max);
        return new double[] {lo, hi};
    }

    private double fallback(int j, int i, boolean lower, LpModel.Outcome o) {
        double v = lower ? fallback[j].lower()[i] : fallback[j].upper()[i];
        notes.add("LP " + (lower ? "min" : "max") + " of " + net.nameOf(j) + "[" + i + "] ended " + o.status()
                + "; kept the IBP/DeepPoly bound " + v);
        return v;
    }

    @Override
    public void close() {
        model.close();
    }
}
