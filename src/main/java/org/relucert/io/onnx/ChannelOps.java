package org.relucert.io.onnx;

/** BatchNormalization in inference form: a per-channel scale and shift, folded into a preceding Conv when it can be. */
final class ChannelOps {
    private ChannelOps() {
    }

    static Value batchNorm(Operators op) {
        if (op.attrs.i("training_mode", 0) != 0) {
            throw new IllegalArgumentException("training_mode=1 is not supported (inference only)");
        }
        if (op.attrs.i("spatial", 1) != 1) {
            throw new IllegalArgumentException("spatial=0 is not supported");
        }
        Value x = op.input(0);
        if (x.shape.length < 2 || x.shape[0] != 1) {
            throw new IllegalArgumentException("input must have batch 1 and a channel axis, got " + Shapes.str(x.shape));
        }
        int channels = (int) x.shape[1];
        String[] names = {"scale", "B", "input_mean", "input_var"};
        double[][] p = new double[4][];
        for (int k = 0; k < 4; k++) {
            Value v = op.constantInput(k + 1, names[k]);
            if (v.size() != channels) {
                throw new IllegalArgumentException(names[k] + " has " + v.size() + " entries, expected " + channels
                        + " (one per channel)");
            }
            p[k] = v.bias;
        }
        double eps = op.attrs.f("epsilon", 1e-5);
        int area = x.size() / channels;
        double[] s = new double[x.size()];
        double[] t = new double[x.size()];
        for (int c = 0; c < channels; c++) {
            double var = p[3][c] + eps;
            if (!(var > 0)) {
                throw new IllegalArgumentException("input_var + epsilon is not positive in channel " + c);
            }
            double scale = p[0][c] / Math.sqrt(var);
            double shift = p[1][c] - p[2][c] * scale;
            for (int i = c * area; i < (c + 1) * area; i++) {
                s[i] = scale;
                t[i] = shift;
            }
        }
        Value y = x.scaled(s).plusConstant(x.shape, t);
        return op.graph.fuseIntoConv(op.inputName(0), x, y);
    }
}
