package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.Sampler;

/**
 * The slope gradient of the intermediate bounds reads the linearised pre-activations of q rows from one
 * batched pass; they must be those of the one-row pass, row by row, whatever line each row chooses.
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
        double[][] batched = new IntermediateSlopes(net).linearisedPreActivations(xs, lines, reluCoef, lowerRow, n);
        for (int r = 0; r < q; r++) {
            double[][] one = LinearisedNetwork.linearisedPreActivations(net, xs[r], lines, reluCoef, r, lowerRow, n);
            for (int k = 0; k < n; k++) {
                if (one[k] == null) {
                    assertNull(batched[k], "node " + k + " is no ReLU");
                    continue;
                }
                for (int i = 0; i < one[k].length; i++) {
                    double want = one[k][i];
                    assertEquals(want, batched[k][r * one[k].length + i], 1e-9 * (1 + Math.abs(want)),
                            "row " + r + ", ReLU node " + k + ", neuron " + i);
                }
            }
        }
    }
}
