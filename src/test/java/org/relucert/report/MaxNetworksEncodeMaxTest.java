package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

class MaxNetworksEncodeMaxTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomEquivalentNetworksComputeMaxEverywhere(long seed) {
        for (int k = 0; k < 4; k++) {
            Network net = RandomMaxNetworks.generate(seed, k).network();
            SplittableRandom rnd = new SplittableRandom(seed + 100 * k);
            for (int i = 0; i < 1000; i++) {
                double[] x = {rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3)};
                assertEquals(Math.max(x[0], x[1]), net.evaluate(x)[0], 1e-9, "seed " + seed + " network " + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void layeredNestedMaxComputesMaxOnTheUnitCube(int d) {
        Network net = LayeredNestedMax.of(d);
        SplittableRandom rnd = new SplittableRandom(d);
        for (int i = 0; i < 1000; i++) {
            double[] x = new double[d];
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < d; j++) {
                x[j] = rnd.nextDouble();
                m = Math.max(m, x[j]);
            }
            assertEquals(m, net.evaluate(x)[0], 1e-12);
        }
    }

    @Test
    void layeredNestedMaxHasTheTheoryTriangleBoundsAndExactHullBound() {
        double[] expected = NestedMaxSection.SINGLE_NEURON_UPPER;
        for (int d = 2; d <= 5; d++) {
            Analysis t = Domains.parse("triangle").analyse(LayeredNestedMax.of(d), Box.cube(d, 0, 1));
            assertEquals(expected[d - 2], t.upper()[0], 5e-4, "triangle d = " + d);
            Analysis m = Domains.parse("multi:1:exact").analyse(LayeredNestedMax.of(d), Box.cube(d, 0, 1));
            assertEquals(1.0, m.upper()[0], 1e-6, "multi:1:exact d = " + d);
        }
    }
}
