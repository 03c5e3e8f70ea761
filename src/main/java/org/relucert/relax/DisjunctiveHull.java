package org.relucert.relax;

import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.lp.LinearProgram;

/**
 * The exact convex hull of the graph of a group of ReLUs over a polytope, added to an LP as a
 * disjunctive (Balas) extended formulation.
 *
 * <p>The set: {@code S = {v in P}} over coupled variables v, where P is a box on v, optionally cut by
 * rows (a polytope). Each group neuron i has pre-activation {@code z_i = w_i . v + b_i} and output
 * {@code y_i}. The graph {@code {(v, y) : v in S, y_i = max(0, z_i)}} is the union over activation patterns
 * s of the polytopes {@code P_s = {v in S : z_i >= 0 (s_i on), z_i <= 0 (off)}} with y affine on each. Its
 * hull is the projection of: one copy (v^s, lambda_s) per non-empty pattern with v^s in lambda_s·P_s,
 * v = sum v^s, sum lambda_s = 1, lambda >= 0 and y_i = sum over s with s_i on of (w_i . v^s + b_i lambda_s).
 * Empty patterns are found by LP feasibility on P (depth-first over the neurons) and dropped only when
 * provably empty ({@link LpModel#feasibility()}: never on the solver's "infeasible" alone).
 */
public final class DisjunctiveHull {

    /**
     * The coupled set: variables of the main model with a box, and optional rows over main-model
     * variable indices (all of which must be among {@code vars}).
     */
    public record CoupledSet(int[] vars, double[] lower, double[] upper, List<LpModel.Row> rows) {
    }

    /**
     * The group: for neuron i, {@code z_i = weights[i] . v + bias[i]} (weights over the coupled vars in
     * order) and its output variable {@code outputs[i]} in the main model.
     */
    public record Group(double[][] weights, double[] bias, int[] outputs) {
    }

    /** A coupled set with the group whose hull is taken over it. */
    public record Hull(CoupledSet set, Group group) {
    }

    private DisjunctiveHull() {
    }

