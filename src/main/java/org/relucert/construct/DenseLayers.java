package org.relucert.construct;

import org.relucert.InvalidInputException;
import org.relucert.net.Affine;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;

/**
 * The dense view of a network for the transforms that rewrite weights (flip, identity layers, input copies,
 * rescaling): they are defined on dense affine layers, so every other non-ReLU node (Conv, Add) is read
 * through its {@link DenseLowering} (same name, same sources, same function). The transformed network is
 * then dense throughout. Lowering costs size x fan-in weight entries per lowered node, so it is allowed only
 * up to {@link #MAX_LOWERED_ENTRIES} entries in all; larger networks are refused with a message naming the
 * largest such node.
 */
final class DenseLayers {
    /** The most weight entries the lowering of a network's Conv and Add nodes may create (2^22, 32 MB). */
    static final long MAX_LOWERED_ENTRIES = 1L << 22;

    private final Network net;

    private DenseLayers(Network net) {
        this.net = net;
    }

    /**
     * The dense view of {@code net} for {@code transform} (a name used in the refusal).
     *
     * @throws InvalidInputException when lowering its Conv and Add nodes would need more than
     *                               {@link #MAX_LOWERED_ENTRIES} weight entries
     */
    static DenseLayers of(Network net, String transform) {
        long total = 0;
        int largest = -1;
        long largestEntries = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            long e = DenseLowering.loweredEntries(net, j);
            total += e;
            if (e > largestEntries) {
                largest = j;
                largestEntries = e;
            }
        }
        if (total > MAX_LOWERED_ENTRIES) {
            int fanIn = (int) (largestEntries / net.sizeOf(largest));
            throw new InvalidInputException(transform + " refused: node '" + net.nameOf(largest) + "' would need a dense"
                    + " weight of " + net.sizeOf(largest) + " x " + fanIn + " entries (" + total + " for all Conv and Add"
                    + " nodes, above the limit of " + MAX_LOWERED_ENTRIES + "); " + transform + " rewrites dense affine"
                    + " layers, so Conv and Add nodes are lowered to dense Affine nodes first, which only small networks"
                    + " allow");
        }
        return new DenseLayers(net);
    }

    /** Node j, a non-ReLU node, as a dense affine node (lowered when it is a Conv or Add). */
    Affine affine(int j) {
        return DenseLowering.affine(net.node(j));
    }
}
