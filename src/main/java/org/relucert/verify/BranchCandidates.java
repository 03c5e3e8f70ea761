package org.relucert.verify;

import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * How many neurons of best intercept score the filtered smart branching score compares ({@link FsbScore})
 * when the options leave it to the network ({@link Verifier.Options#AUTO_CANDIDATES}):
 * {@value #SPATIAL} when a ReLU reads a spatial tensor (channels x height x width with more than one pixel,
 * e.g. a convolution's output), else 1, the intercept score alone. On oval21's CIFAR networks the intercept
 * score kept choosing splits that did not move the weakest bound (cifar_base_kw img8194: -0.26 after 418
 * subproblems), while FSB with 8 candidates reached -0.13 after 64; on MNIST FC it did not pay.
 */
final class BranchCandidates {
    /** Candidates compared on networks with a spatial ReLU layer. */
    static final int SPATIAL = 8;

    private BranchCandidates() {
    }

    /** {@code requested} when it is 1 or more, else the choice for this network described above. */
    static int resolve(Network net, int requested) {
        if (requested >= 1) {
            return requested;
        }
        return hasSpatialRelu(net) ? SPATIAL : 1;
    }

    /** True when some ReLU reads a node whose shape is channels x height x width with height·width > 1. */
    static boolean hasSpatialRelu(Network net) {
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r == null || r.source() == Network.INPUT) {
                continue;
            }
            int[] shape = net.node(r.source()).shape();
            if (shape.length == 3 && (long) shape[1] * shape[2] > 1) {
                return true;
            }
        }
        return false;
    }
}
