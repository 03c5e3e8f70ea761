package org.relucert.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.net.DenseKernel;

/**
 * The benchmark counts back-substitution work, reports it per run, and times the plain matmul baseline (which
 * computes the kernel's product) and the kernel.
 */
class BoundsBenchmarkReportsWorkTest {

    @Test
    void deepPolyPerformsProductsAndIbpNone() {
        BoundsBenchmark bench = new BoundsBenchmark(1, 2);
        BoundsBenchmark.Timing dp = bench.time(BoundsBenchmark.ACAS_XU, new DeepPoly(DeepPoly.SlopeRule.AREA));
        BoundsBenchmark.Timing ibp = bench.time(BoundsBenchmark.ACAS_XU, new Ibp());
        assertEquals(300, dp.neurons());
        // At least the output's back-substitution to the input: 5 x 50 x 5 per pass.
        assertTrue(dp.multiplyAdds() >= 5L * 50 * 5, "work " + dp.multiplyAdds());
        // No more than the dense stacked products: per target, 2q rows through every earlier layer.
        long dense = 0;
        for (int target = 1; target <= 7; target++) {
            int q = target == 7 ? 5 : 50;
            dense += 2L * q * 50 * 5 + (target - 1) * 2L * q * 50 * 50;
        }
        assertTrue(dp.multiplyAdds() <= dense, "work " + dp.multiplyAdds() + " <= dense " + dense);
        assertEquals(0, ibp.multiplyAdds());
        assertTrue(dp.medianMs() > 0 && dp.gflops() > 0);
    }

    @Test
    void convolutionalShapeReportsWorkAndPeakHeap() {
        BoundsBenchmark.Timing dp = BoundsBenchmark.time(BoundsBenchmark.CIFAR_BASE,
                new DeepPoly(DeepPoly.SlopeRule.AREA), 0, 1);
        assertEquals(3172, dp.neurons());
        assertTrue(dp.multiplyAdds() > 0 && dp.gflops() > 0, "work " + dp.multiplyAdds());
        assertTrue(dp.peakHeapBytes() > 0 && dp.peakHeapBytes() >= dp.liveHeapBytes(),
                "peak " + dp.peakHeapBytes() + " live " + dp.liveHeapBytes());
    }

    @Test
    void matmulTimesThePlainLoopAndTheKernelSerialAndParallel() {
        List<DenseProducts.MatMul> m = new BoundsBenchmark(0, 1).matmul(8, 4, 2);
        assertEquals(List.of(DenseProducts.PLAIN, DenseProducts.KERNEL, DenseProducts.KERNEL_PARALLEL),
                m.stream().map(DenseProducts.MatMul::kernel).toList());
        for (DenseProducts.MatMul t : m) {
            assertTrue(t.medianMs() > 0 && t.gflops() > 0, t.toString());
        }
    }

    @Test
    void plainBaselineComputesTheKernelsProduct() {
        SplittableRandom rnd = new SplittableRandom(9);
        int m = 13;
        int k = 21;
        int n = 10;
        double[] a = rnd.doubles(m * k, -1, 1).toArray();
        double[] b = rnd.doubles(k * n, -1, 1).toArray();
        double[] c = rnd.doubles(m * n, -1, 1).toArray();
        double[][] aRows = new double[m][];
        double[][] bRows = new double[k][];
        double[][] cRows = new double[m][];
        for (int i = 0; i < m; i++) {
            aRows[i] = Arrays.copyOfRange(a, i * k, i * k + k);
            cRows[i] = Arrays.copyOfRange(c, i * n, i * n + n);
        }
        for (int p = 0; p < k; p++) {
            bRows[p] = Arrays.copyOfRange(b, p * n, p * n + n);
        }
        DenseProducts.plainIkj(aRows, bRows, cRows);
        DenseKernel.multAdd(a, m, k, b, n, c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(c[i * n + j], cRows[i][j], 1e-12 * k, "C[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, BoundsBenchmark.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BoundsBenchmark.median(new double[] {4, 1, 3, 2}));
    }
}
