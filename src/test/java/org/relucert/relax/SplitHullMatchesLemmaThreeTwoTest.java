package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.InvalidInputException;
import org.relucert.construct.InputCopies;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/** min f_2(conv(f_1(X))) of P2-v3 Lemma 3.2, computed exactly on the phantom network (THEORY §7.8). */
class SplitHullMatchesLemmaThreeTwoTest {

    private static final double TOL = 1e-6;

    private static List<Integer> reluNodes(Network net) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.relu(j) != null) {
                out.add(j);
            }
        }
        return out;
    }

    @Test
    void firstSplitOfThePhantomNetworkReachesThePhantomPointWithAndWithoutCopies() {
        Box x = Box.cube(2, -1, 1);
        for (Network net : List.of(TheoryNetworks.phantom(), InputCopies.apply(TheoryNetworks.phantom(), x))) {
            List<Integer> relus = reluNodes(net);
            double[] first = SplitHull.range(net, x, relus.get(0), 0);
            assertEquals(0, first[0], TOL);
            assertEquals(2, first[1], TOL);
            double[] last = SplitHull.range(net, x, relus.get(relus.size() - 1), 0);
            assertEquals(1, last[0], TOL, "the last hidden layer's hull gives the exact minimum");
            assertEquals(2, last[1], TOL);
        }
    }

    @Test
    void splitRangeContainsTheSampledRange() {
        for (long seed = 1; seed <= 3; seed++) {
            Network net = RandomNetworks.fullyConnected(seed, 2, new int[] {3, 3, 3}, 1);
            Box box = RandomNetworks.box(seed, 2, 1);
            Sampler.Range r = Sampler.range(net, box, 500, seed);
            for (int split : reluNodes(net)) {
                double[] range = SplitHull.range(net, box, split, 0);
                assertTrue(range[0] <= r.min()[0] + 1e-7 && range[1] >= r.max()[0] - 1e-7, "seed " + seed);
            }
        }
    }

    @Test
    void refusesANonReluSplit() {
        assertThrows(InvalidInputException.class, () -> SplitHull.range(TheoryNetworks.phantom(), Box.cube(2, -1, 1), 0, 0));
    }
}
