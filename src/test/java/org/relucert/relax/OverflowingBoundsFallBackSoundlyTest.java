package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * Intermediate bounds that overflow (weights near the largest double) made the LP domains crash with "LP
 * variable needs finite bounds" (../shared/repro/lp_crash_1e308_chain.json); now every LP and MILP domain
 * keeps the IBP/DeepPoly bounds, says so in a note, and stays above the value reached at (1, 0).
 */
class OverflowingBoundsFallBackSoundlyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"triangle", "triangle-dp", "multi:1", "multi:2", "layer", "krelu:2", "exact"})
    void lpDomainsKeepTheSoundBoundsWithANote(String domain) {
        double w = 1e308;
        Network net = new Network(2, List.of(
                Affine.of("h", new int[] {Network.INPUT}, new int[] {2}, new double[][] {{w, -w}, {1, 1}},
                        new double[] {0, 0}),
                new Relu("r", 0, 2),
                Affine.of("y", new int[] {1}, new int[] {2}, new double[][] {{1, 1}}, new double[] {0})), 2);
        Box box = new Box(new double[] {0, 0}, new double[] {1, 1});
        Analysis a = Domains.parse(domain).analyse(net, box);
        double reached = net.evaluate(new double[] {1, 0})[0];
        assertTrue(a.output().upper()[0] >= reached, domain + ": upper " + a.output().upper()[0] + " < " + reached);
        assertTrue(a.output().lower()[0] <= 0, domain + ": lower " + a.output().lower()[0] + " > value 0 at (0, 0)");
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("not built")), domain + " notes: " + a.notes());
        assertTrue(a.allProven(), domain + ": the fall-back bounds are rigorous");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"triangle", "multi:1", "layer", "exact"})
    void anInfiniteIntermediateBoundIsNoCrash(String domain) {
        double w = 1e308;
        Network net = new Network(2, List.of(
                Affine.of("h", new int[] {Network.INPUT}, new int[] {2}, new double[][] {{w, w}}, new double[] {w}),
                new Relu("r", 0, 1),
                Affine.of("y", new int[] {1, Network.INPUT}, new int[] {1, 2}, new double[][] {{w, -w, w}},
                        new double[] {-w})), 2);
        Analysis a = Domains.parse(domain).analyse(net, new Box(new double[] {0, 0}, new double[] {1, 1}));
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("not built")), domain + " notes: " + a.notes());
        assertTrue(a.allProven(), domain + ": the fall-back bounds are rigorous");
        assertTrue(a.output().upper()[0] == Double.POSITIVE_INFINITY, domain + ": upper " + a.output().upper()[0]);
    }
}
