package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv.backward (the transposed convolution of each coefficient row) equals the product of the rows with
 * the layer's dense matrix, read off by evaluating unit vectors, for random geometries: kernel, stride,
 * asymmetric padding, dilation and groups; rows are sparse (many zero coefficients) and numerous enough to
 * run in parallel.
 */
class ConvBackwardMatchesDenseMatrixTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** A random convolution that fits its random input shape, with some zero weights. */
    static Conv randomConv(SplittableRandom rnd, String name, int source, int[] in) {
        int outC = 1 + rnd.nextInt(5);
        Conv.Geometry g = RandomConvNetworks.randomGeometry(rnd, in, outC);
        if (g.groups() > 1) {
            outC = g.groups() * (1 + rnd.nextInt(2));
        }
        double[] w = new double[outC * (in[0] / g.groups()) * g.kernelH() * g.kernelW()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(4) == 0 ? 0 : 2 * rnd.nextDouble() - 1;
        }
        double[] b = new double[outC];
        for (int i = 0; i < outC; i++) {
            b[i] = 2 * rnd.nextDouble() - 1;
        }
        return new Conv(name, source, in, g, w, b);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void transposedConvolutionEqualsDenseProduct(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] in = {1 + rnd.nextInt(4), 1 + rnd.nextInt(7), 1 + rnd.nextInt(7)};
        Conv conv = randomConv(rnd, "c", Network.INPUT, in);
        int m = in[0] * in[1] * in[2];
        int n = conv.size();
        int rows = rnd.nextBoolean() ? 1 + rnd.nextInt(4) : 200 + rnd.nextInt(200);
        double[] coef = new double[rows * n];
        for (int i = 0; i < coef.length; i++) {
            coef[i] = rnd.nextInt(3) == 0 ? 2 * rnd.nextDouble() - 1 : 0;
        }
        assertBackwardIsTheDenseProduct(rnd, conv, m, coef, rows, 1e-12);
    }

    /**
     * Runs {@code conv.backward} on the rows {@code coef} (onto random initial source coefficients, with an
     * initial constant 0.25 on row 0) and checks each result against the product with the layer's dense
     * matrix, built column by column from evaluations, to {@code tol}.
     */
    static void assertBackwardIsTheDenseProduct(SplittableRandom rnd, Conv conv, int m, double[] coef, int rows,
                                                double tol) {
        int n = conv.size();
        double[] offset = conv.evaluate(new double[][] {new double[m]});
        double[][] matrix = new double[n][m];
        for (int k = 0; k < m; k++) {
            double[] e = new double[m];
            e[k] = 1;
            double[] y = conv.evaluate(new double[][] {e});
            for (int i = 0; i < n; i++) {
                matrix[i][k] = y[i] - offset[i];
            }
        }
        double[] out = new double[rows * m];
        double[] init = new double[rows * m];
        for (int i = 0; i < out.length; i++) {
            init[i] = rnd.nextInt(5) == 0 ? rnd.nextDouble() : 0;
            out[i] = init[i];
        }
        double[] constant = new double[rows];
        constant[0] = 0.25;
        conv.backward(coef, rows, rows, new double[][] {out}, constant, null);
        for (int r = 0; r < rows; r++) {
            double c = r == 0 ? 0.25 : 0;
            for (int i = 0; i < n; i++) {
                c += coef[r * n + i] * offset[i];
            }
            assertEquals(c, constant[r], tol, conv + " constant of row " + r);
            for (int k = 0; k < m; k++) {
                double s = init[r * m + k];
                for (int i = 0; i < n; i++) {
                    s += coef[r * n + i] * matrix[i][k];
                }
                assertEquals(s, out[r * m + k], tol, conv + " " + conv.geometry() + " row " + r + " entry " + k);
            }
        }
    }
}
