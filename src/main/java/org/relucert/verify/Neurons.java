package org.relucert.verify;

import java.util.Arrays;
import org.relucert.bounds.Bounds;
import org.relucert.net.Network;
import org.relucert.net.ReluLines;

/** Which neurons are unstable or relaxed, unit queries over them, and which nodes are ReLUs. */
final class Neurons {
    private Neurons() {
    }

    /** Indices of the neurons that are unstable under b. */
    static int[] unstable(Bounds b) {
        int[] idx = new int[b.size()];
        int q = 0;
        for (int i = 0; i < idx.length; i++) {
            if (ReluLines.unstable(b.lower()[i], b.upper()[i])) {
                idx[q++] = i;
            }
        }
        return Arrays.copyOf(idx, q);
    }

    /** Row r of the result is the unit vector of neuron idx[r] among size neurons (row-major). */
    static double[] unitRows(int[] idx, int size) {
        double[] query = new double[idx.length * size];
        for (int r = 0; r < idx.length; r++) {
            query[r * size + idx[r]] = 1.0;
        }
        return query;
    }

    /** Per node index, whether it is a ReLU node (the nodes whose output coefficients slopes and branching use). */
    static boolean[] reluNodes(Network net) {
        boolean[] mask = new boolean[net.nodes().size()];
        for (int j = 0; j < mask.length; j++) {
            mask[j] = net.relu(j) != null;
        }
        return mask;
    }

    /**
     * True when neuron i's lines differ (an unstable neuron under the bounds the lines were built from): its
     * lower slope is free to move in [0, 1]; stable and phase-fixed neurons keep their exact lines.
     */
    static boolean relaxed(ReluLines lines, int i) {
        return lines.lowerSlope()[i] != lines.upperSlope()[i] || lines.lowerIntercept()[i] != lines.upperIntercept()[i];
    }
}
