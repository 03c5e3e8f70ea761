package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DenseKernel's C += A·B equals a naive triple loop (to 1e-12 of the entry's absolute sum |C| + |A|·|B|) on
 * every shape with m, k, n in {0, 1, 2, 3, 5, 7, 16, 33, 257} (all remainders of the 4-row tile, the 2- and
 * 4-row passes over B and the panels), keeps the old content of C, and its parallel variant gives exactly the
 * serial result.
 */
class DenseKernelMatchesNaiveTripleLoopTest {

    private static final int[] SIZES = {0, 1, 2, 3, 5, 7, 16, 33, 257};

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (int m : SIZES) {
            for (int k : SIZES) {
                for (int n : SIZES) {
                    // the 257^3 product alone is slow in the naive loop and adds no new remainder case
                    if ((long) m * k * n <= 257L * 257 * 33) {
                        out.add(Arguments.of(m, k, n));
                    }
                }
            }
        }
        return out.stream();
    }

    private static double[] random(SplittableRandom rnd, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextInt(8) == 0 ? 0 : 2 * rnd.nextDouble() - 1;
        }
        return x;
    }

    /** Asserts |c - (c0 + A·B)| <= 1e-12 (|c0| + |A|·|B|) entrywise, the reference by the naive triple loop. */
    private static void assertProduct(double[] a, int m, int k, double[] b, int n, double[] c0, double[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = c0[i * n + j];
                double mag = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                    mag += Math.abs(a[i * k + p] * b[p * n + j]);
                }
                double got = c[i * n + j];
                assertTrue(Math.abs(got - s) <= 1e-12 * mag,
                        "C[" + i + "," + j + "] of " + m + "x" + k + " * " + k + "x" + n + ": " + got + " vs " + s);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1} * {1}x{2}")
    @MethodSource("shapes")
    void kernelAddsTheProductOntoTheOldContentOfC(int m, int k, int n) {
        SplittableRandom rnd = new SplittableRandom(31L * (31L * m + k) + n);
        double[] a = random(rnd, m * k);
        double[] b = random(rnd, k * n);
        double[] c0 = random(rnd, m * n);
        double[] c = c0.clone();
        DenseKernel.multAdd(a, m, k, b, n, c);
        assertProduct(a, m, k, b, n, c0, c);
    }

    @ParameterizedTest(name = "{0}x{1} * {1}x{2}")
    @MethodSource("shapes")
    void parallelVariantGivesExactlyTheSerialResult(int m, int k, int n) {
        SplittableRandom rnd = new SplittableRandom(7L * (31L * (31L * m + k) + n));
        double[] a = random(rnd, m * k);
        double[] b = random(rnd, k * n);
        double[] serial = random(rnd, m * n);
        double[] parallel = serial.clone();
        DenseKernel.multAdd(a, m, k, b, n, serial);
        DenseKernel.multAddParallel(a, m, k, b, n, parallel);
        assertArrayEquals(serial, parallel);
    }

    @Test
    void entriesBeyondTheMatricesAreLeftAlone() {
        SplittableRandom rnd = new SplittableRandom(5);
        int m = 9;
        int k = 6;
        int n = 11;
        double[] a = random(rnd, m * k + 3);
        double[] b = random(rnd, k * n + 3);
        double[] c = random(rnd, m * n + 4);
        double[] before = c.clone();
        DenseKernel.multAddParallel(a, m, k, b, n, c);
        for (int i = m * n; i < c.length; i++) {
            assertEquals(before[i], c[i], "entry " + i + " past C");
        }
        assertProduct(a, m, k, b, n, before, c);
    }

    @Test
    void arraysShorterThanTheShapeAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> DenseKernel.multAdd(new double[5], 2, 3, new double[12], 4, new double[8]));
        assertThrows(IllegalArgumentException.class,
                () -> DenseKernel.multAdd(new double[6], 2, 3, new double[11], 4, new double[8]));
        assertThrows(IllegalArgumentException.class,
                () -> DenseKernel.multAdd(new double[6], 2, -3, new double[12], 4, new double[8]));
    }
}
