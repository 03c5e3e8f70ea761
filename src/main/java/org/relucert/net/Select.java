package org.relucert.net;

import java.util.Arrays;
import org.relucert.Limits;

/**
 * y_i = x_{k(i)}[p(i)]: every entry copies one entry of one of the sources, an index map with no weight.
 * Covers the rearrangements of computed values (Transpose, Concat of several nodes, Squeeze, Pad-free
 * gathers, MaxPool window lists). Evaluation and intervals copy exactly; back-substitution scatters the
 * coefficients onto the source entries, where several output entries reading one source entry add up.
 */
public final class Select implements Node {
    private final String name;
    private final int[] from;
    private final int[] fromSizes;
    private final int[] source;
    private final int[] position;
    private final int[] shape;

    /**
     * @param from      the distinct nodes read
     * @param fromSizes their sizes, in the same order
     * @param source    per output entry, the index into {@code from} of the source it copies
     * @param position  per output entry, the entry of that source it copies
     * @param shape     the output shape (its entries multiply to {@code source.length})
     */
    public Select(String name, int[] from, int[] fromSizes, int[] source, int[] position, int[] shape) {
        if (from.length == 0 || from.length != fromSizes.length) {
            throw new IllegalArgumentException("select node '" + name + "' needs one size per source");
        }
        if (source.length == 0 || source.length != position.length) {
            throw new IllegalArgumentException("select node '" + name + "' needs a source and a position per entry");
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException("select node '" + name + "': shape " + Arrays.toString(shape)
                        + " has a non-positive entry");
            }
            dims[i] = shape[i];
        }
        long entries;
        try {
            entries = shape.length == 0 ? 0 : Limits.entries(dims);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("select node '" + name + "': " + e.getMessage());
        }
        if (entries != source.length) {
            throw new IllegalArgumentException("select node '" + name + "': shape " + Arrays.toString(shape)
                    + " does not hold " + source.length + " entries");
        }
        for (int i = 0; i < source.length; i++) {
            if (source[i] < 0 || source[i] >= from.length || position[i] < 0 || position[i] >= fromSizes[source[i]]) {
                throw new IllegalArgumentException("select node '" + name + "': entry " + i + " reads entry "
                        + position[i] + " of source " + source[i] + ", which does not exist");
            }
        }
        this.name = name;
        this.from = from.clone();
        this.fromSizes = fromSizes.clone();
        this.source = source.clone();
        this.position = position.clone();
        this.shape = shape.clone();
    }

    /** A selection from one source. */
    public Select(String name, int from, int fromSize, int[] position, int[] shape) {
        this(name, new int[] {from}, new int[] {fromSize}, new int[position.length], position, shape);
    }

    @Override public String name() { return name; }
    @Override public int[] from() { return from.clone(); }
    @Override public int size() { return source.length; }
    @Override public int[] shape() { return shape.clone(); }

    /** The sizes of the sources, in the order of {@link #from()}. */
    public int[] fromSizes() { return fromSizes.clone(); }

    /** Per output entry, the index into {@link #from()} of the source it copies. */
    public int[] sources() { return source.clone(); }

    /** Per output entry, the entry of its source it copies. */
    public int[] positions() { return position.clone(); }

    @Override
    public void checkSources(int[] sizes) {
        for (int k = 0; k < sizes.length; k++) {
            if (sizes[k] != fromSizes[k]) {
                throw new IllegalArgumentException("select node '" + name + "': source " + k + " has size " + sizes[k]
                        + " but the node reads a source of size " + fromSizes[k]);
            }
        }
    }

    @Override
    public double[] evaluate(double[][] inputs) {
        double[] y = new double[source.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = inputs[source[i]][position[i]];
        }
        return y;
    }

    @Override
    public float[] evaluateFloat(float[][] inputs) {
        float[] y = new float[source.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = inputs[source[i]][position[i]];
        }
        return y;
    }

    /** An exact copy of the selected bounds: no arithmetic, nothing to round. */
    @Override
    public double[][] interval(double[][] lower, double[][] upper) {
        return new double[][] {evaluate(lower), evaluate(upper)};
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each output coefficient is added onto its source entry: one addition, off by at most u times the new
     * value (exact when the entry held zero), bounded in the same pass as {@link Add} does. Entries read by
     * several outputs take several additions, each bounded.
     */
    @Override
    public void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                         ReluLines lines, RoundingSlack error) {
        int size = source.length;
        double mSum = error == null ? 0 : error.magnitudeTotal();
        for (int r = 0; r < rows; r++) {
            int base = r * size;
            double x = 0;
            for (int i = 0; i < size; i++) {
                double c = coef[base + i];
                if (c == 0) {
                    continue;
                }
                int k = source[i];
                int at = r * fromSizes[k] + position[i];
                double[] out = fromCoef[k];
                double before = out[at];
                double v = before + c;
                out[at] = v;
                if (error != null && before != 0 && v != 0) {
                    x += Math.abs(v) * error.magnitude()[k][position[i]];
                }
            }
            if (error != null) {
                error.add(r, 1, x, mSum, 0, 0);
            }
        }
    }

    @Override
    public double[][] forward(double[][] low, double[][] high, int width, ReluLines lines) {
        int size = source.length;
        double[] lo = new double[width * size];
        double[] hi = new double[width * size];
        for (int t = 0; t < width; t++) {
            for (int i = 0; i < size; i++) {
                int k = source[i];
                lo[t * size + i] = low[k][t * fromSizes[k] + position[i]];
                hi[t * size + i] = high[k][t * fromSizes[k] + position[i]];
            }
        }
        return new double[][] {lo, hi};
    }

    /** y_i = x_{k(i)}[p(i)], one row per entry. */
    @Override
    public void encode(int[][] sources, int[] outputs, LinearSink sink) {
        for (int i = 0; i < source.length; i++) {
            sink.define(outputs[i], new int[] {sources[source[i]][position[i]]}, new double[] {1.0}, 0.0);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.select(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Select s && name.equals(s.name) && Arrays.equals(from, s.from)
                && Arrays.equals(fromSizes, s.fromSizes) && Arrays.equals(source, s.source)
                && Arrays.equals(position, s.position) && Arrays.equals(shape, s.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(position);
    }

    @Override
    public String toString() {
        return "Select[" + name + ", " + source.length + " of " + from.length + " sources]";
    }
}
