package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

class IntermediateSlopesAreSoundAndTighterTest {

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"31,3", "32,4", "33,6", "34,40", "35,2", "36,36"})
    void tightenedBoundsContainEverySampledValueAndNarrowNoNeuron(long seed, int inputs) {
        RandomQueries q = new RandomQueries(seed, inputs);
        Bounds[] start = new QueryBounder(q.net).intermediate(q.box, ReluSplits.NONE, null, 0, true).bounds();
        Bounds[] tight = new IntermediateSlopes(q.net).tighten(q.box, start, 25, Long.MAX_VALUE);
        for (int j = 0; j < start.length; j++) {
            for (int i = 0; i < start[j].size(); i++) {
                assertTrue(tight[j].lower()[i] >= start[j].lower()[i] && tight[j].upper()[i] <= start[j].upper()[i],
                        "node " + j + " neuron " + i + " got looser");
            }
        }
        for (double[] x : Sampler.points(q.box, 2000, seed, 6)) {
            double[][] v = q.net.evaluateAll(x);
            for (int j = 0; j < v.length; j++) {
                for (int i = 0; i < v[j].length; i++) {
                    assertTrue(tight[j].lower()[i] <= v[j][i] + 1e-9 && v[j][i] <= tight[j].upper()[i] + 1e-9,
                            "node " + j + " neuron " + i + " value " + v[j][i] + " outside " + tight[j].lower()[i]
                                    + ".." + tight[j].upper()[i]);
                }
            }
        }
    }

    @Test
    void optimisedSlopesNarrowTheDeepLayersOfAWideRandomNetwork() {
        Network net = RandomNetworks.fullyConnected(7, 20, new int[] {40, 40, 40}, 3);
        Box box = RandomNetworks.box(8, 20, 1.0);
        Bounds[] start = new QueryBounder(net).intermediate(box, ReluSplits.NONE, null, 0, true).bounds();
        Bounds[] tight = new IntermediateSlopes(net).tighten(box, start, 25, Long.MAX_VALUE);
        int last = net.output() - 1;
        while (!(net.node(last) instanceof org.relucert.net.Relu)) {
            last--;
        }
        int pre = ((org.relucert.net.Relu) net.node(last)).source();
        double before = 0;
        double after = 0;
        for (int i = 0; i < start[pre].size(); i++) {
            before += start[pre].upper()[i] - start[pre].lower()[i];
            after += tight[pre].upper()[i] - tight[pre].lower()[i];
        }
        assertTrue(after < 0.99 * before, "total width of the last pre-activations " + before + " -> " + after);
    }
}
