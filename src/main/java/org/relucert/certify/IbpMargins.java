package org.relucert.certify;

import java.util.List;
import org.relucert.api.BoundsRequest;
import org.relucert.api.OutputRows;
import org.relucert.api.Relucert;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Ibp;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;

/**
 * IBP bounds of margin rows c_i·y - d_i with the rows folded into the network's last affine node (as
 * auto_LiRPA's IBP with a C matrix): when the output node is affine, y = W·h + b, the rows are bounded as
 * (C·W)·h + C·b - d over the interval box of h, instead of C concretised over the interval box of y; the
 * first never is looser (mathematically) and is much tighter when W mixes the hidden units.
 *
 * <p>No new bounding code: the last node, fed by the box of its sources, becomes a one-node network, the
 * rows are appended to it ({@link OutputRows}) and one {@code deeppoly} call of the library bounds them;
 * with no ReLU in that network, this back-substitutes each row through the two affine nodes and
 * concretises it over the box, with the rounding error of the product C·W accounted for as in every
 * back-substitution. When the output node is not affine (a ReLU, convolution or residual sum), the rows are
 * concretised over the output intervals. The result is the larger of the folded and the plain bound, both
 * sound.
 */
final class IbpMargins {
    private IbpMargins() {
    }

    /** Lower bounds of the rows over the box: folded where possible, never looser than the plain ones. */
    static double[] rowLower(Network net, Box box, double[][] c, double[] d) {
        Bounds[] nodes = Ibp.propagate(net, box);
        double[] plain = MarginBounder.intervalRows(nodes[net.output()], c, d);
        double[] folded = folded(net, box, nodes, c, d);
        if (folded != null) {
            for (int r = 0; r < plain.length; r++) {
                plain[r] = Math.max(plain[r], folded[r]);
            }
        }
        return plain;
    }

    /** The folded lower bounds alone, or null when the output node is not affine. */
    static double[] folded(Network net, Box box, Bounds[] nodes, double[][] c, double[] d) {
        int out = net.output();
        if (net.relu(out) != null || DenseLowering.loweredEntries(net, out) != 0) {
            return null; // folded only into an affine output node (Conv/Add outputs would need a lowering)
        }
        Affine last = DenseLowering.affine(net.node(out));
        int[] from = last.from();
        int width = last.inputWidth();
        double[] lo = new double[width];
        double[] hi = new double[width];
        int at = 0;
        for (int k = 0; k < from.length; k++) {
            double[] l = from[k] == Network.INPUT ? box.lower() : nodes[from[k]].lower();
            double[] u = from[k] == Network.INPUT ? box.upper() : nodes[from[k]].upper();
            System.arraycopy(l, 0, lo, at, l.length);
            System.arraycopy(u, 0, hi, at, u.length);
            at += l.length;
        }
        Affine alone = new Affine(last.name(), new int[] {Network.INPUT}, new int[] {width}, last.weight(), last.bias());
        Network tail = new Network(width, List.of(alone), 0);
        return Relucert.bounds(new BoundsRequest(tail, new Box(lo, hi), new OutputRows(c, d), "deeppoly")).lower();
    }
}
