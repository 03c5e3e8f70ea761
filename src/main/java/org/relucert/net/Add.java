package org.relucert.net;

import java.util.Arrays;
import org.relucert.Limits;

/**
 * y = x_1 + ... + x_k, elementwise, of k >= 2 earlier nodes of one size and shape (a residual connection).
 * No dense weight: back-substitution hands the same coefficients to every source.
 */
public final class Add implements Node {
    private final String name;
    private final int[] from;
    private final int[] shape;
    private final int size;

    /** @param shape the common shape of the sources (and of the sum), e.g. {c, h, w} or {n} */
    public Add(String name, int[] from, int[] shape) {
        if (from.length < 2) {
            throw new IllegalArgumentException("add node '" + name + "' needs at least two sources");
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("add node '" + name + "': shape has no entries");
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException("add node '" + name + "': shape " + Arrays.toString(shape)
                        + " has a non-positive entry");
            }
            dims[i] = shape[i];
        }
        int s;
        try {
            s = (int) Limits.entries(dims);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("add node '" + name + "': " + e.getMessage());
        }
        this.name = name;
        this.from = from.clone();
        this.shape = shape.clone();
        this.size = s;
    }

    @Override public String name() { return name; }
    @Override public int[] from() { return from.clone(); }
    @Override public int size() { return size; }
    @Override public int[] shape() { return shape.clone(); }

    @Override
    public void checkSources(int[] sizes) {
        for (int k = 0; k < sizes.length; k++) {
            if (sizes[k] != size) {
                throw new IllegalArgumentException("add node '" + name + "': source " + k + " has size " + sizes[k]
                        + " but the sum has size " + size);
            }
        }
    }

    @Override
    public double[] evaluate(double[][] inputs) {
        return sum(inputs);
    }

    @Override
    public float[] evaluateFloat(float[][] inputs) {
        float[] y = inputs[0].clone();
        for (int k = 1; k < inputs.length; k++) {
            for (int i = 0; i < y.length; i++) {
                y[i] += inputs[k][i];
            }
        }
        return y;
    }

    /** The elementwise sum of equally long arrays. */
    private static double[] sum(double[][] xs) {
        double[] y = xs[0].clone();
        for (int k = 1; k < xs.length; k++) {
            double[] x = xs[k];
            for (int i = 0; i < y.length; i++) {
                y[i] += x[i];
            }
        }
        return y;
    }

    @Override
    public double[][] interval(double[][] lower, double[][] upper) {
        double[] lo = sum(lower);
        double[] hi = sum(upper);
        // outward rounding: k - 1 additions per entry, each off by at most u times its result
        double[][] mags = new double[from.length][];
        for (int k = 0; k < from.length; k++) {
            mags[k] = RoundingError.magnitude(lower[k], upper[k]);
        }
        double[] mag = sum(mags);
        for (int i = 0; i < lo.length; i++) {
            if (exact(lower, i) && exact(upper, i)) {
                continue; // every addition exact: nothing to pad (keeps exact zeros)
            }
            double e = RoundingError.sum(from.length, mag[i]);
            lo[i] = RoundingError.down(lo[i], e);
            hi[i] = RoundingError.up(hi[i], e);
        }
        return new double[][] {lo, hi};
    }

    /** Whether the sum of entry i of the sources, in order, is computed exactly. */
    private static boolean exact(double[][] xs, int i) {
        double s = xs[0][i];
        for (int k = 1; k < xs.length; k++) {
            if (!AffineInterval.exactSum(s, xs[k][i])) {
                return false;
            }
            s += xs[k][i];
        }
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each source coefficient gains one addition of the coefficient: its error is at most u times the new
     * value, bounded in the same pass.
     */
    @Override
    public void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                         ReluLines lines, RoundingSlack error) {
        double mSum = error == null ? 0 : error.magnitudeTotal();
        for (int r = 0; r < rows; r++) {
            int base = r * size;
            double x = 0;
            for (int k = 0; k < fromCoef.length; k++) {
                double[] out = fromCoef[k];
                if (error == null) {
                    for (int i = base; i < base + size; i++) {
                        out[i] += coef[i];
                    }
                    continue;
                }
                double[] m = error.magnitude()[k];
                for (int i = 0; i < size; i++) {
                    double v = out[base + i] + coef[base + i];
                    out[base + i] = v;
                    if (v != 0) {
                        x += Math.abs(v) * m[i];
                    }
                }
            }
            if (error != null) {
                error.add(r, 1, x, mSum, 0, 0);
            }
        }
    }

    @Override
    public double[][] forward(double[][] low, double[][] high, int width, ReluLines lines) {
        return new double[][] {sum(low), sum(high)};
    }

    /** y_i = x1_i + ... + xk_i, one row per entry. */
    @Override
    public void encode(int[][] sources, int[] outputs, LinearSink sink) {
        double[] ones = new double[from.length];
        Arrays.fill(ones, 1.0);
        for (int i = 0; i < size; i++) {
            int[] vars = new int[from.length];
            for (int k = 0; k < from.length; k++) {
                vars[k] = sources[k][i];
            }
            sink.define(outputs[i], vars, ones.clone(), 0.0);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.add(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Add a && name.equals(a.name) && Arrays.equals(from, a.from)
                && Arrays.equals(shape, a.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(from);
    }

    @Override
    public String toString() {
        return "Add[" + name + ", " + from.length + " x " + size + "]";
    }
}
