package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.domains.Domains;
import org.relucert.net.ConvCases;
import org.relucert.net.ForwardForms;
import org.relucert.net.Network;

/**
 * Soundness on seeded random convolutional and residual networks (1-D and 2-D; see {@link ConvCases}): at
 * uniform points and random corners of random boxes, the output and every node's value lie within the
 * bounds of every domain of {@link #DOMAINS}, and within the forward symbolic forms of every node.
 * A domain that handles Conv and Add joins the test by its name in {@link #DOMAINS}.
 */
class DomainsAreSoundOnRandomConvNetworksTest {
    private static final double TOL = 1e-9;
    private static final int RANDOM_POINTS = 1000;
    /** Domains that support Conv and Add nodes (the LP-based ones will join when they do). */
    private static final List<String> DOMAINS = List.of("ibp", "deeppoly0", "deeppoly1", "deeppoly");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 120);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySampledOutputAndNodeValueLiesWithinEveryDomainsBounds(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        Network net = c.net();
        List<double[]> points = ConvCases.points(c.box(), RANDOM_POINTS, seed);
        assertTrue(points.size() >= RANDOM_POINTS);
        double[][][] values = points.stream().map(net::evaluateAll).toArray(double[][][]::new);
        for (String domain : DOMAINS) {
            Analysis a = Domains.parse(domain).analyse(net, c.box());
            for (Bounds b : a.nodes()) {
                assertTrue(Arrays.stream(b.lower()).allMatch(Double::isFinite)
                        && Arrays.stream(b.upper()).allMatch(Double::isFinite), () -> c + " " + domain + " not finite");
            }
            for (int p = 0; p < values.length; p++) {
                assertWithin(a.output(), values[p][net.output()], () -> c + " " + domain + " output", points.get(p));
                for (int j = 0; j < values[p].length; j++) {
                    int node = j;
                    Bounds b = a.nodes()[j];
                    assertNotNull(b, () -> domain + " computed no bounds for node " + net.nameOf(node));
                    assertWithin(b, values[p][j], () -> c + " " + domain + " node " + net.nameOf(node), points.get(p));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySampledNodeValueLiesBetweenItsForwardForms(long seed) {
        ConvCases.Case c = ConvCases.of(seed);
        Network net = c.net();
        List<double[]> points = ConvCases.points(c.box(), RANDOM_POINTS / 4, seed);
        for (String rule : new String[] {"zero", "one", "area"}) {
            ForwardForms.Pass pass = ForwardForms.run(net, c.box(), ForwardForms.slopes(rule));
            Bounds[] concrete = new Bounds[net.nodes().size()];
            for (int j = 0; j < concrete.length; j++) {
                double[][] b = pass.concretise(j, c.box());
                concrete[j] = new Bounds(b[0], b[1]);
            }
            for (double[] x : points) {
                double[][] values = net.evaluateAll(x);
                for (int j = 0; j < values.length; j++) {
                    int node = j;
                    Supplier<String> what = () -> c + " forward " + rule + " node " + net.nameOf(node);
                    assertWithin(concrete[j], values[j], what, x);
                    assertWithinForms(pass, j, values[j], x, what);
                }
            }
        }
    }

    /** low(x) <= value <= high(x) entry by entry: the forms themselves bound the node, not only their range. */
    private static void assertWithinForms(ForwardForms.Pass pass, int j, double[] value, double[] x,
                                          Supplier<String> what) {
        int width = pass.width();
        int n = value.length;
        double[] low = pass.forms()[j][0];
        double[] high = pass.forms()[j][1];
        for (int r = 0; r < n; r++) {
            double lo = low[(width - 1) * n + r];
            double hi = high[(width - 1) * n + r];
            for (int t = 0; t < width - 1; t++) {
                lo += low[t * n + r] * x[t];
                hi += high[t * n + r] * x[t];
            }
            double slack = TOL * Math.max(1, Math.abs(value[r]));
            if (value[r] < lo - slack || value[r] > hi + slack) {
                throw new AssertionError(what.get() + "[" + r + "] = " + value[r] + " outside its forms [" + lo + ", "
                        + hi + "] at x = " + Arrays.toString(x));
            }
        }
    }

    private static void assertWithin(Bounds b, double[] value, Supplier<String> what, double[] x) {
        for (int i = 0; i < value.length; i++) {
            if (!b.contains(i, value[i], TOL)) {
                throw new AssertionError(what.get() + "[" + i + "] = " + value[i] + " outside [" + b.lower()[i] + ", "
                        + b.upper()[i] + "] at x = " + Arrays.toString(x));
            }
        }
    }
}
