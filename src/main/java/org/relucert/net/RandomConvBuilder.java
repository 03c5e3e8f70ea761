package org.relucert.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Appends random convolution layers and residual blocks for {@link RandomNetworks#convolutional}, tracking the
 * node and shape the next one reads.
 */
final class RandomConvBuilder {
    final SplittableRandom rnd;
    final List<Node> nodes = new ArrayList<>();
    final int inputSize;
    final int maxChannels;
    final boolean oneD;
    int current = Network.INPUT;
    int[] shape;

    RandomConvBuilder(SplittableRandom rnd, int[] inShape, int maxChannels) {
        this.rnd = rnd;
        this.shape = inShape.clone();
        this.inputSize = inShape[0] * inShape[1] * inShape[2];
        this.maxChannels = maxChannels;
        this.oneD = inShape[1] == 1;
    }

    /** One convolution with random geometry, then (if asked) a ReLU. */
    void convLayer(String name, boolean relu) {
        int kh = oneD ? 1 : 1 + rnd.nextInt(3);
        int kw = 1 + rnd.nextInt(3);
        int dh = 1 + rnd.nextInt(2);
        int dw = 1 + rnd.nextInt(2);
        int[] pad = {oneD ? 0 : rnd.nextInt(3), rnd.nextInt(3), oneD ? 0 : rnd.nextInt(3), rnd.nextInt(3)};
        int sh = 1 + rnd.nextInt(2);
        int sw = 1 + rnd.nextInt(2);
        int[] hk = fit(shape[1], kh, dh, pad, 0, sh);
        int[] wk = fit(shape[2], kw, dw, pad, 1, sw);
        int groups = groups(shape[0]);
        int outC = outChannels(groups);
        add(name, current, new Conv.Geometry(hk[0], wk[0], sh, sw, pad[0], pad[1], pad[2], pad[3], hk[1], wk[1],
                groups), outC);
        if (relu) {
            relu(name + ".relu");
        }
    }

    /** relu(conv2(relu(conv1(x))) + shortcut(x)), or without the last ReLU now and then. */
    void residualBlock(String name) {
        int in = current;
        int[] inShape = shape.clone();
        int stride = 1 + rnd.nextInt(2);
        int groups = groups(shape[0]);
        int outC = outChannels(groups);
        add(name + ".conv1", current, same(stride, groups), outC);
        relu(name + ".relu1");
        int inner = current;
        add(name + ".conv2", current, same(1, groups(outC)), outC);
        int main = current;
        int shortcut;
        if (stride == 1 && inShape[0] == outC && rnd.nextBoolean()) {
            shortcut = in;
        } else {
            int[] saved = shape;
            shape = inShape;
            int g = groups(inShape[0]);
            g = outC % g == 0 ? g : 1;
            add(name + ".shortcut", in, new Conv.Geometry(1, 1, oneD ? 1 : stride, stride, 0, 0, 0, 0, 1, 1, g),
                    outC);
            shortcut = current;
            if (!Arrays.equals(shape, saved)) {
                throw new IllegalStateException("shortcut shape " + Arrays.toString(shape) + " differs from "
                        + Arrays.toString(saved));
            }
        }
        int[] terms = rnd.nextInt(5) == 0 ? new int[] {main, shortcut, inner} : new int[] {main, shortcut};
        nodes.add(new Add(name + ".add", terms, shape));
        current = nodes.size() - 1;
        if (rnd.nextInt(5) != 0) {
            relu(name + ".relu");
        }
    }

    /** Stride s, random kernel and dilation, and "same" padding (span - 1 in all, split at random). */
    private Conv.Geometry same(int stride, int groups) {
        int kh = oneD ? 1 : 1 + rnd.nextInt(3);
        int kw = 1 + rnd.nextInt(3);
        int dh = oneD ? 1 : 1 + rnd.nextInt(2);
        int dw = 1 + rnd.nextInt(2);
        int spanH = dh * (kh - 1);
        int spanW = dw * (kw - 1);
        int top = rnd.nextInt(spanH + 1);
        int left = rnd.nextInt(spanW + 1);
        return new Conv.Geometry(kh, kw, oneD ? 1 : stride, stride, top, left, spanH - top, spanW - left, dh, dw,
                groups);
    }

    /**
     * Kernel and dilation along one axis ({kernel, dilation}) that fit the padded input, with the padding
     * (entries axis and axis + 2 of pad) cut so that the output grows by at most one.
     */
    private static int[] fit(int in, int kernel, int dilation, int[] pad, int axis, int stride) {
        while (dilation * (kernel - 1) + 1 > in + pad[axis] + pad[axis + 2]) {
            if (dilation > 1) {
                dilation = 1;
            } else {
                kernel--;
            }
        }
        while (Conv.Geometry.out(in, kernel, stride, pad[axis], pad[axis + 2], dilation) > in + 1) {
            if (pad[axis] >= pad[axis + 2]) {
                pad[axis]--;
            } else {
                pad[axis + 2]--;
            }
        }
        return new int[] {kernel, dilation};
    }

    /** 1, 2 (when it divides) or all the channels (depthwise), at random. */
    private int groups(int channels) {
        int r = rnd.nextInt(4);
        if (r == 0 && channels > 1) {
            return channels;
        }
        return r == 1 && channels % 2 == 0 ? 2 : 1;
    }

    private int outChannels(int groups) {
        return groups * (1 + rnd.nextInt(Math.max(1, maxChannels / groups)));
    }

    private void add(String name, int source, Conv.Geometry g, int outC) {
        int cg = shape[0] / g.groups();
        int fanIn = cg * g.kernelH() * g.kernelW();
        double[] w = new double[outC * fanIn];
        for (int i = 0; i < w.length; i++) {
            w[i] = RandomWeights.gaussian(rnd) / Math.sqrt(fanIn);
        }
        double[] bias = new double[outC];
        for (int i = 0; i < outC; i++) {
            bias[i] = 0.1 * RandomWeights.gaussian(rnd);
        }
        Conv conv = new Conv(name, source, shape, g, w, bias);
        nodes.add(conv);
        current = nodes.size() - 1;
        shape = conv.shape();
    }

    private void relu(String name) {
        nodes.add(new Relu(name, current, nodes.get(current).size()));
        current = nodes.size() - 1;
    }
}
