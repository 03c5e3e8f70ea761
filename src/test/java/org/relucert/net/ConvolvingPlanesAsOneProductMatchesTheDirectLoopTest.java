package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvProduct} (im2col and one matrix product for several planes) gives the sums of the direct
 * tap-by-tap loop of {@link ConvLayout#convolve} up to reordering, on random geometries with strides,
 * padding, dilation and groups; and the direct loop equals a plain sum over every kernel position with a
 * bounds test per entry, bit for bit.
 */
class ConvolvingPlanesAsOneProductMatchesTheDirectLoopTest {

    @Test
    void planesConvolvedAsOneProductMatchTheDirectLoopOnRandomGeometries() {
        Random rnd = new Random(7);
        int checked = 0;
        for (int trial = 0; trial < 60; trial++) {
            int groups = 1 + rnd.nextInt(3);
            int inC = groups * (1 + rnd.nextInt(4));
            int outC = groups * (1 + rnd.nextInt(4));
            int kh = 1 + rnd.nextInt(4);
            int kw = 1 + rnd.nextInt(4);
            int inH = kh + rnd.nextInt(9);
            int inW = kw + rnd.nextInt(9);
            Conv.Geometry g = new Conv.Geometry(kh, kw, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(3),
                    rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3), 1 + rnd.nextInt(2), 1 + rnd.nextInt(2), groups);
            int weights = outC * (inC / groups) * kh * kw;
            ConvLayout l;
            try {
                l = new ConvLayout("c", new int[] {inC, inH, inW}, g, outC, weights);
            } catch (IllegalArgumentException e) {
                continue; // the dilated kernel does not fit this input
            }
            double[] kernel = randoms(rnd, weights);
            int planes = 1 + rnd.nextInt(5);
            double[] x = randoms(rnd, planes * l.inSize());
            double[] direct = randoms(rnd, planes * l.outSize());
            double[] product = direct.clone();
            for (int t = 0; t < planes; t++) {
                l.convolve(kernel, x, t * l.inSize(), direct, t * l.outSize());
            }
            ConvProduct.convolvePlanes(l, kernel, x, planes, product);
            for (int i = 0; i < direct.length; i++) {
                assertEquals(direct[i], product[i], 1e-12 * (1 + Math.abs(direct[i])), "trial " + trial + " entry " + i);
            }
            double[] plain = new double[l.outSize()];
            plainConvolve(l, kernel, x, plain);
            double[] once = new double[l.outSize()];
            l.convolve(kernel, x, 0, once, 0);
            for (int i = 0; i < plain.length; i++) {
                assertEquals(plain[i], once[i], 0.0, "trial " + trial + " entry " + i);
            }
            checked++;
        }
        assertTrue(checked >= 30, "only " + checked + " geometries fitted");
    }

    private static double[] randoms(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }

    /** Every output entry, every tap, with a bounds test: the definition. */
    private static void plainConvolve(ConvLayout l, double[] kernel, double[] x, double[] out) {
        int cg = l.inC / l.groups;
        int og = l.outC / l.groups;
        for (int o = 0; o < l.outC; o++) {
            for (int c = 0; c < cg; c++) {
                int ci = (o / og) * cg + c;
                for (int p = 0; p < l.kh; p++) {
                    for (int q = 0; q < l.kw; q++) {
                        double w = kernel[((o * cg + c) * l.kh + p) * l.kw + q];
                        if (w == 0) {
                            continue;
                        }
                        for (int i = 0; i < l.outH; i++) {
                            for (int j = 0; j < l.outW; j++) {
                                int y = i * l.sh - l.padTop + p * l.dh;
                                int xx = j * l.sw - l.padLeft + q * l.dw;
                                if (y >= 0 && y < l.inH && xx >= 0 && xx < l.inW) {
                                    out[(o * l.outH + i) * l.outW + j] += w * x[(ci * l.inH + y) * l.inW + xx];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
