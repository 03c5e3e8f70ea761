package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

class IntermediateLpBoundsAreSoundAndNeverLooserTest {

    @ParameterizedTest(name = "seed {0}, {1} inputs")
    @CsvSource({"41,3", "42,5", "43,8"})
    void lpTightenedBoundsContainEverySampledValueAndNarrowNoNeuron(long seed, int inputs) {
        Network net = RandomNetworks.fullyConnected(seed, inputs, new int[] {12, 12, 12}, 3);
        Box box = RandomNetworks.box(seed + 100, inputs, 1.0);
        Bounds[] start = new QueryBounder(net).intermediate(box, ReluSplits.NONE, null, 0, true).bounds();
        IntermediateLp.Result r = new IntermediateLp(net).tighten(box, start, 2, 2, Deadline.NONE);
        Bounds[] tight = r.bounds();
        double before = 0;
        double after = 0;
        for (int j = 0; j < start.length; j++) {
            for (int i = 0; i < start[j].size(); i++) {
                assertTrue(tight[j].lower()[i] >= start[j].lower()[i] && tight[j].upper()[i] <= start[j].upper()[i],
                        "node " + j + " neuron " + i + " got looser");
                before += start[j].upper()[i] - start[j].lower()[i];
                after += tight[j].upper()[i] - tight[j].lower()[i];
            }
        }
        assertTrue(after < before, "LP narrowed nothing: total width " + before + " -> " + after + ", notes " + r.notes());
        for (double[] x : Sampler.points(box, 2000, seed, 6)) {
            double[][] v = net.evaluateAll(x);
            for (int j = 0; j < v.length; j++) {
                for (int i = 0; i < v[j].length; i++) {
                    assertTrue(tight[j].lower()[i] <= v[j][i] + 1e-9 && v[j][i] <= tight[j].upper()[i] + 1e-9,
                            "node " + j + " neuron " + i + " value " + v[j][i] + " outside " + tight[j].lower()[i]
                                    + ".." + tight[j].upper()[i]);
                }
            }
        }
    }
}
