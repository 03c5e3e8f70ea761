package org.relucert.net;

import java.util.Arrays;

/**
 * y = W * concat(from_1, ..., from_k) + b.
 *
 * <p>The weight is stored row-major in {@link #weight()} with {@link #size()} rows and
 * {@link #inputWidth()} columns; {@link #block(int)} gives the columns that act on one source.
 */
public final class Affine implements Node {
    private final String name;
    private final int[] from;
    private final int[] fromSizes;
    private final int[] offsets;
    private final int rows;
    private final int cols;
    private final double[] weight;
    private final double[] bias;
    private final double[][] blocks;
    private final AffineBackward kernel;

    /**
     * @param fromSizes sizes of the source nodes, in the order of {@code from}
     * @param weight    row-major, {@code bias.length} rows, {@code sum(fromSizes)} columns
     */
    public Affine(String name, int[] from, int[] fromSizes, double[] weight, double[] bias) {
        if (from.length == 0 || from.length != fromSizes.length) {
            throw new IllegalArgumentException("affine node " + name + " needs one size per source");
        }
        this.name = name;
        this.from = from.clone();
        this.fromSizes = fromSizes.clone();
        this.rows = bias.length;
        this.offsets = new int[from.length + 1];
        for (int k = 0; k < from.length; k++) {
            offsets[k + 1] = offsets[k] + fromSizes[k];
        }
        this.cols = offsets[from.length];
        if (weight.length != rows * cols) {
            throw new IllegalArgumentException("affine node " + name + ": weight has " + weight.length
                    + " entries, expected " + rows + " x " + cols);
        }
        this.weight = weight.clone();
        this.bias = bias.clone();
        this.blocks = new double[from.length][];
        for (int k = 0; k < from.length; k++) {
            blocks[k] = sliceColumns(offsets[k], fromSizes[k]);
        }
        this.kernel = new AffineBackward(this.fromSizes, blocks, this.bias, cols);
    }

    /** Convenience constructor from a dense weight matrix given as rows. */
    public static Affine of(String name, int[] from, int[] fromSizes, double[][] weightRows, double[] bias) {
        int cols = 0;
        for (int s : fromSizes) {
            cols += s;
        }
        double[] w = new double[weightRows.length * cols];
        for (int r = 0; r < weightRows.length; r++) {
            if (weightRows[r].length != cols) {
                throw new IllegalArgumentException("affine node " + name + ": weight row " + r + " has "
                        + weightRows[r].length + " entries, expected " + cols);
            }
            System.arraycopy(weightRows[r], 0, w, r * cols, cols);
        }
        return new Affine(name, from, fromSizes, w, bias);
    }

    private double[] sliceColumns(int start, int width) {
        double[] out = new double[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(weight, r * cols + start, out, r * width, width);
        }
        return out;
    }

    @Override public String name() { return name; }
    @Override public int[] from() { return from.clone(); }
    @Override public int size() { return rows; }

    /** Number of columns of the weight: the total size of the sources. */
    public int inputWidth() { return cols; }

    /** Sizes of the sources, in the order of {@link #from()}. */
    public int[] fromSizes() { return fromSizes.clone(); }

    /** Row-major weight, {@link #size()} x {@link #inputWidth()}. Do not modify. */
    public double[] weight() { return weight; }

    /** One weight entry. */
    public double weight(int row, int col) { return weight[row * cols + col]; }

    /** Bias vector. Do not modify. */
    public double[] bias() { return bias; }

    /** Row-major columns of the weight acting on source k: {@link #size()} x fromSizes[k]. Do not modify. */
    public double[] block(int k) { return blocks[k]; }

