package org.relucert.relax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The driver shared by the LP relaxations: adds the nodes to one {@link NetworkLp} in topological
 * order, computes the pre-activation bounds of each linear node (every node but a ReLU) that feeds a
 * ReLU before moving on (entries that IBP/DeepPoly already prove stable are exact and skipped, and so
 * are linear nodes of the input alone, whose interval bounds are exact), lets a {@link ReluHook} add extra
 * constraints after each ReLU node, and finally minimises and maximises every output entry. Without
 * hulls, a neuron whose first LP bound proves it stable skips its second solve (its constraint is exact
 * either way); with hulls both bounds are always solved, since they form the boxes the hulls are taken over.
 */
final class LayerByLayer {

    /** Extra constraints added right after a ReLU node (e.g. multi-neuron hulls). */
    interface ReluHook {
        /**
         * @param snapshotVars variables of the model before node j was added
         * @param snapshotRows rows of the model before node j was added
         */
        void afterRelu(NetworkLp enc, int j, int snapshotVars, int snapshotRows);

        /**
         * True when the hulls are taken over the box of the layer inputs, so that stable neurons need
         * LP-tight bounds too (a loose box around a stable identity neuron loses exactness).
         */
        default boolean boxOfStableNeuronsMatters() {
            return false;
        }
    }

    private LayerByLayer() {
    }

    static Analysis run(String name, Network net, Box box, LpSettings settings, ReluHook hook, Deadline deadline) {
        return run(name, net, box, settings, hook, workers(net, settings), deadline);
    }

    /** As above, with {@code workers} solver instances for parallel tightening. */
    static Analysis run(String name, Network net, Box box, LpSettings settings, ReluHook hook, int workers,
                        Deadline deadline) {
        if (box.dim() != net.inputSize()) {
            throw new IllegalArgumentException("box has " + box.dim() + " dimensions but the network has "
                    + net.inputSize() + " inputs");
        }
        try (NetworkLp enc = new NetworkLp(net, box, workers, settings.limits())) {
            Bounds[] known = enc.fallbacks();
            String overflow = LpLimits.overflow(net, known, "LP");
            if (overflow != null) {
                return new Analysis(name, known[net.output()], known, List.of(overflow));
            }
            if (deadline.expired()) {
                // e.g. start-up used up a command's limit: building the LP would only overrun it
                return new Analysis(name, known[net.output()], known, List.of(Analysis.TIME_LIMIT + " of "
                        + Analysis.seconds(deadline.limitSeconds()) + " reached before the LP was built: every bound"
                        + " is the IBP/DeepPoly bound"));
            }
            enc.model().setDeadline(deadline);
            return analyse(name, enc, settings, hook);
        }
    }

    /**
     * Solver instances for parallel tightening: up to four (one per core) when LP intermediate bounds
     * are computed and some layer is wide enough to share out; otherwise one.
     */
    private static int workers(Network net, LpSettings settings) {
        int widest = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.relu(j) != null) {
                widest = Math.max(widest, net.sizeOf(j));
            }
        }
        if (!settings.lpIntermediate() || widest < NetworkLp.PARALLEL_MIN_ENTRIES) {
            return 1;
        }
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs the analysis on an encoding that holds only the input so far. */
    static Analysis analyse(String name, NetworkLp enc, LpSettings settings, ReluHook hook) {
        Network net = enc.network();
        if (settings.timeLimitSeconds() > 0) {
            enc.model().setTimeLimit(settings.timeLimitSeconds());
        }
        if (settings.iterationLimit() > 0) {
            enc.model().setIterationLimit(settings.iterationLimit());
        }
        boolean[] feedsRelu = net.feedsRelu();
        boolean[] feeds = hook == null ? feedsRelu : boundedForHulls(net);
        int out = net.output();
        int skippedHulls = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            int vars = enc.model().variableCount();
            int rows = enc.model().rowCount();
            enc.addNode(j);
            boolean linear = net.relu(j) == null;
            if (!linear && hook != null) {
                if (enc.model().deadline().expired()) {
                    skippedHulls++;
                } else {
                    hook.afterRelu(enc, j, vars, rows);
                }
            }
            if (settings.lpIntermediate() && feeds[j] && j != out && linear && !readsOnlyInput(net, j)) {
                boolean allEntries = hook != null && hook.boxOfStableNeuronsMatters();
                enc.tighten(j, feedsRelu[j] && !allEntries, hook == null);
            } else if (feeds[j] && linear && readsOnlyInput(net, j)) {
                enc.setBounds(j, widened(enc.boundsOf(j)));
            }
        }
        Bounds output = outputBounds(enc, out);
        Bounds[] nodes = enc.bounds();
        nodes[out] = output;
        List<String> notes = new ArrayList<>(enc.notes());
        notes.addAll(enc.fallbackNotes());
        if (skippedHulls > 0) {
            notes.add(Analysis.TIME_LIMIT + " of " + Analysis.seconds(enc.model().deadline().limitSeconds())
                    + " reached: the hulls of " + skippedHulls + " ReLU node" + (skippedHulls == 1 ? " were" : "s were")
                    + " not added (only their triangle constraints hold)");
        }
        return new Analysis(name, output, nodes, notes);
    }

    /** Interval bounds widened by 1e-12(1+|v|) to cover the rounding of interval arithmetic. */
    private static Bounds widened(Bounds b) {
        double[] lo = b.lower().clone();
        double[] hi = b.upper().clone();
        for (int i = 0; i < lo.length; i++) {
            lo[i] -= 1e-12 * (1 + Math.abs(lo[i]));
            hi[i] += 1e-12 * (1 + Math.abs(hi[i]));
        }
        return new Bounds(lo, hi);
    }

    /** A linear node of the input alone: its interval bounds over the box are already exact. */
    private static boolean readsOnlyInput(Network net, int j) {
        return Arrays.stream(net.node(j).from()).allMatch(f -> f == Network.INPUT);
    }

    /**
     * The nodes that feed a ReLU plus, for hulls over layer inputs, the linear sources of a linear node
     * that feeds a ReLU (so that their box is the LP one).
     */
    private static boolean[] boundedForHulls(Network net) {
        boolean[] feeds = net.feedsRelu();
        boolean[] out = feeds.clone();
        for (int j = 0; j < feeds.length; j++) {
            if (feeds[j] && net.relu(j) == null) {
                for (int f : net.node(j).from()) {
                    if (f != Network.INPUT && net.relu(f) == null) {
                        out[f] = true;
                    }
                }
            }
        }
        return out;
    }

    /** Raw LP bounds of every output entry (not intersected with DeepPoly; fall-back on failure). */
    private static Bounds outputBounds(NetworkLp enc, int out) {
        int size = enc.network().sizeOf(out);
        double[] lo = new double[size];
        double[] hi = new double[size];
        for (int i = 0; i < size; i++) {
            double[] r = enc.optimiseEntry(out, i);
            lo[i] = r[0];
            hi[i] = r[1];
        }
        return new Bounds(lo, hi);
    }
}
