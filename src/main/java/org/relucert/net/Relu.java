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

    /**
     * {@inheritDoc}
     *
     * <p>Per coefficient a, the lower line where a's sign and the row's side ask for it, else the upper line.
     * The lines themselves hold in exact arithmetic (their intercepts are rounded for that, see
     * {@link ReluLines#chord}); the rounding error is that of the products a·slope added onto the source
     * coefficients and of the sum of a·intercept, bounded in the same loop.
     */
    @Override
    public void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                         ReluLines lines, RoundingSlack error) {
        double[] out = fromCoef[0];
        double[] ls = lines.lowerSlope();
        double[] li = lines.lowerIntercept();
        double[] us = lines.upperSlope();
        double[] ui = lines.upperIntercept();
        double[] m = error == null ? null : error.magnitude()[0];
        double mSum = m == null ? 0 : error.magnitudeTotal();
        for (int r = 0; r < rows; r++) {
            // the line is picked by bits, not a branch: the signs of the coefficients follow no pattern
            long upperRow = r < lowerRows ? 0L : -1L;
            int base = r * size;
            double c = 0;
            double x = 0;
            double t = 0;
            for (int i = 0; i < size; i++) {
                double a = coef[base + i];
                if (a == 0) {
                    continue;
                }
                // all ones where the upper line applies: a < 0 on a lower row, a > 0 on an upper row
                long upper = (Double.doubleToRawLongBits(a) >> 63) ^ upperRow;
                double as = a * pick(ls[i], us[i], upper);
                double ab = a * pick(li[i], ui[i], upper);
                double v = out[base + i] + as;
                out[base + i] = v;
                c += ab;
                if (m != null) {
                    x += (Math.abs(as) + Math.abs(v)) * m[i];
                    t += Math.abs(ab);
                }
            }
            constant[r] += c;
            if (m != null) {
                error.add(r, 1, x, mSum, size, t);
            }
        }
    }

    /** {@code ifZero} where {@code mask} is 0, {@code ifOnes} where it is all ones. */
    private static double pick(double ifZero, double ifOnes, long mask) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(ifZero) & ~mask)
                | (Double.doubleToRawLongBits(ifOnes) & mask));
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
