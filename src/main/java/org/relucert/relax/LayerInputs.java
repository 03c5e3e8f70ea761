package org.relucert.relax;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.relucert.bounds.Bounds;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * The coupled set and the group of a {@code multi}/{@code layer} hull over a box: the group's
 * pre-activations as affine functions of the layer's inputs. When the ReLU's source is linear, its own
 * rows ({@link LinearRows}) give them over the source's sources (all of them: the layer's inputs, e.g. the
 * sources of an affine, conv or residual-sum node); otherwise (the input, or a ReLU) the pre-activation
 * itself is the coupled variable. Only the inputs some neuron of the group uses are coupled: over a box the
 * hull of the graph is the product of the hull over the used inputs with the box of the others. An input
 * that appears twice (a node read twice) is one coupled variable.
 */
final class LayerInputs {

    private LayerInputs() {
    }

    /** The set and group for the hull of neurons {@code group} of ReLU node j. */
    static DisjunctiveHull.Hull of(NetworkLp enc, int j, LinearRows.Row[] rows, int[] group) {
        Network net = enc.network();
        Relu relu = net.relu(j);
        int[] from = rows == null ? new int[] {relu.source()} : net.node(relu.source()).from();
        LinearRows.Row[] g = new LinearRows.Row[group.length];
        for (int t = 0; t < group.length; t++) {
            g[t] = rows == null ? new LinearRows.Row(new int[] {group[t]}, new double[] {1}, 0) : rows[group[t]];
        }
        TreeSet<Integer> used = new TreeSet<>();
        for (LinearRows.Row r : g) {
            for (int k = 0; k < r.cols().length; k++) {
                if (r.coefs()[k] != 0) {
                    used.add(r.cols()[k]);
                }
            }
        }
        int[] vars = enc.concatSources(from);
        double[][] box = concatBounds(enc, from, vars.length);
        Map<Integer, Integer> column = new HashMap<>();
        List<Integer> coupled = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int p : used) {
            if (column.putIfAbsent(vars[p], coupled.size()) == null) {
                coupled.add(vars[p]);
                positions.add(p);
            }
        }
        int n = coupled.size();
        double[] lo = new double[n];
        double[] hi = new double[n];
        int[] v = new int[n];
        for (int c = 0; c < n; c++) {
            v[c] = coupled.get(c);
            lo[c] = box[0][positions.get(c)];
            hi[c] = box[1][positions.get(c)];
        }
        double[][] w = new double[group.length][n];
        double[] b = new double[group.length];
        int[] out = new int[group.length];
        for (int t = 0; t < group.length; t++) {
            LinearRows.Row r = g[t];
            for (int k = 0; k < r.cols().length; k++) {
                if (r.coefs()[k] != 0) {
                    w[t][column.get(vars[r.cols()[k]])] += r.coefs()[k];
                }
            }
            b[t] = r.constant();
            out[t] = enc.varsOf(j)[group[t]];
        }
        return new DisjunctiveHull.Hull(new DisjunctiveHull.CoupledSet(v, lo, hi, List.of()),
                new DisjunctiveHull.Group(w, b, out));
    }

    /** Current lower and upper bounds of the concatenated nodes. */
    private static double[][] concatBounds(NetworkLp enc, int[] from, int width) {
        double[] lo = new double[width];
        double[] hi = new double[width];
        int at = 0;
        for (int f : from) {
            Bounds b = enc.boundsOf(f);
            System.arraycopy(b.lower(), 0, lo, at, b.size());
            System.arraycopy(b.upper(), 0, hi, at, b.size());
            at += b.size();
        }
        return new double[][] {lo, hi};
    }
}
