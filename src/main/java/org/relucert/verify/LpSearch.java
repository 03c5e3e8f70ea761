package org.relucert.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.relax.LpLimits;
import org.relucert.relax.LpModel;
import org.relucert.relax.NetworkLp;
import org.relucert.relax.NetworkTooLargeException;
import org.relucert.spec.Property;

/**
 * Complete search on one case of a small network by branch and bound over ReLU phases on one triangle LP
 * ({@link NetworkLp}): the LP minimises t subject to c_k·y - d_k &lt;= t for every row of the case, so its
 * minimum is a lower bound of the case margin max_k (c_k·y - d_k). A node fixes the phases of some unstable
 * neurons (inactive: z &lt;= 0 and y = 0; active: z &gt;= 0 and y &lt;= z, which with the triangle's y &gt;= z makes
 * y = z) by changing variable boxes and one row prepared per neuron, so that GLOP re-solves each node warm from
 * the last basis. A node is closed when its sound LP bound ({@link LpModel}'s safe bound from the duals) is
 * above 0 or its LP is provably empty; otherwise it branches on the unfixed neuron whose LP point lies
 * furthest above the ReLU (y - max(z, 0)), which phase the point favours first. Where the LP point lies on
 * the ReLU at every neuron, its input is a candidate counterexample, checked by the exact forward pass.
 *
 * <p>The LP couples all neurons through the input, so a fixed phase tightens every later neuron's relaxation
 * at once, which bounds propagated with fixed intermediate bounds do not do: on reach_prob_density's gcas_0
 * (64 ReLUs over 14 inputs), which input splitting left 74% decided after 600 s on two threads, it proves
 * unsat after 54,233 nodes in 98 s beside one branch-and-bound thread. On vdp and robot, where input
 * splitting is fast, it closes almost no node, and {@link BranchAndBound} gives its thread back.
 */
final class LpSearch {
    /** Networks with more ReLUs than this are not searched this way (the LP per node gets too slow). */
    static final int MAX_RELUS = 256;

    /** How a search ended: UNSAT, SAT (with the counterexample), or null when undecided. */
    record Outcome(Verdict.Kind kind, double[] x, double provedBound, long nodes, String note) {
    }

    private final Network net;
    private final Falsifier falsifier;
    /** The search under way, for {@link #decidedShare}. */
    private volatile Search current;
    /** Cases decided so far by {@link #run}. */
    private volatile int casesDone;

    LpSearch(Network net, Falsifier falsifier) {
        this.net = net;
        this.falsifier = falsifier;
    }

    /**
     * Searches the given cases one after the other, each over its root bounds tightened by LP
     * ({@link IntermediateLp}), until {@code deadline} or {@code stop}: a counterexample is reported to
     * {@code search}; when every case is decided unsat, {@code search} is settled with unsat and the smallest
     * bound proved, that of the other cases, which their roots refuted, being {@code decidedAtRoot}. Anything
     * undecided ends this search silently (branch and bound goes on).
     */
    void run(List<Property.Case> cases, List<Bounds[]> rootBounds, double decidedAtRoot, SearchQueue search,
             Deadline deadline, BooleanSupplier stop) {
        double proved = decidedAtRoot;
        long nodes = 0;
        Box tightBox = null;
        Bounds[] b = null;
        for (int k = 0; k < cases.size(); k++) {
            Property.Case cs = cases.get(k);
            if (!cs.input().equals(tightBox)) {
                // the cases of a disjunction on one box share its tightened bounds (they do not depend on the rows)
                tightBox = cs.input();
                b = new IntermediateLp(net).tighten(tightBox, rootBounds.get(k), net.nodes().size(), 1, deadline)
                        .bounds();
            }
            Outcome o = decide(cs, b, deadline, stop);
            if (o == null || o.kind() == null) {
                return;
            }
            nodes += o.nodes();
            if (o.kind() == Verdict.Kind.SAT) {
                search.report(falsifier.evaluate(cs, o.x()), "falsified by the LP search over ReLU phases");
                return;
            }
            proved = Math.min(proved, o.provedBound());
            casesDone++;
        }
        search.settle(proved, "verified by the LP search over ReLU phases (" + nodes + " LP nodes), beside branch"
                + " and bound");
    }

