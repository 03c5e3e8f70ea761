package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.construct.InputCopies;
import org.relucert.construct.PhantomNetwork;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The layer-wise hull over the whole LP polytope grows its model many times over between solves. Warm-started
 * from the basis of the much smaller model, GLOP stalled on the phantom network with input copies (167,820
 * iterations, over two minutes, for one output bound, then a fallback to the DeepPoly bound); a model that has
 * more than doubled is solved from scratch, and a warm solve that strays past its cap is retried from scratch.
 */
class GrownLpModelIsSolvedFromScratchTest {

    @ParameterizedTest
    @ValueSource(doubles = {1, 2, 5, 10})
    void theLayerHullOfThePhantomNetworkWithInputCopiesSolvesEveryLpWithoutStalling(double scale) {
        Box x = Box.cube(2, -1, 1);
        Network copies = InputCopies.apply(PhantomNetwork.of(scale), x);
        long before = LpModel.iterationCount();
        Analysis a = Domains.parse("layer:exact").analyse(copies, x);
        long iterations = LpModel.iterationCount() - before;
        assertTrue(a.notes().isEmpty(), "no solve may fail or fall back: " + a.notes());
        // the phantom point (1, 1) is in the hull (THEORY.md §7.8), so the lower bound is 0; the exact range is [T, 2T]
        assertEquals(0, a.lower()[0], 1e-6 * scale);
        assertTrue(a.upper()[0] >= 2 * scale - 1e-9, "unsound upper bound " + a.upper()[0]);
        assertTrue(iterations < 20_000, iterations + " simplex iterations");
    }
}
