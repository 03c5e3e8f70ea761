package org.relucert.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.construct.FlipTransform;
import org.relucert.construct.IdentityLayers;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Random networks that encode max(x1, x2) on all of R^2 (THEORY.md §6.4): a mixture
 * α·(x2 + R(x1 - x2)) + (1 - α)·(x1 + R(x2 - x1)) whose two neurons are each split into several neurons with
 * random positive scales, w·R(z) = Σ_k (w_k / c_k)·R(c_k z) with Σ w_k = w; then, at random, the flip transform
 * (T3) and identity layers (P2-v3 Lemma 4.1).
 */
public final class RandomMaxNetworks {

    /** A generated network and how it was made. */
    public record Generated(String description, Network network) {
    }

    private RandomMaxNetworks() {
    }

    /** The k-th random network for a seed. */
    public static Generated generate(long seed, int k) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + k);
        double alpha = 0.1 + 0.8 * rnd.nextDouble();
        int pieces1 = 1 + rnd.nextInt(3);
        int pieces2 = 1 + rnd.nextInt(3);
        List<double[]> rows = new ArrayList<>();
        List<Double> out = new ArrayList<>();
        split(rnd, alpha, pieces1, new double[] {1, -1}, rows, out);
        split(rnd, 1 - alpha, pieces2, new double[] {-1, 1}, rows, out);
        int m = rows.size();
        double[][] outRow = new double[1][2 + m];
        outRow[0][0] = 1 - alpha;
        outRow[0][1] = alpha;
        for (int i = 0; i < m; i++) {
            outRow[0][2 + i] = out.get(i);
        }
        List<Node> nodes = List.of(
                Affine.of("pre", new int[] {Network.INPUT}, new int[] {2}, rows.toArray(new double[0][]), new double[m]),
                new Relu("relu", 0, m),
                Affine.of("out", new int[] {Network.INPUT, 1}, new int[] {2, m}, outRow, new double[1]));
        Network net = new Network(2, nodes, 2);
        String desc = String.format(java.util.Locale.ROOT, "random mixture α = %.3f, %d + %d scaled neurons", alpha,
                pieces1, pieces2);
        if (rnd.nextBoolean()) {
            net = FlipTransform.apply(net);
            desc += ", flipped";
        }
        if (rnd.nextBoolean()) {
            int layers = 1 + rnd.nextInt(2);
            net = IdentityLayers.apply(net, null, layers);
            desc += ", " + layers + " identity layer" + (layers > 1 ? "s" : "");
        }
        return new Generated(desc, net);
    }

    /** Splits weight w on R(dir·x) into pieces with random positive scales. */
    private static void split(SplittableRandom rnd, double w, int pieces, double[] dir, List<double[]> rows,
                              List<Double> out) {
        double[] share = new double[pieces];
        double total = 0;
        for (int i = 0; i < pieces; i++) {
            share[i] = 0.2 + rnd.nextDouble();
            total += share[i];
        }
        for (int i = 0; i < pieces; i++) {
            double c = Math.exp(rnd.nextDouble(Math.log(0.2), Math.log(5)));
            rows.add(new double[] {c * dir[0], c * dir[1]});
            out.add(w * share[i] / total / c);
        }
    }
}
