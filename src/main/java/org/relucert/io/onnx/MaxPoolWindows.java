package org.relucert.io.onnx;

import java.util.Arrays;
import java.util.Map;
import org.relucert.net.Conv;

/**
 * MaxPool with padding or ceil_mode=1: ONNX pads with -infinity, so a border window is the max over its
 * entries inside the input only. For every output entry the list of its valid input entries is built
 * (windows of different sizes at the borders; with ceil_mode the partial windows past the end, positions and
 * count by {@link PoolWindows}); a window with no valid entry is refused.
 * Slot t is a {@link org.relucert.net.Select} node gathering the t-th valid entry of every window (a shorter
 * window repeats its first entry, max being idempotent), and the slots are reduced with
 * m_k = S_k + relu(m_{k-1} - S_k) as in {@link MaxPoolLowering}.
 */
final class MaxPoolWindows {
    private MaxPoolWindows() {
    }

    static Value maxPool(Operators op, Value x, int[] chw, Conv.Geometry g, boolean ceil) {
        int channels = chw[0];
        int h = chw[1];
        int w = chw[2];
        int[] outHW = PoolWindows.outShape(chw, g, ceil);
        int outH = outHW[0];
        int outW = outHW[1];
        int n = channels * outH * outW;
        int kk = g.kernelH() * g.kernelW();
        int[][] windows = new int[n][];
        int longest = 0;
        int[] buf = new int[kk];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    int count = 0;
                    for (int p = 0; p < g.kernelH(); p++) {
                        int r = i * g.strideH() - g.padTop() + p * g.dilationH();
                        for (int q = 0; q < g.kernelW(); q++) {
                            int s = j * g.strideW() - g.padLeft() + q * g.dilationW();
                            if (r >= 0 && r < h && s >= 0 && s < w) {
                                buf[count++] = (c * h + r) * w + s;
                            }
                        }
                    }
                    if (count == 0) {
                        throw new IllegalArgumentException("window (" + i + ", " + j + ") lies entirely in the "
                                + "padding: its max is -inf (pads larger than the kernel)");
                    }
                    int o = (c * outH + i) * outW + j;
                    windows[o] = Arrays.copyOf(buf, count);
                    longest = Math.max(longest, count);
                }
            }
        }
        long[] out = x.shape.length == 4 ? new long[] {1, channels, outH, outW} : new long[] {1, channels, outW};
        int[] shape = {channels, outH, outW};
        if (x.isConstant()) {
            double[] y = new double[n];
            for (int o = 0; o < n; o++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int e : windows[o]) {
                    best = Math.max(best, x.bias[e]);
                }
                y[o] = best;
            }
            return Value.constant(out, y);
        }
        Emitter e = op.graph.emitter;
        String name = op.outputName();
        int source = e.materialize(x, op.inputName(0));
        int inSize = x.size();
        Value shaped = new Value(out, Map.of(), new double[n]);
        double[] minusOne = new double[n];
        Arrays.fill(minusOne, -1.0);
        int m = -1;
        for (int t = 0; t < longest; t++) {
            int[] position = new int[n];
            for (int o = 0; o < n; o++) {
                position[o] = windows[o][t < windows[o].length ? t : 0];
            }
            boolean last = t == longest - 1;
            int s = e.select(t == 0 && last ? name : name + "/x" + t, new int[] {source}, new int[] {inSize},
                    new int[n], position, shape);
            if (t == 0) {
                m = s;
                continue;
            }
            int neg = e.scaled(s, minusOne, new double[n], shaped, name + "/-x" + t);
            int d = e.add(name + "/d" + t, new int[] {m, neg}, shape);
            int r = e.relu(d, n, name + "/r" + t);
            m = e.add(last ? name : name + "/max" + t, new int[] {s, r}, shape);
        }
        return Value.of(m, out, n);
    }
}
