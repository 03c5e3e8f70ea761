package org.relucert.relax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * Multi-neuron relaxations: the triangle LP of {@link Triangle} (LP intermediate bounds) plus, after
 * every ReLU node, the exact convex hull ({@link DisjunctiveHull}) of each group of its unstable neurons
 * (grouped by {@link Grouping}), as described by a {@link HullSpec}:
 * <ul>
 * <li>{@code multi:K} (P2's M_K): the group's outputs jointly with the layer's inputs (all sources of the
 * linear node feeding the ReLU node, whose own rows give the pre-activations; the pre-activation itself
 * when the source is the input or a ReLU), over the box of those inputs' current bounds
 * ({@link LayerInputs});</li>
 * <li>{@code layer} (P2's P_1): the same with the whole layer as one group;</li>
 * <li>{@code krelu:K}: the group's outputs jointly with their own pre-activations, over the box of the
 * pre-activation bounds. Over a box the hull of independent ReLUs is the product of their triangles, so
 * {@code krelu:K} with the box hull set equals {@code triangle}; it differs only with {@code :exact}.</li>
 * </ul>
 * With the {@code exact} hull set, each hull is instead taken over the whole LP polytope built before
 * the ReLU node (every earlier variable is coupled and every earlier row is copied per pattern); with
 * {@code reach}, over the exact reachable set of the coupled variables ({@link ReachableHull}).
 * Neurons that are stable under the current bounds are exact already and belong to no group. The hull
 * constraints are added on top of the triangle constraints, so every such domain is inside
 * {@code triangle} given the same intermediate bounds.
 */
public final class MultiNeuron implements Relaxation {

    private final HullSpec spec;
    private final LpSettings settings;

    public MultiNeuron(HullSpec spec, LpSettings settings) {
        this.spec = spec;
        this.settings = settings;
    }

    public MultiNeuron(HullSpec spec) {
        this(spec, LpSettings.DEFAULT);
    }

    @Override
    public String name() {
        return spec.domainName();
    }

    /** The hull specification. */
    public HullSpec spec() {
        return spec;
    }

    @Override
    public Analysis analyse(Network net, Box box) {
        return analyse(net, box, Deadline.NONE);
    }

    @Override
    public Analysis analyse(Network net, Box box, Deadline deadline) {
        boolean overInputBox = spec.hullSet() == HullSpec.HullSet.BOX
                && spec.coupling() != HullSpec.Coupling.PRE_ACTIVATIONS;
        return LayerByLayer.run(name(), net, box, settings, new LayerByLayer.ReluHook() {
            @Override
            public void afterRelu(NetworkLp enc, int j, int snapshotVars, int snapshotRows) {
                addHulls(enc, j, snapshotVars, snapshotRows);
            }

            @Override
            public boolean boxOfStableNeuronsMatters() {
                return overInputBox;
            }
        }, deadline);
    }

    private void addHulls(NetworkLp enc, int j, int snapshotVars, int snapshotRows) {
        Network net = enc.network();
        Relu relu = net.relu(j);
        Bounds pre = enc.boundsOf(relu.source());
        List<Integer> unstable = new ArrayList<>();
        for (int i = 0; i < relu.size(); i++) {
            if (pre.lower()[i] < 0 && pre.upper()[i] > 0) {
                unstable.add(i);
            }
        }
        int[] ids = unstable.stream().mapToInt(Integer::intValue).toArray();
        List<int[]> groups = Grouping.groups(ids, spec.groupSize(), spec.overlap());
        boolean overLayerInputs = spec.hullSet() == HullSpec.HullSet.BOX
                && spec.coupling() == HullSpec.Coupling.LAYER_INPUTS;
        LinearRows.Row[] rows = overLayerInputs && !groups.isEmpty() && relu.source() != Network.INPUT
                ? LinearRows.of(net, relu.source()) : null;
        int done = 0;
        for (int[] group : groups) {
            if (enc.model().deadline().expired()) {
                enc.note(Analysis.TIME_LIMIT + " of " + Analysis.seconds(enc.model().deadline().limitSeconds())
                        + " reached: " + (groups.size() - done) + " of " + groups.size() + " hulls of node '" + net.nameOf(j)
                        + "' not added (only their triangle constraints hold)");
                return;
            }
            done++;
            String where = "group " + Arrays.toString(group) + " of node '" + net.nameOf(j) + "'";
            if (spec.hullSet() == HullSpec.HullSet.REACH) {
                ReachableHull.add(enc, j, group, linkedVars(enc, relu, group), spec.maxPatterns(), where);
                continue;
            }
            DisjunctiveHull.Hull hull;
            if (spec.hullSet() == HullSpec.HullSet.EXACT) {
                DisjunctiveHull.CoupledSet set = polytope(enc, snapshotVars, snapshotRows);
                hull = new DisjunctiveHull.Hull(set, unitGroup(enc, j, relu, group, set));
            } else if (spec.coupling() == HullSpec.Coupling.PRE_ACTIVATIONS) {
                int[] vars = new int[group.length];
                double[] lo = new double[group.length];
                double[] hi = new double[group.length];
                for (int t = 0; t < group.length; t++) {
                    vars[t] = enc.varsOf(relu.source())[group[t]];
                    lo[t] = pre.lower()[group[t]];
                    hi[t] = pre.upper()[group[t]];
                }
                DisjunctiveHull.CoupledSet set = new DisjunctiveHull.CoupledSet(vars, lo, hi, List.of());
                hull = new DisjunctiveHull.Hull(set, unitGroup(enc, j, relu, group, set));
            } else {
                hull = LayerInputs.of(enc, j, rows, group);
            }
            DisjunctiveHull.add(enc.model(), hull.set(), hull.group(), spec.maxPatterns(), where);
        }
    }

    /**
     * The main-model variables a {@code reach} hull is tied to: the layer's inputs (all sources of a linear
     * pre-activation node, else the pre-activation itself) or the group's own pre-activations.
     */
    private int[] linkedVars(NetworkLp enc, Relu relu, int[] group) {
        Network net = enc.network();
        int source = relu.source();
        if (spec.coupling() == HullSpec.Coupling.PRE_ACTIVATIONS) {
            int[] v = new int[group.length];
            for (int t = 0; t < group.length; t++) {
                v[t] = enc.varsOf(source)[group[t]];
            }
            return v;
        }
        boolean linear = source != Network.INPUT && LinearRows.of(net, source) != null;
        return enc.concatSources(linear ? net.node(source).from() : new int[] {source});
    }

    /** Every variable and row of the model before the ReLU node. */
    private static DisjunctiveHull.CoupledSet polytope(NetworkLp enc, int vars, int rows) {
        LpModel m = enc.model();
        int[] v = new int[vars];
        double[] lo = new double[vars];
        double[] hi = new double[vars];
        for (int i = 0; i < vars; i++) {
            v[i] = i;
            lo[i] = m.lower(i);
            hi[i] = m.upper(i);
        }
        return new DisjunctiveHull.CoupledSet(v, lo, hi, List.copyOf(m.rows().subList(0, rows)));
    }

    /** A group whose neuron t has z equal to the pre-activation variable of neuron group[t]. */
    private static DisjunctiveHull.Group unitGroup(NetworkLp enc, int j, Relu relu, int[] group,
                                                   DisjunctiveHull.CoupledSet set) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int c = 0; c < set.vars().length; c++) {
            position.put(set.vars()[c], c);
        }
        double[][] w = new double[group.length][set.vars().length];
        int[] out = new int[group.length];
        for (int t = 0; t < group.length; t++) {
            w[t][position.get(enc.varsOf(relu.source())[group[t]])] = 1;
            out[t] = enc.varsOf(j)[group[t]];
        }
        return new DisjunctiveHull.Group(w, new double[group.length], out);
    }
}
