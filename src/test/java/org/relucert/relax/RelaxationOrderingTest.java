package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * On random networks and boxes: every bound contains the sampled outputs, and the domains nest as
 * theory says (exact inside layer:exact inside layer inside multi:4 inside multi:2 inside multi:1 inside
 * triangle inside DeepPoly; krelu inside triangle; triangle inside triangle-dp; overlapping groups inside
 * the consecutive ones they contain).
 */
class RelaxationOrderingTest {

    private static final String[] DOMAINS = {"exact", "layer:exact", "layer", "multi:4", "multi:2:overlap", "multi:2", "multi:1",
        "krelu:2", "triangle", "triangle-dp", "deeppoly0", "deeppoly1", "deeppoly", "ibp"};

    /** Pairs (inner, outer): inner's interval must lie inside outer's. */
    private static final String[][] INSIDE = {
        {"exact", "layer:exact"}, {"layer:exact", "layer"}, {"layer", "multi:4"}, {"multi:4", "multi:2"}, {"multi:2:overlap", "multi:2"},
        {"multi:2", "multi:1"}, {"multi:1", "triangle"}, {"krelu:2", "triangle"}, {"triangle", "triangle-dp"},
        {"triangle", "deeppoly0"}, {"triangle", "deeppoly1"}, {"triangle", "deeppoly"},
    };

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void domainsNestAndContainSamples(long seed) {
        int inputs = 2 + (int) (seed % 2);
        Network net = RandomNetworks.fullyConnected(seed, inputs, new int[] {5, 5}, 2);
        Box box = RandomNetworks.box(seed * 7, inputs, 1.0);
        Map<String, Analysis> results = new LinkedHashMap<>();
        for (String d : DOMAINS) {
            results.put(d, Domains.parse(d).analyse(net, box));
        }
        Sampler.Range samples = Sampler.range(net, box, 1000, seed);
        for (Map.Entry<String, Analysis> e : results.entrySet()) {
            Analysis a = e.getValue();
            assertTrue(a.notes().isEmpty(), e.getKey() + ": " + a.notes());
            for (int i = 0; i < net.outputSize(); i++) {
                assertTrue(a.lower()[i] <= samples.min()[i] + 1e-9 && a.upper()[i] >= samples.max()[i] - 1e-9,
                        e.getKey() + " excludes a sampled output on output " + i);
            }
        }
        for (String[] pair : INSIDE) {
            Analysis in = results.get(pair[0]);
            Analysis out = results.get(pair[1]);
            for (int i = 0; i < net.outputSize(); i++) {
                // exact widens SCIP's dual bound by MilpExact.PAD (its feasibility tolerance) on purpose
                double rel = 1e-6 + (pair[0].equals("exact") ? org.relucert.exact.MilpExact.PAD : 0);
                double tl = rel * (1 + Math.abs(out.lower()[i]));
                double tu = rel * (1 + Math.abs(out.upper()[i]));
                assertTrue(in.lower()[i] >= out.lower()[i] - tl && in.upper()[i] <= out.upper()[i] + tu,
                        pair[0] + " [" + in.lower()[i] + ", " + in.upper()[i] + "] not inside " + pair[1]
                                + " [" + out.lower()[i] + ", " + out.upper()[i] + "], output " + i);
            }
        }
    }
}
