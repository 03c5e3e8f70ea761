package org.relucert.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/**
 * The precision lab on random convolutional / residual networks of one input ({@link UnivariateConvNetworks})
 * with the IBP and DeepPoly domains: a precision search ends with a sound witness whose fresh gap matches the
 * search's (no gap at all on a ReLU-free network), its exact range is attained and contains every sampled
 * output, and the gaps of boxes and gap maps equal those of the network's dense lowering.
 */
class PrecisionOnConvNetworksTest {
    /** Built directly rather than by name, so the test does not depend on where the registry lives. */
    private static final List<Relaxation> DOMAINS = List.of(new Ibp(), new DeepPoly(DeepPoly.SlopeRule.ZERO),
            new DeepPoly(DeepPoly.SlopeRule.ONE), new DeepPoly(DeepPoly.SlopeRule.AREA));
    private static final Box OVER = new Box(new double[] {-1.5}, new double[] {1.5});
    private static final double TOL = 1e-9;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 10);
    }

    private static double tol(double v) {
        return TOL * Math.max(1, Math.abs(v));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void precisionSearchOnAConvNetworkEndsWithASoundReVerifiedWitness(long seed) {
        Network net = UnivariateConvNetworks.of(seed, 24);
        for (Relaxation domain : DOMAINS) {
            PrecisionSearch.Options options = PrecisionSearch.Options.defaults().withBudget(120).withSeed(seed)
                    .withThreads(1);
            PrecisionSearch.Result r = new PrecisionSearch(net, domain, OVER, options).run();
            String what = domain.name() + " on seed " + seed;
            assertTrue(r.verified(), what + ": the witness's fresh gap differs from the search's");
            assertEquals(0, r.unsound(), what + ": unsound boxes");
            assertEquals(0, r.failed(), what + ": boxes without an exact range: " + r.firstFailure());
            assertTrue(r.boxesChecked() >= 100, what + ": " + r.boxesChecked() + " boxes checked");
            BoxGap w = r.witness();
            assertTrue(w.gap() >= 0 && !w.unsound(), what + ": witness gap " + w.lowerGap() + ", " + w.upperGap());
            assertEquals(w.exactWithinTolerance(), r.verdict() == PrecisionSearch.Verdict.NO_GAP_FOUND, what);
            assertExactRangeIsRight(net, w, seed);
            if (net.reluCount() == 0 && domain.name().startsWith("deeppoly")) {
                // a ReLU-free network is affine, and back-substitution to the input is exact on it
                assertEquals(PrecisionSearch.Verdict.NO_GAP_FOUND, r.verdict(), what + " on an affine network");
            }
        }
    }

    /** The exact range is attained at its arg-min and arg-max and contains the output at sampled points. */
    private static void assertExactRangeIsRight(Network net, BoxGap g, long seed) {
        double min = g.exact().min();
        double max = g.exact().max();
        assertNotNull(g.exact().argMin(), "breakpoints give witnesses");
        assertEquals(min, net.evaluate(g.exact().argMin())[g.output()], tol(min), "min attained");
        assertEquals(max, net.evaluate(g.exact().argMax())[g.output()], tol(max), "max attained");
        for (double[] x : Sampler.points(g.box(), 200, seed, 1)) {
            double y = net.evaluate(x)[g.output()];
            assertTrue(y >= min - tol(min) && y <= max + tol(max), "h(" + x[0] + ") = " + y + " outside the exact"
                    + " range [" + min + ", " + max + "] of " + g.box());
            assertTrue(y >= g.domainLower() - tol(y) && y <= g.domainUpper() + tol(y), g.domain() + " bounds ["
                    + g.domainLower() + ", " + g.domainUpper() + "] cut off h(" + x[0] + ") = " + y);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gapOfABoxOfAConvNetworkEqualsTheGapOfItsDenseLowering(long seed) {
        Network net = UnivariateConvNetworks.of(seed, 24);
        Network dense = DenseLowering.lower(net);
        for (int k = 0; k < 5; k++) {
            Box box = RandomNetworks.box(seed * 10 + k, 1, 1.5);
            for (Relaxation r : DOMAINS) {
                BoxGap g = Gaps.of(net, box, r);
                BoxGap d = Gaps.of(dense, box, r);
                String what = r.name() + " on " + box + ", seed " + seed;
                assertFalse(g.unsound(), what + " unsound");
                assertEquals(d.lowerGap(), g.lowerGap(), 1e-8 * g.exact().scale(), what + " lower gap");
                assertEquals(d.upperGap(), g.upperGap(), 1e-8 * g.exact().scale(), what + " upper gap");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gapMapOfAConvNetworkEqualsTheGapMapOfItsDenseLowering(long seed) {
        Network net = UnivariateConvNetworks.of(seed, 24);
        Relaxation dp0 = DOMAINS.get(1);
        GapMap m = GapMap.compute(net, dp0, OVER, 15, 0, Tolerance.DEFAULT, 1);
        GapMap d = GapMap.compute(DenseLowering.lower(net), dp0, OVER, 15, 0, Tolerance.DEFAULT, 1);
        assertTrue(m.cells() > 0 && m.maxGap() >= 0, "cells " + m.cells() + ", max gap " + m.maxGap());
        assertEquals(d.maxGap(), m.maxGap(), 1e-8 * Math.max(1, d.maxGap()), "max gap");
        assertEquals(d.exactFraction(), m.exactFraction(), 1e-12, "share of exact intervals");
    }
}
