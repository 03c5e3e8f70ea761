package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.domains.Domains;
import org.relucert.exact.MilpExact;
import org.relucert.exact.PatternEnumeration;
import org.relucert.exact.Range;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * The LP, hull and MILP domains on small convolutional networks with residual sums: every sampled point's
 * node values lie within every domain's bounds, and on tiny networks {@code exact} is the sampled range
 * (within 1e-3 by sampling alone, within 1e-6 once its witnesses are sampled too) and pattern
 * enumeration, an independent exact method, agrees.
 */
class LpDomainsAreSoundOnConvAndResidualNetworksTest {

    private static final List<String> DOMAINS = List.of("triangle", "triangle-dp", "multi:1", "multi:2", "krelu:2",
            "layer:patterns=256", "exact");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    /** Odd seeds: a 1x3x3 image; even seeds: a 1-D signal of 1 or 2 channels and length 5. */
    static Network network(long seed) {
        return seed % 2 == 1 ? ConvNetworks.of(seed, 1, 3, 3) : ConvNetworks.of(seed, 1 + (int) (seed / 2 % 2), 1, 5);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sampledNodeValuesLieWithinEveryDomainsBounds(long seed) {
        Network net = network(seed);
        Box box = RandomNetworks.box(seed + 50, net.inputSize(), 1.0);
        List<double[]> points = Sampler.points(box, 500, seed, 10);
        int analysed = 0;
        for (String domain : DOMAINS) {
            Analysis a;
            try {
                a = Domains.parse(domain).analyse(net, box);
            } catch (InvalidInputException e) {
                assertTrue(domain.startsWith("layer") && e.getMessage().contains("activation patterns"), e.getMessage());
                continue;
            }
            analysed++;
            for (double[] x : points) {
                double[][] values = net.evaluateAll(x);
                assertWithin(a.output(), values[net.output()], domain + " output", x);
                for (int j = 0; j < values.length; j++) {
                    assertNotNull(a.nodes()[j], domain + " gave no bounds for node " + net.nameOf(j));
                    assertWithin(a.nodes()[j], values[j], domain + " node " + net.nameOf(j), x);
                }
            }
        }
        assertTrue(analysed >= DOMAINS.size() - 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactIsTheSampledRangeOnTinyNetworks(long seed) {
        Network net = ConvNetworks.of(seed, 1, 1, 3);
        Box box = RandomNetworks.box(seed + 70, net.inputSize(), 1.5);
        MilpExact.Result m = new MilpExact().solve(net, box);
        assertTrue(m.analysis().notes().isEmpty(), m.analysis().notes().toString());
        Sampler.Range s = Sampler.refinedRange(net, box, 3000, seed);
        for (int i = 0; i < net.outputSize(); i++) {
            double lo = m.analysis().lower()[i];
            double hi = m.analysis().upper()[i];
            double scale = 1 + Math.abs(lo) + Math.abs(hi);
            assertTrue(lo <= s.min()[i] && hi >= s.max()[i], "exact is sound on output " + i);
            // Sampling with compass search can miss a thin region by ~1e-4; the MILP witness is a sample too.
            assertEquals(s.min()[i], lo, 1e-3 * scale, "sampled min of output " + i);
            assertEquals(s.max()[i], hi, 1e-3 * scale, "sampled max of output " + i);
            double sampledMin = Math.min(s.min()[i], net.evaluate(m.lowerWitness()[i])[i]);
            double sampledMax = Math.max(s.max()[i], net.evaluate(m.upperWitness()[i])[i]);
            assertEquals(sampledMin, lo, 1e-6 * scale, "min of output " + i + " with the witness sampled");
            assertEquals(sampledMax, hi, 1e-6 * scale, "max of output " + i + " with the witness sampled");
            Range pe = new PatternEnumeration(40).range(net, box, i);
            assertEquals(pe.min(), lo, 1e-6 * scale, "pattern enumeration min " + i);
            assertEquals(pe.max(), hi, 1e-6 * scale, "pattern enumeration max " + i);
        }
        for (String domain : List.of("multi:2:exact", "krelu:2:exact", "layer")) {
            Analysis a = Domains.parse(domain).analyse(net, box);
            for (int i = 0; i < net.outputSize(); i++) {
                // exact widens SCIP's dual bound by MilpExact.PAD·(1+|b|) by design
                double tl = 1e-7 + org.relucert.exact.MilpExact.PAD * (1 + Math.abs(m.analysis().lower()[i]));
                double tu = 1e-7 + org.relucert.exact.MilpExact.PAD * (1 + Math.abs(m.analysis().upper()[i]));
                assertTrue(a.lower()[i] <= m.analysis().lower()[i] + tl && a.upper()[i] >= m.analysis().upper()[i] - tu,
                        domain + " is inside the exact range on output " + i);
            }
        }
    }

    private static void assertWithin(Bounds b, double[] value, String what, double[] x) {
        for (int i = 0; i < value.length; i++) {
            if (!b.contains(i, value[i], 1e-7)) {
                throw new AssertionError(what + "[" + i + "] = " + value[i] + " outside [" + b.lower()[i] + ", "
                        + b.upper()[i] + "] at x = " + java.util.Arrays.toString(x));
            }
        }
    }
}
