package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;

class StableLeafLinearProgramTest {

    /** y = relu(x) + relu(-x) on x in [-1, 1], with the phases fixed to x >= 0 (first active, second inactive). */
    private static final Network ABS = new Network(1, List.of(
            Affine.of("split", new int[] {Network.INPUT}, new int[] {1}, new double[][] {{1}, {-1}}, new double[] {0, 0}),
            new Relu("relu", 0, 2),
            Affine.of("sum", new int[] {1}, new int[] {2}, new double[][] {{1, 1}}, new double[] {0})), 2);
    private static final Box BOX = Box.cube(1, -1, 1);
    private static final ReluSplits POSITIVE = ReluSplits.NONE.with(1, 2, 0, 1).with(1, 2, 1, -1);

    @Test
    void phaseConstraintRulesOutWhatTheBoxBoundCannot() {
        double[][] c = {{1}};
        double[] d = {-0.5}; // unsafe: y <= -0.5, impossible when x >= 0 (y = x)
        QueryBounds qb = new QueryBounder(ABS).bound(BOX, POSITIVE, null, c, d);
        assertFalse(qb.verified(), "the box bound alone cannot see x >= 0");
        LeafLp.Result r = LeafLp.solve(ABS, BOX, POSITIVE, qb.lines(), qb.nodeBounds(), c, d, 5);
        assertTrue(r.infeasible());
    }

    @Test
    void aLeafIsProvedSafeByItsMarginBeyondTheSlackAndNeverWithin() {
        // y = x >= 0 on the leaf; the unsafe set y <= -m is empty by the margin m
        double[][] c = {{1}};
        for (double margin : new double[] {1e-3, 1e-5}) {
            QueryBounds qb = new QueryBounder(ABS).bound(BOX, POSITIVE, null, c, new double[] {-margin});
            assertTrue(LeafLp.solve(ABS, BOX, POSITIVE, qb.lines(), qb.nodeBounds(), c, new double[] {-margin}, 5)
                    .infeasible(), "margin " + margin);
        }
        // within the slack of 1e-6 the elastic LP reaches 0: not proved, whatever a solver's status would say
        QueryBounds qb = new QueryBounder(ABS).bound(BOX, POSITIVE, null, c, new double[] {-1e-7});
        LeafLp.Result r = LeafLp.solve(ABS, BOX, POSITIVE, qb.lines(), qb.nodeBounds(), c, new double[] {-1e-7}, 5);
        assertFalse(r.infeasible());
        assertNotNull(r.candidate(), "the elastic optimum is a candidate for the forward check");
    }

    @Test
    void feasibleLeafGivesAPointThatReallyViolates() {
        double[][] c = {{-1}};
        double[] d = {-0.5}; // unsafe: y >= 0.5
        QueryBounds qb = new QueryBounder(ABS).bound(BOX, POSITIVE, null, c, d);
        LeafLp.Result r = LeafLp.solve(ABS, BOX, POSITIVE, qb.lines(), qb.nodeBounds(), c, d, 5);
        assertFalse(r.infeasible());
        assertNotNull(r.candidate());
        double y = ABS.evaluate(r.candidate())[0];
        assertTrue(r.candidate()[0] >= -1e-6 && y >= 0.5 - 1e-5, "x = " + r.candidate()[0] + ", y = " + y);
    }

    @Test
    void aLeafThatIsNotAffineUnderItsLinesIsLeftUndecided() {
        // no phases fixed: both neurons are unstable on [-1, 1], so the forms are relaxations, not the network
        double[][] c = {{1}};
        double[] d = {-0.5};
        QueryBounds qb = new QueryBounder(ABS).bound(BOX, ReluSplits.NONE, null, c, d);
        LeafLp.Result r = LeafLp.solve(ABS, BOX, ReluSplits.NONE, qb.lines(), qb.nodeBounds(), c, d, 5);
        assertFalse(r.infeasible(), "a relaxed encoding must not prove anything");
        assertTrue(r.candidate() == null);
    }

    /**
     * y = 3·relu(x + fl(1e12/3)) - relu(x + 1e12) on the point x = 0, both neurons stable active: exactly
     * y = 3·fl(1e12/3) - 1e12 = -2^-14 (about -6.1e-5), but the constant of its form rounds to 0 in doubles.
     * The unsafe set y &lt;= -3e-5 holds at x = 0 in real arithmetic, so the leaf must not be proved safe; with
     * the form's constant off by 6.1e-5, beyond the LP's slack of 1e-6, it was.
     */
    @Test
    void aStableLeafWhoseConstantCancelsInDoublesIsNotProvedSafe() {
        double b1 = 1e12 / 3;
        Network net = new Network(1, List.of(
                Affine.of("h", new int[] {Network.INPUT}, new int[] {1}, new double[][] {{1}, {1}}, new double[] {b1, 1e12}),
                new Relu("relu", 0, 2),
                Affine.of("out", new int[] {1}, new int[] {2}, new double[][] {{3, -1}}, new double[] {0})), 2);
        Box point = Box.cube(1, 0, 0);
        double[][] c = {{1}};
        double[] d = {-3e-5};
        java.math.BigDecimal exact = new java.math.BigDecimal(b1).multiply(java.math.BigDecimal.valueOf(3))
                .subtract(new java.math.BigDecimal(1e12));
        assertTrue(exact.doubleValue() <= d[0], "the test's premise: x = 0 is unsafe in real arithmetic, y = " + exact);
        QueryBounds qb = new QueryBounder(net).bound(point, ReluSplits.NONE, null, c, d);
        assertFalse(qb.verified(), "the query bound is sound: lower bound " + qb.value());
        LeafLp.Result r = LeafLp.solve(net, point, ReluSplits.NONE, qb.lines(), qb.nodeBounds(), c, d, 5);
        assertFalse(r.infeasible(), "a leaf with a real counterexample was proved safe");
    }
}
