package org.relucert.net;

/** y = max(0, x), elementwise, of exactly one earlier node. */
public record Relu(String name, int source, int size) implements Node {

    @Override
    public int[] from() {
        return new int[] {source};
    }

    @Override
    public void checkSources(int[] sizes) {
        if (sizes[0] != size) {
            throw new IllegalArgumentException("relu node '" + name + "' has size " + size
                    + " but its source has size " + sizes[0]);
        }
    }

    @Override
    public double[] evaluate(double[][] inputs) {
        double[] x = inputs[0];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] > 0 ? x[i] : 0.0;
        }
        return y;
    }

    @Override
    public float[] evaluateFloat(float[][] inputs) {
        float[] x = inputs[0];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] > 0 ? x[i] : 0f;
        }
        return y;
    }

    @Override
    public double[][] interval(double[][] lower, double[][] upper) {
        double[] l = lower[0];
        double[] u = upper[0];
        double[] lo = new double[size];
        double[] hi = new double[size];
        for (int i = 0; i < size; i++) {
            lo[i] = Math.max(l[i], 0.0);
            hi[i] = Math.max(u[i], 0.0);
        }
        return new double[][] {lo, hi};
    }

    @Override
    public void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                         ReluLines lines) {
        double[] out = fromCoef[0];
        double[] ls = lines.lowerSlope();
        double[] li = lines.lowerIntercept();
        double[] us = lines.upperSlope();
        double[] ui = lines.upperIntercept();
        for (int r = 0; r < rows; r++) {
            boolean lowerRow = r < lowerRows;
            int base = r * size;
            double c = 0;
            for (int i = 0; i < size; i++) {
                double a = coef[base + i];
                if (a == 0) {
                    continue;
                }
                boolean useLower = (a > 0) == lowerRow;
                if (useLower) {
                    out[base + i] += a * ls[i];
                    c += a * li[i];
                } else {
                    out[base + i] += a * us[i];
                    c += a * ui[i];
                }
            }
            constant[r] += c;
        }
    }

    /**
     * The lines themselves hold in exact arithmetic (their intercepts are rounded for that, see
     * {@link ReluLines#chord}); the error is that of the products a·slope added onto the source coefficients
     * and of the sum of a·intercept.
     */
    @Override
    public void backwardError(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[][] magnitude,
                              ReluLines lines, double[] slack) {
        double[] m = magnitude[0];
        double[] out = fromCoef[0];
        double mSum = RoundingError.total(m);
        double[] ls = lines.lowerSlope();
        double[] li = lines.lowerIntercept();
        double[] us = lines.upperSlope();
        double[] ui = lines.upperIntercept();
        for (int r = 0; r < rows; r++) {
            boolean lowerRow = r < lowerRows;
            int base = r * size;
            double x = 0;
            double c = 0;
            for (int i = 0; i < size; i++) {
                double a = coef[base + i];
                if (a == 0) {
                    continue;
                }
                boolean useLower = (a > 0) == lowerRow;
                double s = useLower ? ls[i] : us[i];
                double t = useLower ? li[i] : ui[i];
                x += (Math.abs(a * s) + Math.abs(out[base + i])) * m[i];
                c += Math.abs(a * t);
            }
            slack[r] += RoundingError.coefficients(1, x, mSum) + RoundingError.sum(size, c);
        }
    }

    /** Equal forms stay equal unless they use a neuron whose lower and upper lines differ. */
    @Override
    public boolean keepsFormsEqual(double[] coef, int rows, ReluLines lines) {
        double[] ls = lines.lowerSlope();
        double[] li = lines.lowerIntercept();
        double[] us = lines.upperSlope();
        double[] ui = lines.upperIntercept();
        for (int i = 0; i < size; i++) {
            if (ls[i] == us[i] && li[i] == ui[i]) {
                continue;
            }
            for (int r = 0; r < rows; r++) {
                if (coef[r * size + i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Slopes are >= 0, so the lower line applies to the lower form and the upper line to the upper form. */
    @Override
    public double[][] forward(double[][] low, double[][] high, int width, ReluLines lines) {
        double[] srcLo = low[0];
        double[] srcHi = high[0];
        double[] lo = new double[width * size];
        double[] hi = new double[width * size];
        double[] ls = lines.lowerSlope();
        double[] us = lines.upperSlope();
        for (int t = 0; t < width; t++) {
            int o = t * size;
            for (int i = 0; i < size; i++) {
                lo[o + i] = ls[i] * srcLo[o + i];
                hi[o + i] = us[i] * srcHi[o + i];
            }
        }
        double[] li = lines.lowerIntercept();
        double[] ui = lines.upperIntercept();
        int o = (width - 1) * size;
        for (int i = 0; i < size; i++) {
            lo[o + i] += li[i];
            hi[o + i] += ui[i];
        }
        return new double[][] {lo, hi};
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.relu(this);
    }

    /** Every entry goes to the sink's ReLU encoding. */
    @Override
    public void encode(int[][] sources, int[] outputs, LinearSink sink) {
        int[] z = sources[0];
        for (int i = 0; i < size; i++) {
            sink.relu(source, i, z[i], outputs[i]);
        }
    }
}
