package org.relucert.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable feed-forward ReLU network: a DAG of {@link Node}s listed in topological order
 * (every node reads only the input or earlier nodes) with one designated output node.
 */
public final class Network {
    /** Index that stands for the network input in {@link Node#from()}. */
    public static final int INPUT = -1;
    /** Reserved name of the input vector. */
    public static final String INPUT_NAME = "input";

    private final int inputSize;
    private final List<Node> nodes;
    private final int output;

    /**
     * @throws IllegalArgumentException when a node reads a later node, sizes do not match,
     *                                  names repeat or the output index is out of range
     */
    public Network(int inputSize, List<Node> nodes, int output) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + inputSize);
        }
        this.inputSize = inputSize;
        this.nodes = List.copyOf(nodes);
        this.output = output;
        validate();
    }

    private void validate() {
        Set<String> names = new HashSet<>();
        names.add(INPUT_NAME);
        for (int j = 0; j < nodes.size(); j++) {
            Node n = nodes.get(j);
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("duplicate node name '" + n.name() + "'");
            }
            int[] from = n.from();
            for (int f : from) {
                if (f < INPUT || f >= j) {
                    throw new IllegalArgumentException("node '" + n.name() + "' reads node " + f
                            + ", which is not defined before it");
                }
            }
            int[] sizes = new int[from.length];
            for (int k = 0; k < from.length; k++) {
                sizes[k] = sizeOf(from[k]);
            }
            n.checkSources(sizes);
        }
        if (output < 0 || output >= nodes.size()) {
            throw new IllegalArgumentException("output index " + output + " out of range");
        }
    }

    /** Dimension of the input vector. */
    public int inputSize() { return inputSize; }

    /** The nodes in topological order (unmodifiable). */
    public List<Node> nodes() { return nodes; }

    /** Node at index j. */
    public Node node(int j) { return nodes.get(j); }

    /** Index of the output node. */
    public int output() { return output; }

    /** Dimension of the output vector. */
    public int outputSize() { return nodes.get(output).size(); }

    /** Size of node j, or the input size for {@link #INPUT}. */
    public int sizeOf(int j) {
        return j == INPUT ? inputSize : nodes.get(j).size();
    }

    /** Name of node j, or {@value #INPUT_NAME}. */
    public String nameOf(int j) {
        return j == INPUT ? INPUT_NAME : nodes.get(j).name();
    }

    /** Index of the node with the given name, {@link #INPUT} for "input", or -2 when absent. */
    public int indexOf(String name) {
        if (INPUT_NAME.equals(name)) {
            return INPUT;
        }
        for (int j = 0; j < nodes.size(); j++) {
            if (nodes.get(j).name().equals(name)) {
                return j;
            }
        }
        return -2;
    }

    /**
     * Node j as a ReLU node, or null when it is another kind (or {@link #INPUT}): the one place outside the
     * node classes that asks a node's kind, for the analyses that treat ReLU neurons specially (splitting,
     * slopes, hulls).
     */
    public Relu relu(int j) {
        return j != INPUT && nodes.get(j) instanceof Relu r ? r : null;
    }

    /** Total number of ReLU neurons. */
    public int reluCount() {
        int n = 0;
        for (int j = 0; j < nodes.size(); j++) {
            Relu r = relu(j);
            n += r == null ? 0 : r.size();
        }
        return n;
    }

    /** Exact output at one point. */
    public double[] evaluate(double[] x) {
        return evaluateAll(x)[output];
    }

    /** Exact values of every node at one point (index j holds node j). */
    public double[][] evaluateAll(double[] x) {
        if (x.length != inputSize) {
            throw new IllegalArgumentException("point has " + x.length + " entries, network expects " + inputSize);
        }
        double[][] values = new double[nodes.size()][];
        for (int j = 0; j < nodes.size(); j++) {
            Node n = nodes.get(j);
            int[] from = n.from();
            double[][] in = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                in[k] = from[k] == INPUT ? x : values[from[k]];
            }
            values[j] = n.evaluate(in);
        }
        return values;
    }

    /**
     * The output in single precision (see {@link Node#evaluateFloat}): x rounded to float32, every node
     * evaluated in float32 arithmetic, as onnxruntime does when VNN-COMP checks a counterexample.
     */
    public float[] evaluateFloat(double[] x) {
        if (x.length != inputSize) {
            throw new IllegalArgumentException("point has " + x.length + " entries, network expects " + inputSize);
        }
        float[] x32 = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x32[i] = (float) x[i];
        }
        float[][] values = new float[nodes.size()][];
        for (int j = 0; j < nodes.size(); j++) {
            Node n = nodes.get(j);
            int[] from = n.from();
            float[][] in = new float[from.length][];
            for (int k = 0; k < from.length; k++) {
                in[k] = from[k] == INPUT ? x32 : values[from[k]];
            }
            values[j] = n.evaluateFloat(in);
        }
        return values[output];
    }

    /** Exact outputs at many points. */
    public double[][] evaluateBatch(double[][] xs) {
        double[][] out = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            out[i] = evaluate(xs[i]);
        }
        return out;
    }

    /** Indices of the nodes that feed at least one ReLU node. */
    public boolean[] feedsRelu() {
        boolean[] feeds = new boolean[nodes.size()];
        for (int j = 0; j < nodes.size(); j++) {
            Relu r = relu(j);
            if (r != null && r.source() != INPUT) {
                feeds[r.source()] = true;
            }
        }
        return feeds;
    }

    /** A copy with the nodes replaced; convenient for transforms. */
    public Network withNodes(List<Node> newNodes, int newOutput) {
        return new Network(inputSize, new ArrayList<>(newNodes), newOutput);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && inputSize == n.inputSize && output == n.output && nodes.equals(n.nodes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {inputSize, output, nodes});
    }

    @Override
    public String toString() {
        return "Network[inputs=" + inputSize + ", nodes=" + nodes.size() + ", output=" + nameOf(output) + "]";
    }
}
