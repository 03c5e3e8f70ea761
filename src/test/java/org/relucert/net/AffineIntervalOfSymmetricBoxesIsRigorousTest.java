package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Affine#interval} on a box [-v, v] symmetric about 0 (its one-sum path, {@link SymmetricInterval}):
 * the image must contain the exact image [b - |W|·v, b + |W|·v] (computed in BigDecimal), be no wider than
 * the exact one plus a relative 1e-12, keep exact results exact, and agree with the general rule, which an
 * asymmetric box of the same magnitudes takes.
 */
class AffineIntervalOfSymmetricBoxesIsRigorousTest {

    private static Affine randomAffine(SplittableRandom rnd, int rows, int[] sizes) {
        int cols = 0;
        for (int s : sizes) {
            cols += s;
        }
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble(-2, 2);
        }
        double[] b = new double[rows];
        for (int r = 0; r < rows; r++) {
            b[r] = rnd.nextDouble(-3, 3);
        }
        int[] from = new int[sizes.length];
        for (int k = 0; k < from.length; k++) {
            from[k] = k - 1; // the input, then earlier nodes: only the sizes matter for the interval rule
        }
        return new Affine("a", from, sizes, w, b);
    }

    private static double[][] symmetric(SplittableRandom rnd, int[] sizes, double scale) {
        double[][] v = new double[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            v[k] = new double[sizes[k]];
            for (int i = 0; i < sizes[k]; i++) {
                v[k][i] = rnd.nextInt(6) == 0 ? 0 : scale * Math.pow(10, rnd.nextDouble(-3, 1));
            }
        }
        return v;
    }

    private static double[][] negated(double[][] v) {
        double[][] out = new double[v.length][];
        for (int k = 0; k < v.length; k++) {
            out[k] = new double[v[k].length];
            for (int i = 0; i < v[k].length; i++) {
                out[k][i] = -v[k][i];
            }
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6"})
    void symmetricImagesContainTheExactImageAndAreNoWiderThanItToRoundoff(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] sizes = rnd.nextBoolean() ? new int[] {1 + rnd.nextInt(60)} : new int[] {1 + rnd.nextInt(30), 1 + rnd.nextInt(30)};
        int rows = 1 + rnd.nextInt(40);
        Affine a = randomAffine(rnd, rows, sizes);
        double[][] v = symmetric(rnd, sizes, seed % 2 == 0 ? 1e-12 : 1.0);
        double[][] iv = a.interval(negated(v), v);
        double[] w = a.weight();
        int cols = w.length / rows;
        for (int r = 0; r < rows; r++) {
            BigDecimal s = BigDecimal.ZERO;
            int c = 0;
            for (double[] vk : v) {
                for (double x : vk) {
                    s = s.add(new BigDecimal(Math.abs(w[r * cols + c])).multiply(new BigDecimal(x)));
                    c++;
                }
            }
            BigDecimal b = new BigDecimal(a.bias()[r]);
            assertTrue(new BigDecimal(iv[0][r]).compareTo(b.subtract(s)) <= 0, "row " + r + " lower end above exact");
            assertTrue(new BigDecimal(iv[1][r]).compareTo(b.add(s)) >= 0, "row " + r + " upper end below exact");
            double slack = (iv[1][r] - iv[0][r]) - 2 * s.doubleValue();
            assertTrue(slack <= 1e-12 * (Math.abs(a.bias()[r]) + s.doubleValue()) + 1e-300,
                    "row " + r + " wider than exact by " + slack);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13", "14"})
    void symmetricImagesAgreeWithTheGeneralRuleToRoundoff(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] sizes = {1 + rnd.nextInt(50)};
        Affine a = randomAffine(rnd, 1 + rnd.nextInt(30), sizes);
        double[][] v = symmetric(rnd, sizes, 1.0);
        double[][] fast = a.interval(negated(v), v);
        // the same box with one zero entry widened by the smallest double below 0: not symmetric, general rule
        double[][] lo = negated(v);
        double[][] hi = v;
        int zero = -1;
        for (int i = 0; i < v[0].length && zero < 0; i++) {
            zero = v[0][i] == 0 ? i : -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(zero >= 0, "no zero entry to perturb");
        lo[0][zero] = -Double.MIN_VALUE;
        double[][] general = a.interval(lo, hi);
        for (int r = 0; r < fast[0].length; r++) {
            double tol = 1e-13 * (Math.abs(general[0][r]) + Math.abs(general[1][r])) + 1e-300;
            assertEquals(general[0][r], fast[0][r], tol, "row " + r + " lower end");
            assertEquals(general[1][r], fast[1][r], tol, "row " + r + " upper end");
        }
    }

    @Test
    void exactSumsStayExactAndAZeroBoxGivesTheBias() {
        // integer weights on [-1, 1]: every product and sum is exact, so relu(x0 + x1 + 2) >= 0 stays exactly 0
        Affine a = new Affine("a", new int[] {-1}, new int[] {2}, new double[] {1, 1, 3, -2}, new double[] {2, 0.1});
        double[][] iv = a.interval(new double[][] {{-1, -1}}, new double[][] {{1, 1}});
        assertEquals(0.0, iv[0][0]);
        assertEquals(4.0, iv[1][0]);
        double[][] zero = a.interval(new double[][] {{0, 0}}, new double[][] {{0, 0}});
        assertArrayEquals(new double[] {2, 0.1}, zero[0]);
        assertArrayEquals(new double[] {2, 0.1}, zero[1]);
        // an infinite magnitude behind a zero weight adds nothing
        Affine b = new Affine("b", new int[] {-1}, new int[] {2}, new double[] {0, 1}, new double[] {0});
        double[][] inf = b.interval(new double[][] {{Double.NEGATIVE_INFINITY, -1}},
                new double[][] {{Double.POSITIVE_INFINITY, 1}});
        assertEquals(-1.0, inf[0][0]);
        assertEquals(1.0, inf[1][0]);
    }
}
