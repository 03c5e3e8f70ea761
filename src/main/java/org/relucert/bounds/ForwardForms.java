package org.relucert.bounds;

import java.util.Arrays;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.ReluLines;
import org.relucert.net.RoundingError;

/**
 * The forward symbolic pass over a box: per node, lower and upper linear forms over the input, coefficient-major
 * (entry {@code t * size + r} is the coefficient of input t in the form of entry r, the constant last;
 * {@link Node#forward}), built node by node in topological order with each node's own rule, and per entry a
 * rigorous bound of the forms' rounding error over the box ({@link FormError}), which {@link #concretise} adds
 * outward. Used by the verifier for low-dimensional inputs, where it is cheaper than back-substitution and
 * tighter than intervals. Not thread-safe; one instance per box.
 */
public final class ForwardForms {
    private final Network net;
    private final Box box;
    private final double[][] low;
    private final double[][] high;
    private final double[][] error;
    private final double[][] magnitude;
    private final double[] input;
    private final double[] m;
    private final double mSum;
    private final int width;

    public ForwardForms(Network net, Box box) {
        int nodes = net.nodes().size();
        int dim = box.dim();
        this.net = net;
        this.box = box;
        low = new double[nodes][];
        high = new double[nodes][];
        error = new double[nodes][];
        magnitude = new double[nodes][];
        width = dim + 1;
        input = new double[width * dim];
        for (int i = 0; i < dim; i++) {
            input[i * dim + i] = 1.0;
        }
        m = FormError.weights(box.lower(), box.upper());
        mSum = FormError.total(m);
    }

    /**
     * The forms of node j from those of its sources (stepped before); {@code lines} are a ReLU node's lines
     * (slopes >= 0, valid on its source's bounds), null for every other node.
     */
    public void step(int j, ReluLines lines) {
        Node node = net.node(j);
        int[] from = node.from();
        double[][] lo = new double[from.length][];
        double[][] hi = new double[from.length][];
        double[][] e = new double[from.length][];
        double[][] a = new double[from.length][];
        for (int k = 0; k < from.length; k++) {
            boolean in = from[k] == Network.INPUT;
            lo[k] = in ? input : low[from[k]];
            hi[k] = in ? input : high[from[k]];
            e[k] = in ? new double[width - 1] : error[from[k]];
            a[k] = in ? Arrays.copyOf(m, width - 1) : RoundingError.enabled() ? magnitude(from[k]) : null;
        }
        double[][] f = node.forward(lo, hi, width, lines);
        low[j] = f[0];
        high[j] = f[1];
        if (!RoundingError.enabled()) {
            error[j] = new double[node.size()]; // the benchmark's naive baseline only
            return;
        }
        error[j] = lines != null ? FormError.relu(lines, e[0], a[0], mSum) : FormError.linear(node, e, a, mSum);
    }

    /** Sound bounds of node j over the box: its forms' extremes, widened by their rounding-error bound. */
    public Bounds concretise(int j) {
        int size = net.sizeOf(j);
        Bounds b = LinearBounds.concretiseColumns(low[j], high[j], size, box.lower(), box.upper());
        double[] l = new double[size];
        double[] u = new double[size];
        double[] e = error[j];
        for (int r = 0; r < size; r++) {
            l[r] = RoundingError.down(b.lower()[r], e[r]);
            u[r] = RoundingError.up(b.upper()[r], e[r]);
        }
        return new Bounds(l, u);
    }

    /** The magnitudes of node j's forms, computed once. */
    private double[] magnitude(int j) {
        if (magnitude[j] == null) {
            magnitude[j] = FormError.magnitude(low[j], high[j], net.sizeOf(j), m);
        }
        return magnitude[j];
    }
}
