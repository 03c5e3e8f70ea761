package org.relucert.relax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.relucert.lp.LinearProgram;

/**
 * Regions that hold a point exactly but that GLOP can call infeasible: half-spaces a_k . x >= b_k over
 * [0, 1]^dim whose normals are +-a plus noise of relative size {@value #NOISE} (nearly parallel, alternating
 * sides), all through one point p (b_k = a_k . p rounded down, so p lies in every half-space in exact
 * arithmetic). The region is a sliver around the hyperplane a . x = a . p, a few 1e-8 wide.
 */
public final class Slivers {
    /** Relative size of the normals' noise. */
    public static final double NOISE = 1e-8;
    /** Dimension and rows of every sliver. */
    public static final int DIM = 4;
    public static final int ROWS = 5;

    /** Rows a[k] . x >= b[k] over [0, 1]^dim, holding {@code point} exactly. */
    public record Sliver(long seed, double[] point, double[][] a, double[] b) {
    }

    private Slivers() {
    }

    /** The sliver of this seed. */
    public static Sliver of(long seed) {
        Random r = new Random(seed);
        double[] p = new double[DIM];
        for (int i = 0; i < DIM; i++) {
            p[i] = r.nextDouble();
        }
        double[] base = new double[DIM];
        for (int i = 0; i < DIM; i++) {
            base[i] = r.nextGaussian();
        }
        double[][] a = new double[ROWS][DIM];
        double[] b = new double[ROWS];
        for (int k = 0; k < ROWS; k++) {
            for (int i = 0; i < DIM; i++) {
                a[k][i] = base[i] * (k % 2 == 0 ? 1 : -1) + r.nextGaussian() * NOISE;
            }
            b[k] = dotDown(a[k], p);
        }
        return new Sliver(seed, p, a, b);
    }

    /** The slivers of seeds 0 .. seeds-1 that GLOP (no presolve, as {@link LpModel} runs it) calls infeasible. */
    public static List<Sliver> glopInfeasible(int seeds) {
        List<Sliver> out = new ArrayList<>();
        for (long s = 0; s < seeds; s++) {
            Sliver v = of(s);
            if (glopCallsInfeasible(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Whether GLOP itself, on the rows as they are, calls the sliver infeasible. */
    public static boolean glopCallsInfeasible(Sliver s) {
        try (LinearProgram lp = LinearProgram.lp()) {
            lp.setPresolve(false);
            int[] v = new int[DIM];
            for (int i = 0; i < DIM; i++) {
                v[i] = lp.addVariable(0, 1, false);
            }
            for (int k = 0; k < ROWS; k++) {
                lp.addConstraint(v, s.a()[k], s.b()[k], Double.POSITIVE_INFINITY);
            }
            return lp.optimise(new int[0], new double[0], 0, false, 10).status() == LinearProgram.Status.INFEASIBLE;
        }
    }

    /** The rows as LP rows over variables 0 .. dim-1. */
    public static List<LpModel.Row> rows(Sliver s) {
        int[] v = new int[DIM];
        Arrays.setAll(v, i -> i);
        List<LpModel.Row> rows = new ArrayList<>();
        for (int k = 0; k < ROWS; k++) {
            rows.add(new LpModel.Row(v, s.a()[k], s.b()[k], Double.POSITIVE_INFINITY));
        }
        return rows;
    }

    /** c . x in exact arithmetic. */
    public static BigDecimal dot(double[] c, double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < c.length; i++) {
            s = s.add(new BigDecimal(c[i]).multiply(new BigDecimal(x[i])));
        }
        return s;
    }

    /** c . x rounded down (a double at most the exact value). */
    public static double dotDown(double[] c, double[] x) {
        BigDecimal s = dot(c, x);
        double d = s.doubleValue();
        return new BigDecimal(d).compareTo(s) > 0 ? Math.nextDown(d) : d;
    }
}