    /** Weight as rows (a fresh copy). */
    public double[][] weightRows() {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(weight, r * cols, out[r], 0, cols);
        }
        return out;
    }

    @Override
    public void checkSources(int[] sizes) {
        for (int k = 0; k < from.length; k++) {
            if (sizes[k] != fromSizes[k]) {
                throw new IllegalArgumentException("node '" + name + "': source " + k + " has size "
                        + sizes[k] + " but the weight expects " + fromSizes[k]);
            }
        }
    }

    @Override
    public double[] evaluate(double[][] inputs) {
        double[] y = bias.clone();
        for (int k = 0; k < from.length; k++) {
            double[] x = inputs[k];
            double[] w = blocks[k];
            int n = fromSizes[k];
            for (int r = 0; r < rows; r++) {
                y[r] += dot(w, r * n, x, n);
            }
        }
        return y;
    }

    @Override
    public float[] evaluateFloat(float[][] inputs) {
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            float s = 0;
            for (int k = 0; k < from.length; k++) {
                s = Float32.dot(blocks[k], r * fromSizes[k], inputs[k], fromSizes[k], s);
            }
            y[r] = s + (float) bias[r];
        }
        return y;
    }

    /** w[base..base+n) · x with four partial sums, which lets the multiply-adds overlap. */
    private static double dot(double[] w, int base, double[] x, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 3 < n; c += 4) {
            s0 += w[base + c] * x[c];
            s1 += w[base + c + 1] * x[c + 1];
            s2 += w[base + c + 2] * x[c + 2];
            s3 += w[base + c + 3] * x[c + 3];
        }
        for (; c < n; c++) {
            s0 += w[base + c] * x[c];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Interval image, rounded outward: each sum is padded by the bound of its rounding error
     * ({@link RoundingError#sum}: the absolute terms |w|·max(|l|, |u|) summed alongside) and moved one ulp out,
     * unless every product and addition of the sum was exact (checked with the exact residuals of fma and
     * TwoSum), so that bounds that are exactly 0, e.g. of a stable neuron, stay 0. A box symmetric about 0
     * (the rounding-error bounds of forward forms ask for [-v, v]) takes one sum per row instead of three
     * ({@link SymmetricInterval}).
     */
    @Override
    public double[][] interval(double[][] lower, double[][] upper) {
        if (SymmetricInterval.isSymmetric(lower, upper)) {
            return SymmetricInterval.image(blocks, fromSizes, bias, cols, upper);
        }
        double[] lo = bias.clone();
        double[] hi = bias.clone();
        double[] mag = new double[rows];
        boolean[] inexact = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            mag[r] = Math.abs(bias[r]);
        }
        for (int k = 0; k < from.length; k++) {
            double[] l = lower[k];
            double[] u = upper[k];
            double[] w = blocks[k];
            int n = fromSizes[k];
            double[] m = RoundingError.magnitude(l, u);
            for (int r = 0; r < rows; r++) {
                double a = 0;
                double b = 0;
                boolean off = false;
                int base = r * n;
                int c = 0;
                // exactness scan, until the first inexact product or addition (usually within a few terms)
                for (; c < n && !off; c++) {
                    double v = w[base + c];
                    double pa = v >= 0 ? v * l[c] : v * u[c];
                    double pb = v >= 0 ? v * u[c] : v * l[c];
                    off = !exactProduct(v, v >= 0 ? l[c] : u[c], pa) || !exactProduct(v, v >= 0 ? u[c] : l[c], pb)
                            || !exactSum(a, pa) || !exactSum(b, pb);
                    a += pa;
                    b += pb;
                }
                if (c < n) {
                    // the rest: two partial sums per end, so the additions overlap (any order is within the bound)
                    double a1 = 0;
                    double b1 = 0;
                    for (; c + 1 < n; c += 2) {
                        double v0 = w[base + c];
                        double v1 = w[base + c + 1];
                        a += v0 >= 0 ? v0 * l[c] : v0 * u[c];
                        b += v0 >= 0 ? v0 * u[c] : v0 * l[c];
                        a1 += v1 >= 0 ? v1 * l[c + 1] : v1 * u[c + 1];
                        b1 += v1 >= 0 ? v1 * u[c + 1] : v1 * l[c + 1];
                    }
                    for (; c < n; c++) {
                        double v = w[base + c];
                        a += v >= 0 ? v * l[c] : v * u[c];
                        b += v >= 0 ? v * u[c] : v * l[c];
                    }
                    a += a1;
                    b += b1;
                }
                inexact[r] |= off || !exactSum(lo[r], a) || !exactSum(hi[r], b);
                lo[r] += a;
                hi[r] += b;
                mag[r] += RoundingError.absDot(w, base, m, n);
            }
        }
        for (int r = 0; r < rows; r++) {
            if (inexact[r]) {
                double e = RoundingError.sum(cols + from.length, mag[r]);
                lo[r] = RoundingError.down(lo[r], e);
                hi[r] = RoundingError.up(hi[r], e);
            }
        }
        return new double[][] {lo, hi};
    }

    /**
     * Whether p = fl(v·x) is the exact product: fma residual 0, finite, and |p| >= 2^-969 so that the residual
     * cannot underflow.
     */
    static boolean exactProduct(double v, double x, double p) {
        if (v == 0 || x == 0) {
            return p == 0;
        }
        return Math.abs(p) >= 0x1p-969 && Double.isFinite(p) && Math.fma(v, x, -p) == 0;
    }

    /** Whether fl(a + b) is the exact sum (TwoSum residual 0, finite). */
    static boolean exactSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        return Double.isFinite(s) && (a - (s - bb)) + (b - bb) == 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Columns of {@code coef} that are zero in every row (e.g. stable-inactive neurons after a ReLU)
     * contribute nothing; when there are enough of them the product runs on the used columns only. Sparse
     * coefficients (e.g. unit rows of single neurons, or an identity query) and few rows skip the product
     * altogether: each non-zero coefficient adds its multiple of one weight row.
     */
    @Override
    public void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                         ReluLines lines, RoundingSlack error) {
        kernel.backward(coef, rows, fromCoef, constant, error);
    }

    /** Positive and negative parts of each block, transposed (entry c * rows + r); made on first use. */
    private volatile double[][][] signed;

    private double[][][] signedBlocks() {
        double[][][] s = signed;
        if (s == null) {
            s = new double[from.length][2][];
            for (int k = 0; k < from.length; k++) {
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

    /** Runs along the neurons in the inner loop, skipping source entries whose forms are zero. */
    @Override
    public double[][] forward(double[][] low, double[][] high, int width, ReluLines lines) {
        double[][][] s = signedBlocks();
        double[] lo = new double[width * rows];
        double[] hi = new double[width * rows];
        int last = (width - 1) * rows;
        System.arraycopy(bias, 0, lo, last, rows);
        System.arraycopy(bias, 0, hi, last, rows);
        boolean equal = true;
        for (int k = 0; k < from.length; k++) {
            equal &= low[k] == high[k];
        }
        if (equal) {
            // the same forms below and above (e.g. the input's): one product, and the upper forms are a copy
            for (int k = 0; k < from.length; k++) {
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
        for (int k = 0; k < from.length; k++) {
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

    /** One sparse row per output entry over the concatenated sources (zero weights left out). */
    @Override
    public void encode(int[][] sources, int[] outputs, LinearSink sink) {
        int[] vars = new int[cols];
        double[] coefs = new double[cols];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (int k = 0; k < from.length; k++) {
                int[] src = sources[k];
                for (int c = 0; c < fromSizes[k]; c++) {
                    double w = weight[r * cols + offsets[k] + c];
                    if (w != 0) {
                        vars[n] = src[c];
                        coefs[n++] = w;
                    }
                }
            }
            sink.define(outputs[r], Arrays.copyOf(vars, n), Arrays.copyOf(coefs, n), bias[r]);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.affine(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && name.equals(a.name) && Arrays.equals(from, a.from)
                && Arrays.equals(fromSizes, a.fromSizes) && Arrays.equals(weight, a.weight)
                && Arrays.equals(bias, a.bias);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(weight);
    }

    @Override
    public String toString() {
        return "Affine[" + name + ", " + rows + "x" + cols + "]";
    }
}
