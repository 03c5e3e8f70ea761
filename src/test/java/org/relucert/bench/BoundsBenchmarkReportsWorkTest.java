package org.relucert.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;

/** The benchmark counts back-substitution work, reports it per run, and times both matmul kernels. */
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
    void matmulTimesBothKernels() {
        List<BoundsBenchmark.MatMul> m = new BoundsBenchmark(0, 1).matmul(8, 4, 2);
        assertEquals(2, m.size());
        assertTrue(m.get(0).kernel().contains("CommonOps_DDRM") && m.get(1).kernel().contains("MT"));
        assertTrue(m.get(0).gflops() > 0);
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, BoundsBenchmark.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BoundsBenchmark.median(new double[] {4, 1, 3, 2}));
    }
}
