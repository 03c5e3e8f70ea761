package org.relucert.net;

/**
 * One node of a {@link Network}: a vector-valued operation over earlier nodes.
 *
 * <p>Each node kind is one class that knows its rules: exact evaluation, interval propagation (IBP),
 * symbolic back-substitution (the backward linear-relaxation step), the forward symbolic step and its
 * LP encoding ({@link #encode}).
 * Inputs are referred to by node index; {@link Network#INPUT} stands for the network input.
 * Arrays handed to or returned by nodes are owned by the node and must not be modified.
 */
public sealed interface Node permits Affine, Relu, Conv, Add, Select {

    /** The node's unique name. */
    String name();

    /** Indices of the nodes this node reads, in order ({@link Network#INPUT} for the input). */
    int[] from();

    /** Number of entries of the vector this node produces. */
    int size();

    /**
     * The tensor shape of the output, e.g. {channels, height, width} (flattened channel-major into the
     * vector of {@link #size()} entries) or {size} for a plain vector.
     */
    default int[] shape() {
        return new int[] {size()};
    }

    /**
     * Checks the sizes of the source nodes, in the order of {@link #from()}.
     *
     * @throws IllegalArgumentException naming this node when a size does not fit
     */
    void checkSources(int[] sizes);

    /** Exact value of this node given the values of its {@link #from()} nodes, in order. */
    double[] evaluate(double[][] inputs);

    /**
     * The value in single precision, as an ONNX runtime computes it: weights rounded to float32 (exact for
     * weights read from a float32 ONNX file) and every product and sum rounded to float32. Used to re-check
     * counterexamples where VNN-COMP judges them (onnxruntime in float32); the summation order may differ
     * from a runtime's, so agreement is up to a few float32 roundings per sum.
     */
    float[] evaluateFloat(float[][] inputs);

    /**
     * Interval image of the given input intervals (IBP rule); returns {lower, upper}.
     * {@code lower[k]} and {@code upper[k]} are the bounds of the k-th {@code from} node.
     */
    double[][] interval(double[][] lower, double[][] upper);

    /**
     * Back-substitution step through this node.
     *
     * <p>{@code coef} holds, row-major, {@code rows} linear forms over this node's output
     * ({@code rows x size()}); the first {@code lowerRows} rows are being bounded from below, the
     * others from above (back-substitution passes {@code lowerRows == rows} for forms whose lower and
     * upper versions are equal, after {@link #keepsFormsEqual} said so). The step adds the equivalent
     * (or, for a ReLU, soundly relaxed) coefficients on each source into {@code fromCoef[k]}
     * ({@code rows x size of source k}) and the constant parts into {@code constant} ({@code rows}).
     * With an {@code error} accumulator it also adds, per row, the rigorous bound of its own rounding error
     * there (see {@link RoundingSlack}), in the same step: one place for the line choice and the products.
     *
     * @param lines linear bounds of each ReLU neuron of this node; ignored by nodes that are exact
     * @param error where to add the step's rounding-error bound, or null: the forms are the floating-point
     *              ones, without that guarantee
     */
    void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                  ReluLines lines, RoundingSlack error);

    /** {@link #backward(double[], int, int, double[][], double[], ReluLines, RoundingSlack)} without error bound. */
    default void backward(double[] coef, int rows, int lowerRows, double[][] fromCoef, double[] constant,
                          ReluLines lines) {
        backward(coef, rows, lowerRows, fromCoef, constant, lines, null);
    }

    /**
     * Forward symbolic step: lower and upper linear forms of this node's entries over some variables,
     * given those of its sources. Forms are stored coefficient-major: entry {@code t * size + r} is the
     * coefficient of variable t in the form of entry r, and the last of the {@code width} variables is the
     * constant 1. {@code low[k]} and {@code high[k]} are the forms of source k ({@code width x size_k});
     * returns {low, high} for this node ({@code width x size()}).
     *
     * @param lines linear bounds of each ReLU neuron of this node (lower slopes in [0, 1]); ignored by
     *              nodes that are exact
     */
    double[][] forward(double[][] low, double[][] high, int width, ReluLines lines);

    /**
     * LP rule: writes this node's constraints into {@code sink}. {@code sources[k]} are the variables of
     * the entries of source k (in the order of {@link #from()}), {@code outputs} those of this node's
     * entries. An exact linear node defines every output entry by one sparse row
     * ({@link LinearSink#define}); a ReLU hands every entry to {@link LinearSink#relu}.
     */
    void encode(int[][] sources, int[] outputs, LinearSink sink);

    /**
     * True when {@link #backward} maps equal lower and upper forms to equal forms for these
     * coefficients ({@code rows x size()}), i.e. the step is exact on every entry they use.
     * Back-substitution then keeps one copy of the forms instead of two.
     */
    default boolean keepsFormsEqual(double[] coef, int rows, ReluLines lines) {
        return true;
    }

    /**
     * Calls the visitor's method for this node's kind. Code outside the node classes that must treat each
     * kind in its own way (the file writers) goes through this instead of asking {@code instanceof}; a new
     * kind adds a method here, and the compiler then lists every place that must handle it.
     */
    <R> R accept(Visitor<R> visitor);

    /** One method per node kind; see {@link #accept}. */
    interface Visitor<R> {
        R affine(Affine node);

        R relu(Relu node);

        R conv(Conv node);

        R add(Add node);

        R select(Select node);
    }
}
