package org.relucert.relax;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relucert.InvalidInputException;
import org.relucert.lp.LinearProgram;
import org.relucert.net.LinearSink;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * The hull set {@code reach}: the hull of a group of ReLUs jointly with the coupled variables, taken over
 * the <em>exact</em> reachable set of those variables (not over a box or the relaxed LP polytope).
 *
 * <p>Before ReLU node j, the reachable values of every earlier variable (input and nodes before j) form
 * the union over the activation regions of the earlier ReLU entries of one polytope each: the input box,
 * each linear node's own rows ({@link Node#encode}) and, per ReLU entry, y = z, z ≥ 0 (on) or y = 0,
 * z ≤ 0 (off). The regions are found depth-first with LP feasibility, a region dropped only when provably
 * empty ({@link LpModel#feasibility()}; entries whose current bounds fix their phase are not split); each region is split further by the group's patterns, and the hull of the
 * union of these pieces' graphs is added as one Balas formulation ({@link DisjunctiveHull#addPieces}) in
 * which only the coupled variables and the group's outputs are tied to the main model. Every piece is an
 * exact description (the variable boxes are sound bounds, so they cut off no reachable point), hence the
 * hull is exactly conv{(v(x), y_G(x)) : x in X}.
 *
 * <p>Above {@link #maxRegions()} regions (system property {@code relucert.reach.maxRegions}, default
 * {@value #DEFAULT_MAX_REGIONS}) the domain refuses with an {@link InvalidInputException}.
 */
final class ReachableHull {

    /** Default limit on the activation regions of the earlier layers. */
    static final int DEFAULT_MAX_REGIONS = 4096;
    /** System property overriding {@link #DEFAULT_MAX_REGIONS}. */
    static final String MAX_REGIONS_PROPERTY = "relucert.reach.maxRegions";

    private ReachableHull() {
    }

    /** The region limit: the system property if set to a positive integer, else the default. */
    static int maxRegions() {
        String s = System.getProperty(MAX_REGIONS_PROPERTY);
        if (s == null || s.isBlank()) {
            return DEFAULT_MAX_REGIONS;
        }
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("system property " + MAX_REGIONS_PROPERTY + " must be a positive integer, got '" + s + "'");
    }

    /**
     * Adds the hull of neurons {@code group} of ReLU node j over the exact reachable set, coupled with the
     * main-model variables {@code linkedVars}.
     *
     * @throws InvalidInputException above the region or pattern limit
     */
    static void add(NetworkLp enc, int j, int[] group, int[] linkedVars, int maxPatterns, String where) {
        Network net = enc.network();
        LpModel m = enc.model();
        List<Integer> all = new ArrayList<>();
        for (int v : enc.varsOf(Network.INPUT)) {
            all.add(v);
        }
        for (int k = 0; k < j; k++) {
            for (int v : enc.varsOf(k)) {
                all.add(v);
            }
        }
        int n = all.size();
        int[] vars = new int[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        Map<Integer, Integer> col = new HashMap<>();
        for (int c = 0; c < n; c++) {
            vars[c] = all.get(c);
            lo[c] = m.lower(vars[c]);
            hi[c] = m.upper(vars[c]);
            col.put(vars[c], c);
        }
        List<LpModel.Row> linear = new ArrayList<>();
        List<int[]> relus = new ArrayList<>();
        for (int k = 0; k < j; k++) {
            record(net, enc, k, linear, relus);
        }
        int[] groupZ = new int[group.length];
        double[][] w = new double[group.length][n];
        int[] out = new int[group.length];
        int source = net.relu(j).source();
        for (int t = 0; t < group.length; t++) {
            groupZ[t] = enc.varsOf(source)[group[t]];
            w[t][col.get(groupZ[t])] = 1;
            out[t] = enc.varsOf(j)[group[t]];
        }
        boolean[] linked = new boolean[n];
        for (int v : linkedVars) {
            linked[col.get(v)] = true;
        }
        DisjunctiveHull.CoupledSet set = new DisjunctiveHull.CoupledSet(vars, lo, hi, List.copyOf(linear));
        List<DisjunctiveHull.Piece> pieces = new Search(set, relus, groupZ, maxRegions(), maxPatterns, where,
                net.nameOf(j)).run();
        DisjunctiveHull.addPieces(m, set, linked, new DisjunctiveHull.Group(w, new double[group.length], out), pieces);
    }

    /** Node k's own rows (equalities, main-model indices) and its ReLU entries as (z, y) pairs. */
    static void record(Network net, NetworkLp enc, int k, List<LpModel.Row> linear, List<int[]> relus) {
        Node node = net.node(k);
        int[] from = node.from();
        int[][] sources = new int[from.length][];
        for (int f = 0; f < from.length; f++) {
            sources[f] = enc.varsOf(from[f]);
        }
        node.encode(sources, enc.varsOf(k), new LinearSink() {
            @Override
            public void define(int y, int[] vs, double[] coefs, double constant) {
                int[] rv = java.util.Arrays.copyOf(vs, vs.length + 1);
                double[] rc = new double[vs.length + 1];
                for (int c = 0; c < vs.length; c++) {
                    rc[c] = -coefs[c];
                }
                rv[vs.length] = y;
                rc[vs.length] = 1;
                linear.add(new LpModel.Row(rv, rc, constant, constant));
            }

            @Override
            public void relu(int src, int entry, int z, int y) {
                relus.add(new int[] {z, y});
            }
        });
    }

    /** Depth-first search over the earlier ReLU entries (regions), then the group's neurons (patterns). */
    private static final class Search {
        private final DisjunctiveHull.CoupledSet set;
        private final List<int[]> relus;
        private final int[] groupZ;
        private final int maxRegions;
        private final int maxPatterns;
        private final String where;
        private final String node;
        private final LpModel lp = new LpModel();
        private final Map<Integer, Integer> local = new HashMap<>();
        private final int[][] phaseRows;
        private final int[] groupRows;
        private final boolean[] on;
        private final List<DisjunctiveHull.Piece> pieces = new ArrayList<>();
        private int regions;

        Search(DisjunctiveHull.CoupledSet set, List<int[]> relus, int[] groupZ, int maxRegions, int maxPatterns,
               String where, String node) {
            this.set = set;
            this.relus = relus;
            this.groupZ = groupZ;
            this.maxRegions = maxRegions;
            this.maxPatterns = maxPatterns;
            this.where = where;
            this.node = node;
            for (int c = 0; c < set.vars().length; c++) {
                local.put(set.vars()[c], lp.addVariable(set.lower()[c], set.upper()[c]));
            }
            for (LpModel.Row r : set.rows()) {
                lp.addRow(localVars(r.vars()), r.coefs(), r.lb(), r.ub());
            }
            phaseRows = new int[relus.size()][];
            double inf = Double.POSITIVE_INFINITY;
            for (int e = 0; e < relus.size(); e++) {
                int z = local.get(relus.get(e)[0]);
                int y = local.get(relus.get(e)[1]);
                phaseRows[e] = new int[] {
                    lp.addRow(new int[] {z}, new double[] {1}, -inf, inf),
                    lp.addRow(new int[] {y, z}, new double[] {1, -1}, -inf, inf),
                    lp.addRow(new int[] {y}, new double[] {1}, -inf, inf)};
            }
            groupRows = new int[groupZ.length];
            for (int t = 0; t < groupZ.length; t++) {
                groupRows[t] = lp.addRow(new int[] {local.get(groupZ[t])}, new double[] {1}, -inf, inf);
            }
            on = new boolean[relus.size()];
        }

        List<DisjunctiveHull.Piece> run() {
            try {
                regionStep(0);
                return pieces;
            } finally {
                lp.close();
            }
        }

        private int[] localVars(int[] vs) {
            int[] out = new int[vs.length];
            for (int t = 0; t < vs.length; t++) {
                out[t] = local.get(vs[t]);
            }
            return out;
        }

        private void regionStep(int e) {
            if (e == relus.size()) {
                if (++regions > maxRegions) {
                    throw new InvalidInputException("hull set 'reach' at node '" + node + "': the earlier layers have more than "
                            + maxRegions + " activation regions; raise the limit with -D" + MAX_REGIONS_PROPERTY
                            + "=N or use the hull set 'exact' (the relaxed polytope)");
                }
                patternStep(0, new boolean[groupZ.length], regionRows());
                return;
            }
            int z = local.get(relus.get(e)[0]);
            double l = set.lower()[z];
            double u = set.upper()[z];
            boolean stable = l >= 0 || u <= 0;
            for (boolean active : new boolean[] {true, false}) {
                if (stable && active != (l >= 0)) {
                    continue;
                }
                setPhase(e, active);
                if (stable || lp.feasibility() != LinearProgram.Status.INFEASIBLE) {
                    on[e] = active;
                    regionStep(e + 1);
                }
            }
            double inf = Double.POSITIVE_INFINITY;
            for (int r : phaseRows[e]) {
                lp.setRowBounds(r, -inf, inf);
            }
        }

        private void setPhase(int e, boolean active) {
            double inf = Double.POSITIVE_INFINITY;
            int[] r = phaseRows[e];
            lp.setRowBounds(r[0], active ? 0 : -inf, active ? inf : 0);
            lp.setRowBounds(r[1], active ? 0 : -inf, active ? 0 : inf);
            lp.setRowBounds(r[2], active ? -inf : 0, active ? inf : 0);
        }

        /** The phase rows of the current region, over main-model variables. */
        private List<LpModel.Row> regionRows() {
            List<LpModel.Row> rows = new ArrayList<>();
            double inf = Double.POSITIVE_INFINITY;
            for (int e = 0; e < relus.size(); e++) {
                int z = relus.get(e)[0];
                int y = relus.get(e)[1];
                if (on[e]) {
                    rows.add(new LpModel.Row(new int[] {z}, new double[] {1}, 0, inf));
                    rows.add(new LpModel.Row(new int[] {y, z}, new double[] {1, -1}, 0, 0));
                } else {
                    rows.add(new LpModel.Row(new int[] {z}, new double[] {1}, -inf, 0));
                    rows.add(new LpModel.Row(new int[] {y}, new double[] {1}, 0, 0));
                }
            }
            return rows;
        }

        private void patternStep(int t, boolean[] pattern, List<LpModel.Row> rows) {
            if (t == groupZ.length) {
                pieces.add(new DisjunctiveHull.Piece(rows, pattern.clone()));
                if (pieces.size() > maxPatterns) {
                    throw new InvalidInputException("the hull of " + where + " over the reachable set needs more than "
                            + maxPatterns + " pieces (regions x patterns); use a smaller group size or raise the limit with ':patterns=N'");
                }
                return;
            }
            double inf = Double.POSITIVE_INFINITY;
            for (boolean active : new boolean[] {true, false}) {
                lp.setRowBounds(groupRows[t], active ? 0 : -inf, active ? inf : 0);
                if (lp.feasibility() != LinearProgram.Status.INFEASIBLE) {
                    pattern[t] = active;
                    patternStep(t + 1, pattern, rows);
                }
            }
            lp.setRowBounds(groupRows[t], -inf, inf);
        }
    }
}
