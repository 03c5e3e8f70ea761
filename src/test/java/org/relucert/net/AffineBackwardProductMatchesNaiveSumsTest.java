package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The back-substitution product of an affine node with two sources (coefficients += coef·W_k, constants +=
 * coef·b) equals naive sums to 1e-12 of each entry's absolute sum, on the dense path (all columns), the
 * compact path (zero columns cut out), the parallel path (over 2M multiply-adds) and the sparse path (few
 * rows), with the old content of the source coefficients kept.
 */
class AffineBackwardProductMatchesNaiveSumsTest {

    @ParameterizedTest(name = "{0} rows, {1} outputs, sources {2}+{3}, zero columns 1 in {4}")
    @CsvSource({
        "9, 17, 5, 3, 0",       // dense, small
        "33, 40, 13, 7, 3",     // compact: about a third of the columns zero
        "64, 256, 256, 30, 0",  // parallel: 64 x 256 x 256 > 2M
        "70, 256, 200, 9, 4",   // compact and parallel
        "5, 30, 11, 2, 0",      // few rows: row by row
    })
    void productEqualsNaiveSums(int rows, int outputs, int n0, int n1, int zeroEvery) {
        SplittableRandom rnd = new SplittableRandom(rows * 1000L + outputs);
        int[] sizes = {n0, n1};
        double[][] w = {random(rnd, outputs * n0), random(rnd, outputs * n1)};
        double[] bias = random(rnd, outputs);
        AffineBackward kernel = new AffineBackward(sizes, w, bias, n0 + n1);
        double[] coef = random(rnd, rows * outputs);
        if (zeroEvery > 0) {
            for (int i = 0; i < outputs; i += zeroEvery) {
                for (int r = 0; r < rows; r++) {
                    coef[r * outputs + i] = 0;
                }
            }
        }
        double[][] from = {random(rnd, rows * n0), random(rnd, rows * n1)};
        double[][] before = {from[0].clone(), from[1].clone()};
        double[] constant = random(rnd, rows);
        double[] constantBefore = constant.clone();
        kernel.backward(coef, rows, from, constant, null);
        for (int k = 0; k < 2; k++) {
            int n = sizes[k];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < n; c++) {
                    double s = before[k][r * n + c];
                    double mag = Math.abs(s);
                    for (int i = 0; i < outputs; i++) {
                        double t = coef[r * outputs + i] * w[k][i * n + c];
                        s += t;
                        mag += Math.abs(t);
                    }
                    double got = from[k][r * n + c];
                    assertTrue(Math.abs(got - s) <= 1e-12 * mag, "source " + k + " [" + r + "," + c + "]: " + got
                            + " vs " + s);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            double s = constantBefore[r];
            double mag = Math.abs(s);
            for (int i = 0; i < outputs; i++) {
                s += coef[r * outputs + i] * bias[i];
                mag += Math.abs(coef[r * outputs + i] * bias[i]);
            }
            assertTrue(Math.abs(constant[r] - s) <= 1e-12 * mag, "constant " + r + ": " + constant[r] + " vs " + s);
        }
    }

    private static double[] random(SplittableRandom rnd, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = 2 * rnd.nextDouble() - 1;
        }
        return x;
    }
}
