package org.relucert.precision;

import java.util.ArrayList;
import java.util.List;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/** The ReLU neurons of a network and where their kinks (pre-activation = 0) lie along segments. */
final class Neurons {
    private final Network net;
    /** Each neuron as {source node index, entry}. */
    private final List<int[]> neurons = new ArrayList<>();

    Neurons(Network net) {
        this.net = net;
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r != null) {
                for (int e = 0; e < r.size(); e++) {
                    neurons.add(new int[] {r.source(), e});
                }
            }
        }
    }

    int count() {
        return neurons.size();
    }

    /** Pre-activation of neuron k at x. */
    double preActivation(int k, double[] x) {
        int[] n = neurons.get(k);
        return n[0] == Network.INPUT ? x[n[1]] : net.evaluateAll(x)[n[0]][n[1]];
    }

    /** Pre-activations of all neurons at x. */
    double[] preActivations(double[] x) {
        double[][] all = net.evaluateAll(x);
        double[] out = new double[neurons.size()];
        for (int k = 0; k < out.length; k++) {
            int[] n = neurons.get(k);
            out[k] = n[0] == Network.INPUT ? x[n[1]] : all[n[0]][n[1]];
        }
        return out;
    }

    /**
     * A point where neuron k's pre-activation changes sign on the segment p-q, by bisection, given that its
     * signs at p and q differ.
     */
    double[] crossing(int k, double[] p, double[] q) {
        double lo = 0;
        double hi = 1;
        double vlo = preActivation(k, p);
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            double v = preActivation(k, lerp(p, q, mid));
            if ((v < 0) == (vlo < 0)) {
                lo = mid;
                vlo = v;
            } else {
                hi = mid;
            }
        }
        return lerp(p, q, 0.5 * (lo + hi));
    }

    static double[] lerp(double[] p, double[] q, double t) {
        double[] x = new double[p.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = p[i] + t * (q[i] - p[i]);
        }
        return x;
    }
}
