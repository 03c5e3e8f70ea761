package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A warm-started solve that runs past its cap has strayed from a poor basis: it is solved once more from
 * scratch (with the cold cap) instead of falling back, and the retry gives the bound a fresh model gives.
 * An explicit cap, which tests use to force failures, gets no retry.
 */
class StrayedWarmSolveIsRetriedFromScratchTest {
    private static final int VARS = 24;
    private static final int ROWS = 40;

    /** A random polytope: the box [-1, 1]^VARS cut by ROWS random half-spaces a.x <= 1. */
    private static LpModel polytope(long seed) {
        Random r = new Random(seed);
        LpModel m = new LpModel();
        int[] vars = new int[VARS];
        for (int i = 0; i < VARS; i++) {
            vars[i] = m.addVariable(-1, 1);
        }
        for (int k = 0; k < ROWS; k++) {
            double[] a = new double[VARS];
            for (int i = 0; i < VARS; i++) {
                a[i] = r.nextGaussian();
            }
            m.addRow(vars, a, -1e6, 1);
        }
        return m;
    }

    private static int[] allVars() {
        int[] v = new int[VARS];
        for (int i = 0; i < VARS; i++) {
            v[i] = i;
        }
        return v;
    }

    private static double[] objective(long seed) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        double[] c = new double[VARS];
        for (int i = 0; i < VARS; i++) {
            c[i] = r.nextGaussian();
        }
        return c;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aWarmSolvePastItsCapIsRetriedAndGivesTheFreshModelsBound(long seed) {
        double[] c = objective(seed);
        double[] minus = new double[VARS];
        for (int i = 0; i < VARS; i++) {
            minus[i] = -c[i];
        }
        double fresh;
        try (LpModel m = polytope(seed)) {
            LpModel.Outcome o = m.minimise(allVars(), minus, 0);
            assertTrue(o.ok(), "a fresh model solves: " + o.status());
            fresh = o.bound();
        }
        try (LpModel m = polytope(seed)) {
            assertTrue(m.minimise(allVars(), c, 0).ok(), "the first, cold, solve");
            m.setWarmIterationCap(1);
            long retries = LpModel.retryCount();
            // the opposite objective: one simplex iteration from the first optimum cannot reach the second
            LpModel.Outcome o = m.minimise(allVars(), minus, 0);
            assertEquals(retries + 1, LpModel.retryCount(), "the warm solve strayed past its cap and was retried");
            assertTrue(o.ok(), "the retry from scratch solves: " + o.status());
            assertEquals(fresh, o.bound(), 1e-7 * (1 + Math.abs(fresh)));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void aSolvePastAnExplicitCapFallsBackWithoutARetry(long seed) {
        double[] c = objective(seed);
        try (LpModel m = polytope(seed)) {
            assertTrue(m.minimise(allVars(), c, 0).ok(), "the first solve, uncapped");
            m.setIterationLimit(1);
            long retries = LpModel.retryCount();
            LpModel.Outcome o = m.maximise(allVars(), c, 0);
            assertFalse(o.ok(), "one iteration cannot reach the opposite optimum");
            assertEquals(Double.POSITIVE_INFINITY, o.bound(), "a failed solve gives the sound infinite bound");
            assertEquals(retries, LpModel.retryCount(), "an explicit cap is not retried");
        }
    }
}
