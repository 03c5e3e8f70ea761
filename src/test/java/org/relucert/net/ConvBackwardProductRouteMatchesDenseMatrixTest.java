package org.relucert.net;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matrix-product route of {@link ConvBackward} (groups of {@value ConvBackward#DENSE_MIN_CHANNELS} or
 * more output channels, rows mostly non-zero) gives the dense matrix product, as the channel-by-channel
 * route does ({@link ConvBackwardMatchesDenseMatrixTest}): random geometries with 8 to 20 output channels
 * per group, one or two groups, rows fully dense, mostly dense and sparse in one call.
 */
class ConvBackwardProductRouteMatchesDenseMatrixTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rowsThroughTheProductRouteEqualTheDenseProduct(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 5);
        int groups = 1 + rnd.nextInt(2);
        int[] in = {groups * (1 + rnd.nextInt(3)), 2 + rnd.nextInt(6), 2 + rnd.nextInt(6)};
        int outC = groups * (ConvBackward.DENSE_MIN_CHANNELS + rnd.nextInt(13));
        Conv.Geometry r = RandomConvNetworks.randomGeometry(rnd, in, outC);
        Conv.Geometry g = new Conv.Geometry(r.kernelH(), r.kernelW(), r.strideH(), r.strideW(), r.padTop(),
                r.padLeft(), r.padBottom(), r.padRight(), r.dilationH(), r.dilationW(), groups);
        double[] w = new double[outC * (in[0] / groups) * g.kernelH() * g.kernelW()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(5) == 0 ? 0 : 2 * rnd.nextDouble() - 1;
        }
        double[] b = new double[outC];
        for (int i = 0; i < outC; i++) {
            b[i] = 2 * rnd.nextDouble() - 1;
        }
        Conv conv = new Conv("c", Network.INPUT, in, g, w, b);
        int m = in[0] * in[1] * in[2];
        int n = conv.size();
        int rows = 3 + rnd.nextInt(6);
        double[] coef = new double[rows * n];
        for (int row = 0; row < rows; row++) {
            // row 0 dense, row 1 sparse (the other route), the rest mostly dense
            int zeroOneIn = row == 0 ? 0 : row == 1 ? -1 : 5;
            for (int i = 0; i < n; i++) {
                boolean zero = zeroOneIn == -1 ? rnd.nextInt(6) != 0 : zeroOneIn > 0 && rnd.nextInt(zeroOneIn) == 0;
                coef[row * n + i] = zero ? 0 : 2 * rnd.nextDouble() - 1;
            }
        }
        ConvBackwardMatchesDenseMatrixTest.assertBackwardIsTheDenseProduct(rnd, conv, m, coef, rows, 1e-11);
    }
}
