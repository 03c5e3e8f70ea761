package org.relucert.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.net.DenseKernel;

/**
 * The benchmark's dense baseline: C += A·B timed with a plain i-k-j loop over rows held as arrays of their own
 * (one thread; the loop HotSpot vectorises, as anyone would write it) and with {@link DenseKernel}, serial and
 * parallel, in alternating runs so that all three see the same machine load.
 */
public final class DenseProducts {
    /** Name of the plain loop, the reference of the ratios. */
    public static final String PLAIN = "plain i-k-j (1 thread)";
    /** Name of the kernel, one thread. */
    public static final String KERNEL = "DenseKernel (1 thread)";
    /** Name of the kernel, rows over the common pool. */
    public static final String KERNEL_PARALLEL = "DenseKernel (parallel)";

    /** Median and minimum time of one kernel on a product m x k times k x n. */
    public record MatMul(String kernel, int m, int k, int n, double medianMs, double minMs) {
        /** GFLOP/s at the median time (2 flops per multiply-add). */
        public double gflops() {
            return 2.0 * m * k * n / (medianMs * 1e6);
        }
    }

    private DenseProducts() {
    }

    /** C += A·B, i-k-j order, A m x k, B k x n and C m x n as arrays of rows. */
    static void plainIkj(double[][] a, double[][] b, double[][] c) {
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int p = 0; p < b.length; p++) {
                double v = ai[p];
                double[] bp = b[p];
                for (int j = 0; j < ci.length; j++) {
                    ci[j] += v * bp[j];
                }
            }
        }
    }

    /**
     * Rounds per requested run: one product takes a few milliseconds, short enough for one scheduling hiccup
     * on a loaded machine to move a median of few runs.
     */
    public static final int ROUNDS_PER_RUN = 3;

    /**
     * Times the plain loop, the kernel and its parallel variant on seeded random m x k and k x n matrices:
     * {@code warmup} untimed and {@code ROUNDS_PER_RUN x requestedRuns} timed rounds, each round running every kernel
     * once.
     */
    public static List<MatMul> time(int m, int k, int n, int warmup, int requestedRuns) {
        int runs = ROUNDS_PER_RUN * requestedRuns;
        SplittableRandom rnd = new SplittableRandom(3);
        double[] a = random(rnd, m * k);
        double[] b = random(rnd, k * n);
        double[][] aRows = rows(a, m, k);
        double[][] bRows = rows(b, k, n);
        double[][] cRows = new double[m][n];
        double[] c = new double[m * n];
        double[] cParallel = new double[m * n];
        Runnable[] kernels = {
            () -> plainIkj(aRows, bRows, cRows),
            () -> DenseKernel.multAdd(a, m, k, b, n, c),
            () -> DenseKernel.multAddParallel(a, m, k, b, n, cParallel),
        };
        double[][] ms = new double[kernels.length][runs];
        for (int round = 0; round < warmup + runs; round++) {
            for (int q = 0; q < kernels.length; q++) {
                long t0 = System.nanoTime();
                kernels[q].run();
                if (round >= warmup) {
                    ms[q][round - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        String[] names = {PLAIN, KERNEL, KERNEL_PARALLEL};
        List<MatMul> out = new ArrayList<>();
        for (int q = 0; q < kernels.length; q++) {
            double min = Double.POSITIVE_INFINITY;
            for (double t : ms[q]) {
                min = Math.min(min, t);
            }
            out.add(new MatMul(names[q], m, k, n, BoundsBenchmark.median(ms[q]), min));
        }
        return out;
    }

    private static double[] random(SplittableRandom rnd, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = 2 * rnd.nextDouble() - 1;
        }
        return x;
    }

    private static double[][] rows(double[] x, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
