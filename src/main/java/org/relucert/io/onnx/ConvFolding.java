package org.relucert.io.onnx;

import java.util.Arrays;
import org.relucert.net.Conv;

/**
 * Emits a Conv node on a possibly pending input value, folding what it can: the zero border of a Pad joins
 * the convolution's padding, and a per-channel scale and shift of one node (normalisation, a batch norm that
 * could not be folded backwards) goes into the weight and bias. A shift folds only without padding, since
 * the convolution pads the shifted tensor with zeros; otherwise the input becomes a node of its own.
 */
final class ConvFolding {
    private ConvFolding() {
    }

    /** A 1x1 convolution geometry without padding, with the given number of groups. */
    static Conv.Geometry pointwise(int groups) {
        return new Conv.Geometry(1, 1, 1, 1, 0, 0, 0, 0, 1, 1, groups);
    }

    /**
     * Emits {@code conv(x)} and returns its node index.
     *
     * @param x         the input, of shape [1, C, H, W] or [1, C, L] as the ONNX operator sees it
     * @param inputName name for a node that holds x when x cannot be folded
     * @param g         the geometry on x (padding included)
     * @param weight    [M][C/groups][kh][kw], flattened
     * @param tensor    the ONNX tensor the node computes, or null
     */
    static int emit(Emitter e, Value x, String inputName, String name, Conv.Geometry g, double[] weight,
                    double[] bias, String tensor) {
        if (x.pad != null) {
            Value.Padding p = x.pad;
            g = new Conv.Geometry(g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), g.padTop() + p.top(),
                    g.padLeft() + p.left(), g.padBottom() + p.bottom(), g.padRight() + p.right(), g.dilationH(),
                    g.dilationW(), g.groups());
            x = p.inner();
        }
        int[] inShape = x.spatial();
        if (inShape == null) {
            throw new IllegalArgumentException("input of shape " + Shapes.str(x.shape) + " is not [1, C, H, W] or [1, C, L]");
        }
        int source;
        Value.ChannelAffine ca = x.isNodeItself() ? null : x.channelAffine();
        boolean unpadded = g.padTop() == 0 && g.padLeft() == 0 && g.padBottom() == 0 && g.padRight() == 0;
        if (x.isNodeItself()) {
            source = x.nodeSource();
        } else if (ca != null && (unpadded || ca.shiftIsZero())) {
            source = ca.source();
            double[][] folded = foldInput(weight, bias, inShape[0], g.groups(), ca);
            weight = folded[0];
            bias = folded[1];
        } else {
            source = e.materialize(x, inputName);
        }
        return e.conv(name, source, inShape, g, weight, bias, tensor);
    }

    /** conv(s * x + t) as a convolution of x: weights scaled per input channel, the shift moved into the bias. */
    private static double[][] foldInput(double[] weight, double[] bias, int channels, int groups,
                                        Value.ChannelAffine ca) {
        int outC = bias.length;
        int cg = channels / groups;
        int og = outC / groups;
        int k = weight.length / (outC * cg);
        double[] w = weight.clone();
        double[] b = bias.clone();
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < cg; c++) {
                int ch = (o / og) * cg + c;
                int base = (o * cg + c) * k;
                for (int i = 0; i < k; i++) {
                    b[o] += weight[base + i] * ca.shift()[ch];
                    w[base + i] = weight[base + i] * ca.scale()[ch];
                }
            }
        }
        return new double[][] {w, b};
    }

    /** conv(x) followed by y = s * conv(x) + t per output channel, as one convolution's weight and bias. */
    static double[][] foldOutput(double[] weight, double[] bias, double[] s, double[] t) {
        int outC = bias.length;
        int k = weight.length / outC;
        double[] w = new double[weight.length];
        double[] b = new double[outC];
        for (int o = 0; o < outC; o++) {
            for (int i = o * k; i < (o + 1) * k; i++) {
                w[i] = weight[i] * s[o];
            }
            b[o] = bias[o] * s[o] + t[o];
        }
        return new double[][] {w, b};
    }

    /** The Pad result v as a node: an identity depthwise 1x1 convolution with v's padding. */
    static int paddedIdentity(Emitter e, Value v, String name) {
        int channels = v.pad.inner().spatial()[0];
        double[] ones = new double[channels];
        Arrays.fill(ones, 1.0);
        return emit(e, v, name + "/unpadded", name, pointwise(channels), ones, new double[channels], null);
    }
}
