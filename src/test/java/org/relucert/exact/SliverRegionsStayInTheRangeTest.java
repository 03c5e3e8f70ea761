package org.relucert.exact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.Sampler;
import org.relucert.relax.Slivers;

/**
 * Pattern enumeration keeps an activation region that GLOP calls infeasible but that holds a point
 * ({@link Slivers}: nearly parallel half-spaces through one point, a sliver a few 1e-8 wide), and its range
 * contains the values there; a truly empty region is still dropped.
 */
class SliverRegionsStayInTheRangeTest {

    private static final Box CUBE = Box.cube(Slivers.DIM, 0, 1);

    private static List<Slivers.Sliver> glopInfeasible() {
        List<Slivers.Sliver> s = Slivers.glopInfeasible(1000);
        assertFalse(s.isEmpty(), "precondition: GLOP calls some slivers infeasible");
        return s;
    }

    /** The region's constraints a_k . x - b_k >= 0. */
    private static RegionLp.Constraint constraints(Slivers.Sliver s) {
        RegionLp.Constraint c = null;
        for (int k = 0; k < Slivers.ROWS; k++) {
            double[] form = Arrays.copyOf(s.a()[k], Slivers.DIM + 1);
            form[Slivers.DIM] = -s.b()[k];
            c = new RegionLp.Constraint(form, true, c);
        }
        return c;
    }

    @Test
    void aSliverRegionThatGlopCallsInfeasibleHasARangeContainingItsPoint() {
        Random rnd = new Random(5);
        for (Slivers.Sliver s : glopInfeasible()) {
            double[] f = new double[Slivers.DIM + 1];
            for (int i = 0; i < f.length; i++) {
                f[i] = rnd.nextGaussian();
            }
            RegionLp.LpRange r = RegionLp.range(CUBE, f, constraints(s));
            assertNotNull(r, "seed " + s.seed() + ": the region is kept");
            BigDecimal value = Slivers.dot(Arrays.copyOf(f, Slivers.DIM), s.point()).add(new BigDecimal(f[Slivers.DIM]));
            assertTrue(Double.isFinite(r.min()) && Double.isFinite(r.max()), "seed " + s.seed() + ": bounded");
            assertTrue(new BigDecimal(r.min()).compareTo(value) <= 0, "seed " + s.seed() + " min");
            assertTrue(new BigDecimal(r.max()).compareTo(value) >= 0, "seed " + s.seed() + " max");
        }
    }

    @Test
    void aSliverCutOffByAConstraintHasNoRange() {
        for (Slivers.Sliver s : glopInfeasible()) {
            double[] cut = new double[Slivers.DIM + 1];
            for (int i = 0; i < Slivers.DIM; i++) {
                cut[i] = -s.a()[0][i];
            }
            cut[Slivers.DIM] = s.b()[0] - 1e-3; // b_0 - 1e-3 - a_0 . x >= 0, against a_0 . x >= b_0
            RegionLp.Constraint c = new RegionLp.Constraint(cut, true, constraints(s));
            assertNull(RegionLp.range(CUBE, new double[] {1, 0, 0, 0, 0}, c), "seed " + s.seed());
        }
    }

    /** y = sum_k relu(a_k . x - b_k): the region where every neuron is active is the sliver. */
    private static Network network(Slivers.Sliver s) {
        double[] w = new double[Slivers.ROWS * Slivers.DIM];
        double[] bias = new double[Slivers.ROWS];
        for (int k = 0; k < Slivers.ROWS; k++) {
            System.arraycopy(s.a()[k], 0, w, k * Slivers.DIM, Slivers.DIM);
            bias[k] = -s.b()[k];
        }
        double[] ones = new double[Slivers.ROWS];
        Arrays.fill(ones, 1e6);
        return new Network(Slivers.DIM, List.of(
                new Affine("z", new int[] {Network.INPUT}, new int[] {Slivers.DIM}, w, bias),
                new Relu("r", 0, Slivers.ROWS),
                new Affine("y", new int[] {1}, new int[] {Slivers.ROWS}, ones, new double[] {0})), 2);
    }

    @Test
    void patternEnumerationOnTheSliversNetworkContainsItsValues() {
        for (Slivers.Sliver s : glopInfeasible()) {
            Network net = network(s);
            Range r = new PatternEnumeration(Slivers.ROWS).range(net, CUBE, 0);
            List<double[]> points = new ArrayList<>(Sampler.points(CUBE, 200, s.seed(), 10));
            points.add(s.point());
            for (double[] x : points) {
                double y = net.evaluate(x)[0];
                assertTrue(r.min() <= y + 1e-9 && y <= r.max() + 1e-9, "seed " + s.seed() + ": " + y + " in "
                        + r.min() + ".." + r.max() + " " + r.notes());
            }
        }
    }
}
