package org.relucert.construct;

import org.relucert.net.Network;

/**
 * The phantom-point network of THEORY.md §7.8 on [-1, 1]^2: u1 = R(x1 - x2), u2 = R(x2 - x1); then
 * R(u1 - 1), R(1 - u1), R(u2 - 1), R(1 - u2); output T times their sum, T * (|u1 - 1| + |u2 - 1|). Exact range
 * [T, 2T]; the hull of the reachable (u1, u2) contains (1, 1), where the second part is 0.
 */
public final class PhantomNetwork {
    private PhantomNetwork() {
    }

    /** The network with output scale T > 0 (T = 1 is the network of §7.8). */
    public static Network of(double scale) {
        NetBuilder b = new NetBuilder(2);
        int u = b.relu("relu1", b.affine("fc1", b.blocks(2).add(org.relucert.net.Network.INPUT,
                new double[][] {{1, -1}, {-1, 1}}), new double[2]));
        int v = b.relu("relu2", b.affine("fc2", b.blocks(4).add(u,
                new double[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}), new double[] {-1, 1, -1, 1}));
        int out = b.affine("out", b.blocks(1).add(v, new double[][] {{scale, scale, scale, scale}}), new double[1]);
        return b.build(out);
    }
}
