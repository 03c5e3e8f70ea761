package org.relucert.net;

/**
 * Single-precision kernels of {@link Node#evaluateFloat}: weights rounded to float32 (exact for weights
 * read from a float32 ONNX file), every product and sum rounded to float32, sums taken in index order.
 */
final class Float32 {

    private Float32() {
    }

    /** s + w[base..base+n) · x in float32 arithmetic. */
    static float dot(double[] w, int base, float[] x, int n, float s) {
        for (int c = 0; c < n; c++) {
            s += (float) w[base + c] * x[c];
        }
        return s;
    }

    /** The convolution of {@link Conv} (same indexing, zero outside the input) in float32 arithmetic. */
    static float[] conv(int[] in, int[] out, Conv.Geometry g, double[] weight, double[] bias, float[] x) {
        int inC = in[0];
        int inH = in[1];
        int inW = in[2];
        int outC = out[0];
        int outH = out[1];
        int outW = out[2];
        int kh = g.kernelH();
        int kw = g.kernelW();
        int cg = inC / g.groups();
        int og = outC / g.groups();
        float[] y = new float[outC * outH * outW];
        for (int o = 0; o < outC; o++) {
            int c0 = (o / og) * cg;
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    float s = 0;
                    for (int c = 0; c < cg; c++) {
                        int ibase = (c0 + c) * inH * inW;
                        int kbase = (o * cg + c) * kh * kw;
                        for (int p = 0; p < kh; p++) {
                            int yy = i * g.strideH() - g.padTop() + p * g.dilationH();
                            if (yy < 0 || yy >= inH) {
                                continue;
                            }
                            for (int q = 0; q < kw; q++) {
                                int xx = j * g.strideW() - g.padLeft() + q * g.dilationW();
                                if (xx >= 0 && xx < inW) {
                                    s += (float) weight[kbase + p * kw + q] * x[ibase + yy * inW + xx];
                                }
                            }
                        }
                    }
                    y[(o * outH + i) * outW + j] = s + (float) bias[o];
                }
            }
        }
        return y;
    }
}
