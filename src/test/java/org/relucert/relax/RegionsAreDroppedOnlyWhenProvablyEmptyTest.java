package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;

/**
 * A region is dropped only when it is provably empty ({@link ElasticRegion}), never on GLOP's "infeasible"
 * alone: the slivers of {@link Slivers} hold a point in exact arithmetic, GLOP calls some of them infeasible,
 * and they must be kept, with bounds that contain the point; regions that are truly empty are still dropped.
 */
class RegionsAreDroppedOnlyWhenProvablyEmptyTest {

    private static final int SEEDS = 1000;

    private static List<Slivers.Sliver> glopInfeasible() {
        List<Slivers.Sliver> s = Slivers.glopInfeasible(SEEDS);
        assertFalse(s.isEmpty(), "precondition: GLOP calls some of the " + SEEDS + " slivers infeasible");
        return s;
    }

    private static LpModel model(Slivers.Sliver s, List<LpModel.Row> extra) {
        LpModel m = new LpModel();
        for (int i = 0; i < Slivers.DIM; i++) {
            m.addVariable(0, 1);
        }
        List<LpModel.Row> rows = new ArrayList<>(Slivers.rows(s));
        rows.addAll(extra);
        for (LpModel.Row r : rows) {
            m.addRow(r.vars(), r.coefs(), r.lb(), r.ub());
        }
        return m;
    }

    @Test
    void aSliverThatGlopCallsInfeasibleHoldsItsPointAndIsNotDeclaredEmpty() {
        for (Slivers.Sliver s : glopInfeasible()) {
            for (int k = 0; k < Slivers.ROWS; k++) {
                assertTrue(Slivers.dot(s.a()[k], s.point()).compareTo(new BigDecimal(s.b()[k])) >= 0,
                        "seed " + s.seed() + ": the point lies in row " + k + " exactly");
            }
            try (LpModel m = model(s, List.of())) {
                assertNotEquals(LinearProgram.Status.INFEASIBLE, m.feasibility(), "seed " + s.seed());
            }
            assertFalse(ElasticRegion.decide(new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1}, Slivers.rows(s), 0,
                    Deadline.NONE, 10).empty(), "seed " + s.seed());
        }
    }

    @Test
    void boundsOverASliverThatGlopCallsInfeasibleContainItsPoint() {
        Random rnd = new Random(3);
        for (Slivers.Sliver s : glopInfeasible()) {
            double[] c = new double[Slivers.DIM];
            for (int i = 0; i < c.length; i++) {
                c[i] = rnd.nextGaussian();
            }
            BigDecimal value = Slivers.dot(c, s.point());
            try (LpModel m = model(s, List.of())) {
                int[] v = {0, 1, 2, 3};
                LpModel.Outcome lo = m.minimise(v, c, 0);
                LpModel.Outcome hi = m.maximise(v, c, 0);
                assertTrue(lo.ok() && hi.ok(), "seed " + s.seed() + ": " + lo.status() + "/" + hi.status());
                assertTrue(new BigDecimal(lo.bound()).compareTo(value) <= 0, "seed " + s.seed() + " lower");
                assertTrue(new BigDecimal(hi.bound()).compareTo(value) >= 0, "seed " + s.seed() + " upper");
            }
        }
    }

    @Test
    void aSliverCutOffByARowIsStillProvedEmpty() {
        for (Slivers.Sliver s : glopInfeasible()) {
            // a_0 . x >= b_0 and a_0 . x <= b_0 - 1e-3: empty by 1e-3
            LpModel.Row cut = new LpModel.Row(new int[] {0, 1, 2, 3}, s.a()[0], Double.NEGATIVE_INFINITY, s.b()[0] - 1e-3);
            try (LpModel m = model(s, List.of(cut))) {
                assertEquals(LinearProgram.Status.INFEASIBLE, m.feasibility(), "seed " + s.seed());
                LpModel.Outcome lo = m.minimise(new int[] {0}, new double[] {1}, 0);
                assertFalse(lo.ok(), "seed " + s.seed());
                assertEquals(LinearProgram.Status.INFEASIBLE, lo.status(), "seed " + s.seed());
            }
        }
    }

    @Test
    void aRegionEmptyByMoreThanTheSlackIsProvedEmptyAndOneEmptyByLessIsKept() {
        double[] lo = {0};
        double[] hi = {1};
        // x >= 0.5 and x <= 0.5 - gap on [0, 1]
        for (double gap : new double[] {1e-3, 1e-1}) {
            List<LpModel.Row> rows = List.of(new LpModel.Row(new int[] {0}, new double[] {1}, 0.5, Double.POSITIVE_INFINITY),
                    new LpModel.Row(new int[] {0}, new double[] {1}, Double.NEGATIVE_INFINITY, 0.5 - gap));
            assertTrue(ElasticRegion.decide(lo, hi, rows, 0, Deadline.NONE, 10).empty(), "gap " + gap);
            assertTrue(ElasticRegion.decide(lo, hi, rows, gap / 4, Deadline.NONE, 10).empty(), "gap " + gap);
            ElasticRegion.Verdict wide = ElasticRegion.decide(lo, hi, rows, gap, Deadline.NONE, 10);
            assertFalse(wide.empty(), "gap " + gap + ", relaxed by as much");
            assertEquals(0.5 - gap / 2, wide.point()[0], gap / 2 + 1e-9, "gap " + gap);
        }
    }

    @Test
    void hullPatternsKeepTheSliverThatGlopCallsInfeasible() {
        for (Slivers.Sliver s : glopInfeasible()) {
            double[] bias = new double[Slivers.ROWS];
            boolean[] pattern = new boolean[Slivers.ROWS];
            for (int k = 0; k < bias.length; k++) {
                bias[k] = -s.b()[k];
                pattern[k] = Slivers.dot(s.a()[k], s.point()).compareTo(new BigDecimal(s.b()[k])) >= 0;
            }
            DisjunctiveHull.CoupledSet set = new DisjunctiveHull.CoupledSet(new int[] {0, 1, 2, 3},
                    new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1}, List.of());
            List<boolean[]> patterns = DisjunctiveHull.patterns(set,
                    new DisjunctiveHull.Group(s.a(), bias, new int[Slivers.ROWS]), 1 << 10, "sliver");
            assertTrue(patterns.stream().anyMatch(p -> Arrays.equals(p, pattern)),
                    "seed " + s.seed() + ": the pattern of the sliver's point is kept");
        }
    }

    @Test
    void hullPatternsStillDropAPhaseThatIsTrulyEmpty() {
        // z_0 = x_0 - 2 < 0 and z_1 = x_1 - 0.5 of both signs on [0, 1]^2
        DisjunctiveHull.CoupledSet set = new DisjunctiveHull.CoupledSet(new int[] {0, 1}, new double[] {0, 0},
                new double[] {1, 1}, List.of());
        List<boolean[]> patterns = DisjunctiveHull.patterns(set, new DisjunctiveHull.Group(
                new double[][] {{1, 0}, {0, 1}}, new double[] {-2, -0.5}, new int[2]), 16, "test");
        assertEquals(2, patterns.size());
        assertTrue(patterns.stream().noneMatch(p -> p[0]));
    }
}
