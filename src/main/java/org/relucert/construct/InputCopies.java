package org.relucert.construct;

import org.relucert.InvalidInputException;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Input-copy augmentation (P2-v3 Theorem 5.1, THEORY.md §7.4): every ReLU node gets d extra neurons that
 * carry a copy of the input through the network as a chain, with zero weight into everything downstream.
 * On the box B = [a, b] the copies are shifted identities R(x - a) (§2.1), so every copy neuron is stable
 * active on B. The function is unchanged everywhere; the copies carry x - a only for x >= a.
 *
 * <p>Where a ReLU node's pre-activation is an affine node read by nothing else, that node gets the extra
 * rows; otherwise an affine node "_in" is inserted that passes the pre-activation through and adds them.
 * Conv and Add nodes are read through their dense lowering ({@link DenseLayers}), so the result is dense.
 * THEORY.md §7.8 warns that whether the copies make a layer-wise hull exact depends on the hull's
 * definition (open); this transform only builds the network.
 */
public final class InputCopies {
    private InputCopies() {
    }

    /**
     * The augmented network for inputs in {@code box}.
     *
     * @throws InvalidInputException when the box does not fit the network or its Conv and Add nodes are too
     *                               large to lower
     */
    public static Network apply(Network net, org.relucert.net.Box box) {
        int d = net.inputSize();
        if (box.dim() != d) {
            throw new InvalidInputException("--box has " + box.dim() + " dimensions but the network has " + d + " inputs");
        }
        int n = net.nodes().size();
        int[] consumers = new int[n];
        for (Node node : net.nodes()) {
            for (int f : node.from()) {
                if (f != Network.INPUT) {
                    consumers[f]++;
                }
            }
        }
        boolean[] extendInPlace = new boolean[n];
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r != null && r.source() != Network.INPUT && consumers[r.source()] == 1
                    && r.source() != net.output()) {
                extendInPlace[r.source()] = true;
            }
        }
        DenseLayers dense = DenseLayers.of(net, "copy-inputs");
        NetBuilder b = new NetBuilder(d);
        b.reserveNames(net);
        int[] map = new int[n];
        boolean[] augmented = new boolean[n];
        int lastCopy = Network.INPUT;
        double[] lo = box.lower();
        for (int j = 0; j < n; j++) {
            Relu r = net.relu(j);
            if (r != null) {
                int src = r.source();
                int pre;
                if (src != Network.INPUT && extendInPlace[src]) {
                    pre = map[src];
                } else {
                    NetBuilder.Blocks blocks = b.blocks(r.size() + d);
                    addPadded(blocks, src == Network.INPUT ? Network.INPUT : map[src], 0, identity(r.size()));
                    double[] bias = new double[r.size() + d];
                    addCopyRows(blocks, bias, r.size(), lastCopy, lo, b);
                    pre = b.affine(r.name() + "_in", blocks, bias);
                }
                map[j] = b.reluNamed(r.name(), pre);
                augmented[j] = true;
                lastCopy = map[j];
            } else {
                Affine a = dense.affine(j);
                int extra = extendInPlace[j] ? d : 0;
                NetBuilder.Blocks blocks = b.blocks(a.size() + extra);
                int[] from = a.from();
                for (int k = 0; k < from.length; k++) {
                    int s = from[k] == Network.INPUT ? Network.INPUT : map[from[k]];
                    addPadded(blocks, s, 0, NetBuilder.blockRows(a, k));
                }
                double[] bias = new double[a.size() + extra];
                System.arraycopy(a.bias(), 0, bias, 0, a.size());
                if (extendInPlace[j]) {
                    addCopyRows(blocks, bias, a.size(), lastCopy, lo, b);
                }
                map[j] = b.affineNamed(a.name(), blocks, bias);
            }
        }
        int out = map[net.output()];
        Relu outRelu = net.relu(net.output());
        if (outRelu != null) {
            NetBuilder.Blocks select = b.blocks(outRelu.size());
            addPadded(select, out, 0, identity(outRelu.size()));
            out = b.affine(outRelu.name() + "_select", select, new double[outRelu.size()]);
        }
        return b.build(out);
    }

    /** Rows firstRow.. get x - a: from the input (bias -a) or from the last d entries of the previous copy layer. */
    private static void addCopyRows(NetBuilder.Blocks blocks, double[] bias, int firstRow, int lastCopy, double[] lo,
                                    NetBuilder b) {
        int d = lo.length;
        if (lastCopy == Network.INPUT) {
            for (int i = 0; i < d; i++) {
                blocks.add(Network.INPUT, firstRow + i, i, 1.0);
                bias[firstRow + i] = -lo[i];
            }
        } else {
            int offset = b.size(lastCopy) - d;
            for (int i = 0; i < d; i++) {
                blocks.add(lastCopy, firstRow + i, offset + i, 1.0);
            }
        }
    }

    /** Adds w (rows x cols) into the top-left of the source's block (extra columns of augmented sources stay 0). */
    private static void addPadded(NetBuilder.Blocks blocks, int source, int firstRow, double[][] w) {
        for (int r = 0; r < w.length; r++) {
            for (int c = 0; c < w[r].length; c++) {
                if (w[r][c] != 0) {
                    blocks.add(source, firstRow + r, c, w[r][c]);
                }
            }
        }
    }

    private static double[][] identity(int n) {
        return NetBuilder.identity(n, 1.0);
    }
}