    /** Share of the boxes of the cases {@link #run} searches that it has decided so far. */
    double decidedShare(int cases) {
        Search s = current;
        return (casesDone + (s == null ? 0 : s.decided)) / cases;
    }

    /** One neuron that can be fixed: its variables, its prepared row, and its boxes before any fixing. */
    private record Neuron(int z, int y, int row, double zLo, double zHi, double yHi) {
    }

    private final class Search {
        final LpModel model;
        final Property.Case cs;
        final List<Neuron> neurons;
        final int[] input;
        final int t;
        final boolean[] fixed;
        final Deadline deadline;
        final BooleanSupplier stop;
        long nodes;
        /** Share of the case's box decided so far: 2^-depth per closed node. */
        volatile double decided;
        double proved = Double.POSITIVE_INFINITY;
        double[] counterexample;
        String undecided;

        Search(LpModel model, Property.Case cs, List<Neuron> neurons, int[] input, int t, Deadline deadline,
               BooleanSupplier stop) {
            this.stop = stop;
            this.model = model;
            this.cs = cs;
            this.neurons = neurons;
            this.input = input;
            this.t = t;
            this.fixed = new boolean[neurons.size()];
            this.deadline = deadline;
        }

        /** Searches below the current fixings; false when the search must stop (found, undecided, time). */
        boolean node(double weight) {
            nodes++;
            if (deadline.expired() || stop.getAsBoolean()) {
                undecided = "time limit";
                return false;
            }
            LpModel.Outcome o = model.minimise(new int[] {t}, new double[] {1}, 0);
            if (!o.ok()) {
                if (o.status() == LinearProgram.Status.INFEASIBLE) {
                    // no input of the box has these phases (t's box holds every margin): nothing to bound
                    decided += weight;
                    return true;
                }
                undecided = o.status() == LinearProgram.Status.TIME_LIMIT ? "time limit" : "LP failed: " + o.status();
                return false;
            }
            if (o.bound() > 0) {
                proved = Math.min(proved, o.bound());
                decided += weight;
                return true;
            }
            double[] v = o.values();
            int best = -1;
            double gap = 1e-9;
            for (int k = 0; k < neurons.size(); k++) {
                if (fixed[k]) {
                    continue;
                }
                Neuron n = neurons.get(k);
                double g = v[n.y()] - Math.max(v[n.z()], 0);
                if (g > gap) {
                    gap = g;
                    best = k;
                }
            }
            if (best < 0) {
                double[] x = new double[input.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.min(cs.input().upper()[i], Math.max(cs.input().lower()[i], v[input[i]]));
                }
                Falsifier.Point p = falsifier.evaluate(cs, x);
                if (p.margin() <= 0) {
                    counterexample = p.x();
                    return false;
                }
                best = widestUnfixed();
                if (best < 0) {
                    undecided = "a node with every phase fixed whose LP point is no counterexample";
                    return false;
                }
            }
            Neuron n = neurons.get(best);
            fixed[best] = true;
            boolean activeFirst = v[n.z()] > 0;
            boolean go = true;
            for (int side = 0; side < 2 && go; side++) {
                fix(n, activeFirst == (side == 0));
                go = node(weight / 2);
                release(n);
            }
            fixed[best] = false;
            return go;
        }

        private int widestUnfixed() {
            int best = -1;
            double width = 0;
            for (int k = 0; k < neurons.size(); k++) {
                Neuron n = neurons.get(k);
                double w = Math.min(n.zHi(), -n.zLo());
                if (!fixed[k] && w > width) {
                    width = w;
                    best = k;
                }
            }
            return best;
        }

