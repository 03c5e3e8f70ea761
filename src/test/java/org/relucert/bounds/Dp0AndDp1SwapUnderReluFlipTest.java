package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.Sampler;

/**
 * THEORY.md §9 item 8: when g is h with every R(z) written as z + R(-z), DP-0(h) = DP-1(g) and
 * DP-1(h) = DP-0(g) on every box.
 */
class Dp0AndDp1SwapUnderReluFlipTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void flippingEveryReluSwapsDp0AndDp1(long seed) {
        int inputs = 1 + (int) (seed % 4);
        Network h = RandomNetworks.dag(seed, inputs, 1 + (int) (seed % 4), 12, 0.4, 2);
        Network g = flipEveryRelu(h);
        Box box = RandomNetworks.box(seed + 77, inputs, 2);
        for (double[] x : Sampler.points(box, 20, seed, 0)) {
            assertEquals(h.evaluate(x)[0], g.evaluate(x)[0], 1e-9, "g encodes h");
        }
        assertSameBounds(new DeepPoly(DeepPoly.SlopeRule.ZERO).analyse(h, box),
                new DeepPoly(DeepPoly.SlopeRule.ONE).analyse(g, box));
        assertSameBounds(new DeepPoly(DeepPoly.SlopeRule.ONE).analyse(h, box),
                new DeepPoly(DeepPoly.SlopeRule.ZERO).analyse(g, box));
    }

    private static void assertSameBounds(Analysis a, Analysis b) {
        for (int i = 0; i < a.lower().length; i++) {
            double scale = 1e-9 * Math.max(1, Math.abs(a.lower()[i]) + Math.abs(a.upper()[i]));
            assertEquals(a.lower()[i], b.lower()[i], scale, a.domain() + " vs " + b.domain() + " lower " + i);
            assertEquals(a.upper()[i], b.upper()[i], scale, a.domain() + " vs " + b.domain() + " upper " + i);
        }
    }

    /** Each relu node r = R(z) becomes r = [I I] (z, R(-z)). */
    static Network flipEveryRelu(Network h) {
        List<Node> out = new ArrayList<>();
        int[] map = new int[h.nodes().size()];
        for (int j = 0; j < h.nodes().size(); j++) {
            Node n = h.node(j);
            if (n instanceof Affine a) {
                int[] from = a.from();
                for (int k = 0; k < from.length; k++) {
                    from[k] = from[k] == Network.INPUT ? Network.INPUT : map[from[k]];
                }
                out.add(new Affine(a.name(), from, a.fromSizes(), a.weight(), a.bias()));
            } else {
                Relu r = (Relu) n;
                int size = r.size();
                int src = r.source() == Network.INPUT ? Network.INPUT : map[r.source()];
                double[] neg = new double[size * size];
                double[] sum = new double[size * 2 * size];
                for (int i = 0; i < size; i++) {
                    neg[i * size + i] = -1;
                    sum[i * 2 * size + i] = 1;
                    sum[i * 2 * size + size + i] = 1;
                }
                out.add(new Affine(r.name() + "_neg", new int[] {src}, new int[] {size}, neg, new double[size]));
                out.add(new Relu(r.name() + "_flip", out.size() - 1, size));
                out.add(new Affine(r.name(), new int[] {src, out.size() - 1}, new int[] {size, size}, sum,
                        new double[size]));
            }
            map[j] = out.size() - 1;
        }
        return new Network(h.inputSize(), out, map[h.output()]);
    }
}
