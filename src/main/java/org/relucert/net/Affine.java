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
    private final AffineForward forwardKernel;

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
        this.forwardKernel = new AffineForward(this.fromSizes, blocks, this.bias);
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
     * TwoSum), so that bounds that are exactly 0, e.g. of a stable neuron, stay 0 (the general rule is in
     * {@link AffineInterval}). A box symmetric about 0 (the rounding-error bounds of forward forms ask for
     * [-v, v]) takes one sum per row instead of three ({@link SymmetricInterval}).
     */
    @Override
    public double[][] interval(double[][] lower, double[][] upper) {
        if (SymmetricInterval.isSymmetric(lower, upper)) {
            return SymmetricInterval.image(blocks, fromSizes, bias, cols, upper);
        }
        return AffineInterval.image(blocks, fromSizes, bias, cols, lower, upper);
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

    /** Runs along the neurons in the inner loop, skipping source entries whose forms are zero (see AffineForward). */
    @Override
    public double[][] forward(double[][] low, double[][] high, int width, ReluLines lines) {
        return forwardKernel.forward(low, high, width);
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