        private void fix(Neuron n, boolean active) {
            if (active) {
                model.setBounds(n.z(), 0, n.zHi());
                model.setRowBounds(n.row(), Double.NEGATIVE_INFINITY, 0);
            } else {
                model.setBounds(n.z(), n.zLo(), 0);
                model.setBounds(n.y(), 0, 0);
            }
        }

        private void release(Neuron n) {
            model.setBounds(n.z(), n.zLo(), n.zHi());
            model.setBounds(n.y(), 0, n.yHi());
            model.setRowBounds(n.row(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
    }

    /**
     * Decides case {@code cs} over sound bounds {@code bounds} of every node on its box until {@code deadline};
     * null when the network is too large for this search.
     */
    Outcome decide(Property.Case cs, Bounds[] bounds, Deadline deadline, BooleanSupplier stop) {
        if (net.reluCount() > MAX_RELUS || LpLimits.overflow(net, bounds, "LP") != null) {
            return null;
        }
        Box box = cs.input();
        try (NetworkLp enc = NetworkLp.over(net, box, 1, LpLimits.DEFAULT, bounds)) {
            LpModel model = enc.model();
            model.setDeadline(deadline);
            List<Neuron> neurons = new ArrayList<>();
            for (int j = 0; j < net.nodes().size(); j++) {
                enc.addNode(j);
                Relu relu = net.relu(j);
                if (relu == null) {
                    continue;
                }
                Bounds src = enc.boundsOf(relu.source());
                int[] zs = enc.varsOf(relu.source());
                int[] ys = enc.varsOf(j);
                for (int i = 0; i < relu.size(); i++) {
                    if (src.lower()[i] < 0 && src.upper()[i] > 0) {
                        int row = model.addRow(new int[] {ys[i], zs[i]}, new double[] {1, -1},
                                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
                        neurons.add(new Neuron(zs[i], ys[i], row, model.lower(zs[i]), model.upper(zs[i]),
                                model.upper(ys[i])));
                    }
                }
            }
            int[] out = enc.varsOf(net.output());
            Bounds ob = enc.boundsOf(net.output());
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double[][] c = cs.c();
            for (int k = 0; k < c.length; k++) {
                double rl = -cs.d()[k];
                double rh = -cs.d()[k];
                for (int i = 0; i < c[k].length; i++) {
                    rl += Math.min(c[k][i] * ob.lower()[i], c[k][i] * ob.upper()[i]);
                    rh += Math.max(c[k][i] * ob.lower()[i], c[k][i] * ob.upper()[i]);
                }
                lo = Math.min(lo, rl);
                hi = Math.max(hi, rh);
            }
            double pad = 1 + Math.abs(lo) + Math.abs(hi);
            int t = model.addVariable(lo - pad, hi + pad);
            for (int k = 0; k < c.length; k++) {
                int[] vars = new int[out.length + 1];
                double[] coefs = new double[out.length + 1];
                System.arraycopy(out, 0, vars, 0, out.length);
                System.arraycopy(c[k], 0, coefs, 0, out.length);
                vars[out.length] = t;
                coefs[out.length] = -1;
                model.addRow(vars, coefs, Double.NEGATIVE_INFINITY, cs.d()[k]);
            }
            Search s = new Search(model, cs, neurons, enc.varsOf(Network.INPUT), t, deadline, stop);
            current = s;
            boolean done = s.node(1.0);
            current = null;
            if (s.counterexample != null) {
                return new Outcome(Verdict.Kind.SAT, s.counterexample, Double.NEGATIVE_INFINITY, s.nodes, "LP search");
            }
            if (done) {
                return new Outcome(Verdict.Kind.UNSAT, null, s.proved, s.nodes, "LP search");
            }
            return new Outcome(null, null, Double.NEGATIVE_INFINITY, s.nodes, s.undecided);
        } catch (NetworkTooLargeException e) {
            return null;
        }
    }
}
