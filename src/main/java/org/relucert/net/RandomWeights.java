package org.relucert.net;

import java.util.SplittableRandom;

/** The random weights of {@link RandomNetworks}: dense layers and Gaussian samples. */
final class RandomWeights {
    private RandomWeights() {
    }

    /**
     * A dense affine node reading {@code from} (of {@code sizes}) with {@code rows} outputs: Gaussian weights scaled
     * by 1/sqrt(fan-in), biases 0.1 times Gaussian.
     */
    static Affine dense(SplittableRandom rnd, String name, int[] from, int[] sizes, int rows) {
        int cols = 0;
        for (int s : sizes) {
            cols += s;
        }
        double scale = 1.0 / Math.sqrt(cols);
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rnd) * scale;
        }
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            b[i] = 0.1 * gaussian(rnd);
        }
        return new Affine(name, from, sizes, w, b);
    }

    /** A standard Gaussian sample (Box-Muller). */
    static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
