package org.relucert.verify;

import java.util.ArrayList;
import java.util.List;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.relax.LpLimits;
import org.relucert.relax.NetworkLp;
import org.relucert.relax.NetworkTooLargeException;

/**
 * Pre-activation bounds of the first layers tightened by LP, as alpha-beta-CROWN does with an LP/MIP
 * solver before branch and bound: the triangle LP ({@link NetworkLp}) over the box, whose variable boxes
 * are the verifier's own sound bounds, minimises and maximises every unstable neuron of the first
 * {@code nodes} linear nodes that feed a ReLU and do not read the input alone (those have exact interval
 * bounds already). Each LP optimum goes through {@code relax.LpModel}'s safe (Neumaier-Shcherbina)
 * bound, and is intersected with the bound it started from, so no bound gets looser; a failed or
 * timed-out solve keeps the old bound, and says so in the notes. The ReLU nodes reading a tightened
 * node get the ReLU of its new bounds. Used once per input box at the root of ReLU splitting.
 */
final class IntermediateLp {

    /** Tightened bounds of every node, the solver notes, and how many neurons became stable. */
    record Result(Bounds[] bounds, List<String> notes, int newlyStable) {
    }

    private final Network net;
    private final boolean[] feedsRelu;

    IntermediateLp(Network net) {
        this.net = net;
        this.feedsRelu = net.feedsRelu();
    }

    /**
     * Bounds at least as tight as {@code start} (sound bounds of every node on {@code box}): the LP bounds of
     * the unstable neurons of the first {@code nodes} LP-worthy nodes, solved on {@code workers} solver
     * instances until {@code deadline}; the nodes after them keep their {@code start} bounds.
     */
    Result tighten(Box box, Bounds[] start, int nodes, int workers, Deadline deadline) {
        Bounds[] out = start.clone();
        List<String> notes = new ArrayList<>();
        String overflow = LpLimits.overflow(net, start, "LP");
        if (overflow != null || nodes <= 0) {
            if (overflow != null) {
                notes.add(overflow);
            }
            return new Result(out, notes, 0);
        }
        int stable = 0;
        try (NetworkLp enc = NetworkLp.over(net, box, Math.max(1, workers), LpLimits.DEFAULT, start)) {
            enc.model().setDeadline(deadline);
            int left = nodes;
            for (int j = 0; j < net.nodes().size() && left > 0 && !deadline.expired(); j++) {
                enc.addNode(j);
                Relu relu = net.relu(j);
                if (relu != null) {
                    Bounds src = relu.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : out[relu.source()];
                    double[][] iv = relu.interval(new double[][] {src.lower()}, new double[][] {src.upper()});
                    out[j] = Bounds.intersect(out[j], new Bounds(iv[0], iv[1]));
                    enc.setBounds(j, out[j]);
                } else if (feedsRelu[j] && !readsOnlyInput(j)) {
                    int before = Neurons.unstable(out[j]).length;
                    enc.tighten(j, true, true);
                    out[j] = Bounds.intersect(out[j], enc.boundsOf(j));
                    stable += before - Neurons.unstable(out[j]).length;
                    left--;
                }
            }
            notes.addAll(enc.notes());
            notes.addAll(enc.fallbackNotes());
        } catch (NetworkTooLargeException e) {
            notes.add(e.getMessage());
        }
        return new Result(out, notes, stable);
    }

    private boolean readsOnlyInput(int j) {
        for (int f : net.node(j).from()) {
            if (f != Network.INPUT) {
                return false;
            }
        }
        return true;
    }
}
