package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.Sampler;

/**
 * The slope gradients read the linearised pre-activations of q rows from one batched pass
 * ({@link LinearisedNetwork#preActivations}: q rows for the intermediate bounds, one for the final query); they
 * must be those of a plain evaluation of the network with each row's chosen lines, row by row (a reference
 * kept here), whatever line each row chooses, and a pass of the row alone must give the same.
 */
class BatchedLinearisedPreActivationsMatchOneRowAtATimeTest {

    @ParameterizedTest(name = "seed {0}, conv/add {1}, lower rows {2}")
    @CsvSource({"41,false,true", "42,false,false", "43,false,true", "44,true,true", "45,true,false"})
    void everyRowGetsThePreActivationsOfItsOwnPass(long seed, boolean convAdd, boolean lowerRow) {
        Network net = convAdd ? ConvAddNetworks.small(seed) : RandomNetworks.dag(seed, 4, 3, 12, 0.3, 3);
        Box box = RandomNetworks.box(seed + 1, net.inputSize(), 1.0);
        QueryBounder.Intermediate im = new QueryBounder(net).intermediate(box, ReluSplits.NONE, null, 0, true);
        ReluLines[] lines = im.lines();
        int q = 5;
        int n = net.nodes().size();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] reluCoef = new double[n][];
        for (int k = 0; k < n; k++) {
            Relu r = net.relu(k);
            if (r != null) {
                reluCoef[k] = new double[q * r.size()];
                for (int i = 0; i < reluCoef[k].length; i++) {
                    reluCoef[k][i] = rnd.nextInt(3) - 1; // each row picks upper, lower or either line per neuron
                }
            }
        }
        List<double[]> points = Sampler.points(box, q, seed, 0); // random points only
        double[][] xs = points.subList(points.size() - q, points.size()).toArray(new double[0][]);
        double[][] batched = LinearisedNetwork.preActivations(net, xs, lines, reluCoef, lowerRow, n);
        for (int r = 0; r < q; r++) {
            double[][] one = reference(net, xs[r], lines, reluCoef, r, lowerRow, n);
            double[][] alone = LinearisedNetwork.preActivations(net, new double[][] {xs[r]}, lines,
                    rowOf(net, reluCoef, r), lowerRow, n);
            for (int k = 0; k < n; k++) {
                if (one[k] == null) {
                    assertNull(batched[k], "node " + k + " is no ReLU");
                    assertNull(alone[k], "node " + k + " is no ReLU");
                    continue;
                }
                for (int i = 0; i < one[k].length; i++) {
                    double want = one[k][i];
                    assertEquals(want, batched[k][r * one[k].length + i], 1e-9 * (1 + Math.abs(want)),
                            "row " + r + ", ReLU node " + k + ", neuron " + i);
                    assertEquals(want, alone[k][i], 1e-9 * (1 + Math.abs(want)),
                            "row " + r + " alone, ReLU node " + k + ", neuron " + i);
                }
            }
        }
    }

    /** Row r's coefficients alone, as the one-row query of the final slopes keeps them. */
    private static double[][] rowOf(Network net, double[][] reluCoef, int r) {
        double[][] out = new double[reluCoef.length][];
        for (int k = 0; k < reluCoef.length; k++) {
            Relu relu = net.relu(k);
            if (relu != null && reluCoef[k] != null) {
                out[k] = Arrays.copyOfRange(reluCoef[k], r * relu.size(), (r + 1) * relu.size());
            }
        }
        return out;
    }

    /** The reference: evaluates node by node at x, each ReLU replaced by the line row r chooses. */
    private static double[][] reference(Network net, double[] x, ReluLines[] lines, double[][] reluCoef, int row,
                                        boolean lowerRow, int upTo) {
        double[][] values = new double[upTo][];
        double[][] pre = new double[upTo][];
        for (int j = 0; j < upTo; j++) {
            Node node = net.node(j);
            int[] from = node.from();
            double[][] in = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                in[k] = from[k] == Network.INPUT ? x : values[from[k]];
            }
            Relu r = net.relu(j);
            if (r == null) {
                values[j] = node.evaluate(in);
                continue;
            }
            double[] z = in[0];
            pre[j] = z;
            ReluLines l = lines[j];
            double[] y = new double[r.size()];
            for (int i = 0; i < y.length; i++) {
                double a = reluCoef[j] == null ? 0 : reluCoef[j][row * r.size() + i];
                boolean upper = lowerRow ? a < 0 : a > 0;
                y[i] = upper ? l.upperSlope()[i] * z[i] + l.upperIntercept()[i]
                        : l.lowerSlope()[i] * z[i] + l.lowerIntercept()[i];
            }
            values[j] = y;
        }
        return pre;
    }
}
