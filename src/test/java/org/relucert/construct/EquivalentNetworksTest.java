package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/** Random equivalent networks keep the function; for max(x1, x2) each still has the witness box [0,1]^2. */
class EquivalentNetworksTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomEquivalentsKeepTheFunction(long seed) {
        Network h = RandomNetworks.dag(seed, 2, 1 + (int) (seed % 3), 3, 0.3, 1);
        Network g = EquivalentNetworks.random(h, seed);
        for (double[] x : Sampler.points(Box.cube(2, -2, 2), 1000, seed, 2)) {
            double y = h.evaluate(x)[0];
            assertEquals(y, g.evaluate(x)[0], Checks.tol(y));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void everyEquivalentOfTheMaxChainStillOvershootsOnTheUnitSquare(long seed) {
        MaxMinFunction max = MaxMinFunction.nestedMax(2);
        Network g = EquivalentNetworks.random(Encoders.encode(max, "multi").network(), seed);
        Box unit = Box.cube(2, 0, 1);
        for (double[] x : Sampler.points(unit, 500, seed, 2)) {
            assertEquals(max.evaluate(x), g.evaluate(x)[0], 1e-9);
        }
        for (Relaxation r : new Relaxation[] {new DeepPoly(DeepPoly.SlopeRule.ZERO), new DeepPoly(DeepPoly.SlopeRule.ONE),
                Checks.domainOrNull("triangle")}) {
            if (r == null) {
                continue;
            }
            Analysis a = r.analyse(g, unit);
            assertTrue(a.upper()[0] > 1 + 1e-6, r.name() + " upper " + a.upper()[0] + " on [0,1]^2 (T6 witness)");
            assertTrue(a.lower()[0] <= 1e-9, r.name() + " lower is sound");
        }
    }
}