    /**
     * Non-empty activation patterns of the group over the set (true = active); a pattern whose
     * feasibility LP fails, or that the solver calls infeasible without a proof, is kept (keeping an empty
     * pattern is harmless).
     *
     * @throws InvalidInputException when more than {@code maxPatterns} patterns are non-empty
     */
    public static List<boolean[]> patterns(CoupledSet set, Group group, int maxPatterns, String where) {
        int n = set.vars().length;
        int g = group.outputs().length;
        try (LpModel m = new LpModel()) {
            int[] local = new int[n];
            java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
            for (int c = 0; c < n; c++) {
                local[c] = m.addVariable(set.lower()[c], set.upper()[c]);
                index.put(set.vars()[c], local[c]);
            }
            for (LpModel.Row r : set.rows()) {
                int[] v = new int[r.vars().length];
                for (int t = 0; t < v.length; t++) {
                    v[t] = index.get(r.vars()[t]);
                }
                m.addRow(v, r.coefs(), r.lb(), r.ub());
            }
            int[] sign = new int[g];
            for (int i = 0; i < g; i++) {
                sign[i] = m.addRow(local, group.weights()[i], Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            List<boolean[]> out = new ArrayList<>();
            search(m, sign, group.bias(), 0, new boolean[g], out, maxPatterns, where);
            return out;
        }
    }

    private static void search(LpModel m, int[] sign, double[] bias, int k, boolean[] pattern,
                               List<boolean[]> out, int max, String where) {
        if (k == sign.length) {
            out.add(pattern.clone());
            if (out.size() > max) {
                throw new InvalidInputException("the hull of " + where + " needs more than " + max
                        + " activation patterns; use a smaller group size or raise the limit with ':patterns=N'");
            }
            return;
        }
        for (boolean active : new boolean[] {true, false}) {
            if (active) {
                m.setRowBounds(sign[k], -bias[k], Double.POSITIVE_INFINITY);
            } else {
                m.setRowBounds(sign[k], Double.NEGATIVE_INFINITY, -bias[k]);
            }
            if (m.feasibility() != LinearProgram.Status.INFEASIBLE) {
                pattern[k] = active;
                search(m, sign, bias, k + 1, pattern, out, max, where);
            }
        }
        m.setRowBounds(sign[k], Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * One disjunct of a union: rows on the coupled variables added to the set's own (main-model indices,
     * as the set's rows) and the group's activation pattern on it (true = active).
     */
    record Piece(List<LpModel.Row> rows, boolean[] pattern) {
    }

    /**
     * Adds the extended formulation of the hull to {@code model}; returns the number of patterns used.
     *
     * @throws InvalidInputException when the hull needs more than {@code maxPatterns} patterns
     */
    public static int add(LpModel model, CoupledSet set, Group group, int maxPatterns, String where) {
        List<Piece> pieces = new ArrayList<>();
        for (boolean[] s : patterns(set, group, maxPatterns, where)) {
            pieces.add(new Piece(List.of(), s));
        }
        boolean[] linked = new boolean[set.vars().length];
        java.util.Arrays.fill(linked, true);
        addPieces(model, set, linked, group, pieces);
        return pieces.size();
    }

    /**
     * Adds the hull of the union of the pieces' graphs: piece s is {v in the set, v satisfies its rows, the
     * group's pre-activations have the signs of its pattern}, with y affine on it. Only the coupled variables
     * with {@code linked[c]} are tied to the main model (v_c = sum of the copies); the others are internal, so
     * the result is the hull projected onto the linked variables and the outputs.
     */
    static void addPieces(LpModel model, CoupledSet set, boolean[] linked, Group group, List<Piece> pieces) {
        int n = set.vars().length;
        int g = group.outputs().length;
        java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
        for (int c = 0; c < n; c++) {
            position.put(set.vars()[c], c);
        }
        int p = pieces.size();
        int[][] copy = new int[p][n];
        int[] lambda = new int[p];
        for (int s = 0; s < p; s++) {
            lambda[s] = model.addVariable(0, 1);
            for (int c = 0; c < n; c++) {
                copy[s][c] = model.addVariable(Math.min(0, set.lower()[c]), Math.max(0, set.upper()[c]));
                // lambda*L <= v^s <= lambda*U
                model.addRow(new int[] {copy[s][c], lambda[s]}, new double[] {1, -set.lower()[c]}, 0, Double.POSITIVE_INFINITY);
                model.addRow(new int[] {copy[s][c], lambda[s]}, new double[] {1, -set.upper()[c]}, Double.NEGATIVE_INFINITY, 0);
            }
            for (LpModel.Row r : set.rows()) {
                addHomogenised(model, r, copy[s], lambda[s], position);
            }
            for (LpModel.Row r : pieces.get(s).rows()) {
                addHomogenised(model, r, copy[s], lambda[s], position);
            }
            for (int i = 0; i < g; i++) {
                int[] v = append(copy[s], lambda[s]);
                double[] a = append(group.weights()[i], group.bias()[i]);
                if (pieces.get(s).pattern()[i]) {
                    model.addRow(v, a, 0, Double.POSITIVE_INFINITY);
                } else {
                    model.addRow(v, a, Double.NEGATIVE_INFINITY, 0);
                }
            }
        }
        for (int c = 0; c < n; c++) {
            if (!linked[c]) {
                continue;
            }
            int[] v = new int[p + 1];
            double[] a = new double[p + 1];
            for (int s = 0; s < p; s++) {
                v[s] = copy[s][c];
                a[s] = -1;
            }
            v[p] = set.vars()[c];
            a[p] = 1;
            model.addRow(v, a, 0, 0);
        }
        double[] ones = new double[p];
        java.util.Arrays.fill(ones, 1);
        model.addRow(lambda, ones, 1, 1);
        for (int i = 0; i < g; i++) {
            List<Integer> vs = new ArrayList<>();
            List<Double> as = new ArrayList<>();
            vs.add(group.outputs()[i]);
            as.add(1.0);
            for (int s = 0; s < p; s++) {
                if (!pieces.get(s).pattern()[i]) {
                    continue;
                }
                for (int c = 0; c < n; c++) {
                    double w = group.weights()[i][c];
                    if (w != 0) {
                        vs.add(copy[s][c]);
                        as.add(-w);
                    }
                }
                vs.add(lambda[s]);
                as.add(-group.bias()[i]);
            }
            model.addRow(vs.stream().mapToInt(Integer::intValue).toArray(),
                    as.stream().mapToDouble(Double::doubleValue).toArray(), 0, 0);
        }
    }

    /** lb*lambda <= a . v^s <= ub*lambda for one row of the set. */
    private static void addHomogenised(LpModel model, LpModel.Row r, int[] copy, int lambda,
                                       java.util.Map<Integer, Integer> position) {
        int[] v = new int[r.vars().length + 1];
        double[] a = new double[v.length];
        for (int t = 0; t < r.vars().length; t++) {
            v[t] = copy[position.get(r.vars()[t])];
            a[t] = r.coefs()[t];
        }
        v[v.length - 1] = lambda;
        if (r.lb() == r.ub()) {
            a[a.length - 1] = -r.lb();
            model.addRow(v, a, 0, 0);
            return;
        }
        if (Double.isFinite(r.lb())) {
            a[a.length - 1] = -r.lb();
            model.addRow(v, a.clone(), 0, Double.POSITIVE_INFINITY);
        }
        if (Double.isFinite(r.ub())) {
            a[a.length - 1] = -r.ub();
            model.addRow(v, a.clone(), Double.NEGATIVE_INFINITY, 0);
        }
    }

    private static int[] append(int[] a, int x) {
        int[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = x;
        return out;
    }

    private static double[] append(double[] a, double x) {
        double[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = x;
        return out;
    }
}
