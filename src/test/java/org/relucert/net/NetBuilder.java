package org.relucert.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Test helper that builds networks from weight arrays: add nodes by name, refer to earlier nodes by
 * name ("input" for the input), and finish with {@link #output(String)}.
 */
public final class NetBuilder {
    private final int inputs;
    private final List<Node> nodes = new ArrayList<>();

    public NetBuilder(int inputs) {
        this.inputs = inputs;
    }

    /** Adds y = W * concat(from...) + b; {@code weight} has one row per output. */
    public NetBuilder affine(String name, double[][] weight, double[] bias, String... from) {
        int[] idx = new int[from.length];
        int[] sizes = new int[from.length];
        for (int k = 0; k < from.length; k++) {
            idx[k] = index(from[k]);
            sizes[k] = idx[k] == Network.INPUT ? inputs : nodes.get(idx[k]).size();
        }
        nodes.add(Affine.of(name, idx, sizes, weight, bias));
        return this;
    }

    /** Adds y = relu(source). */
    public NetBuilder relu(String name, String source) {
        int s = index(source);
        nodes.add(new Relu(name, s, s == Network.INPUT ? inputs : nodes.get(s).size()));
        return this;
    }

    /** Adds an affine node and a relu of it named {@code name}, reading {@code from}. */
    public NetBuilder reluLayer(String name, double[][] weight, double[] bias, String... from) {
        affine(name + "_pre", weight, bias, from);
        return relu(name, name + "_pre");
    }

    /** The network with the named output node. */
    public Network output(String name) {
        return new Network(inputs, nodes, index(name));
    }

    private int index(String name) {
        if (Network.INPUT_NAME.equals(name)) {
            return Network.INPUT;
        }
        for (int j = 0; j < nodes.size(); j++) {
            if (nodes.get(j).name().equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("no node " + name);
    }

    /** Shorthand for a matrix literal. */
    public static double[][] m(double[]... rows) {
        return rows;
    }

    /** Shorthand for a vector literal. */
    public static double[] v(double... xs) {
        return xs;
    }
}
