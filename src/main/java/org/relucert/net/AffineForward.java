package org.relucert.net;

/**
 * The forward symbolic step of an {@link Affine} node ({@link Affine#forward}): the sources' forms times the
 * weight, with the neurons in the inner loop over the positive and negative parts of each block, transposed
 * (made on first use), skipping source entries whose forms are zero.
 */
final class AffineForward {
    /** Output entries of the node (rows of the weight). */
    private final int rows;
    private final int[] fromSizes;
    private final double[][] blocks;
    private final double[] bias;

    AffineForward(int[] fromSizes, double[][] blocks, double[] bias) {
        this.rows = bias.length;
        this.fromSizes = fromSizes;
        this.blocks = blocks;
        this.bias = bias;
    }

    /** Positive and negative parts of each block, transposed (entry c * rows + r); made on first use. */
    private volatile double[][][] signed;

    private double[][][] signedBlocks() {
        double[][][] s = signed;
        if (s == null) {
            s = new double[blocks.length][2][];
            for (int k = 0; k < blocks.length; k++) {
                int n = fromSizes[k];
                double[] pos = new double[n * rows];
                double[] neg = new double[n * rows];
                double[] block = blocks[k];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < n; c++) {
                        double v = block[r * n + c];
                        if (v > 0) {
                            pos[c * rows + r] = v;
                        } else {
                            neg[c * rows + r] = v;
                        }
                    }
                }
                s[k][0] = pos;
                s[k][1] = neg;
            }
            signed = s;
        }
        return s;
    }

    /** See {@link Node#forward}: lower and upper forms of the node's entries given those of its sources. */
    double[][] forward(double[][] low, double[][] high, int width) {
        double[][][] s = signedBlocks();
        double[] lo = new double[width * rows];
        double[] hi = new double[width * rows];
        int last = (width - 1) * rows;
        System.arraycopy(bias, 0, lo, last, rows);
        System.arraycopy(bias, 0, hi, last, rows);
        boolean equal = true;
        for (int k = 0; k < blocks.length; k++) {
            equal &= low[k] == high[k];
        }
        if (equal) {
            // the same forms below and above (e.g. the input's): one product, and the upper forms are a copy
            for (int k = 0; k < blocks.length; k++) {
                double[] src = low[k];
                double[] pos = s[k][0];
                double[] neg = s[k][1];
                int n = fromSizes[k];
                for (int t = 0; t < width; t++) {
                    int out = t * rows;
                    for (int c = 0; c < n; c++) {
                        double v = src[t * n + c];
                        if (v == 0) {
                            continue;
                        }
                        int wo = c * rows;
                        for (int r = 0; r < rows; r++) {
                            lo[out + r] += (pos[wo + r] + neg[wo + r]) * v; // one of the two is 0: the weight
                        }
                    }
                }
            }
            return new double[][] {lo, lo.clone()};
        }
        for (int k = 0; k < blocks.length; k++) {
            double[] srcLo = low[k];
            double[] srcHi = high[k];
            double[] pos = s[k][0];
            double[] neg = s[k][1];
            int n = fromSizes[k];
            for (int t = 0; t < width; t++) {
                int out = t * rows;
                for (int c = 0; c < n; c++) {
                    double sl = srcLo[t * n + c];
                    double sh = srcHi[t * n + c];
                    if (sl == 0 && sh == 0) {
                        continue;
                    }
                    int wo = c * rows;
                    for (int r = 0; r < rows; r++) {
                        double p = pos[wo + r];
                        double m = neg[wo + r];
                        lo[out + r] += p * sl + m * sh;
                        hi[out + r] += p * sh + m * sl;
                    }
                }
            }
        }
        return new double[][] {lo, hi};
    }
}
